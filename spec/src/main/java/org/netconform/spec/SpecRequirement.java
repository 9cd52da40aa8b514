package org.netconform.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One normative statement of the spec, as parsed from its area file.
 *
 * @param id        stable ID, e.g. {@code WS-FRAME-3}; never reused, never changes meaning
 * @param level     MUST, SHOULD, MAY or INFO
 * @param roles     who the requirement binds (e.g. receiver, client)
 * @param layers    where it can be checked
 * @param text      the requirement in prose
 * @param source    where it comes from (RFC and section, man page)
 * @param area      the area file's name without extension, e.g. {@code websocket}
 * @param file      the area file, for error messages and the report
 * @param line      the line of the heading in that file
 * @param withdrawn the reason it was withdrawn, if it was; a withdrawn ID stays in the spec
 */
public record SpecRequirement(String id, Level level, List<String> roles, Set<Layer> layers, String text,
                              String source, String area, String file, int line, Optional<String> withdrawn) {

    public boolean isWithdrawn() {
        return withdrawn.isPresent();
    }

    /** The ID's family, e.g. {@code WS-FRAME} for {@code WS-FRAME-3}. */
    public String family() {
        int dash = id.lastIndexOf('-');
        return dash > 0 ? id.substring(0, dash) : id;
    }
}
