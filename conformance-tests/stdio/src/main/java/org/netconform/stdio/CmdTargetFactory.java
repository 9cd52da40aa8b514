package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.spi.Target;
import org.netconform.spi.TargetFactory;

/**
 * The {@code cmd:} selector: {@code -Dnetconform.target=cmd:./my-adapter --flag} runs a program that
 * speaks the stdio protocol; {@code cmd:@path/to/target.json} reads a target file that names the
 * program, its ID, areas and capabilities (docs/stdio-protocol.md). A command line is split at white
 * space, and may hold no comma (the selector list is comma-separated): use a target file then.
 *
 * <p>Without a target file the program is started at once, to learn from its hello what it is: its
 * ID ({@code target}, else {@code cmd-} and the program's file name), its areas and capabilities. A
 * program that does not complete the handshake still becomes a target, one that offers every area and
 * fails every case that calls it, with the reason: ERROR, never a silent absence.
 */
public final class CmdTargetFactory implements TargetFactory {
    public static final String PREFIX = "cmd:";

    @Override
    public Optional<Target> forSelector(String selector) {
        if (!selector.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = selector.substring(PREFIX.length()).strip();
        if (rest.startsWith("@")) {
            Path file = Path.of(rest.substring(1));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no target file at " + file.toAbsolutePath() + " (from " + selector + ")");
            }
            return Optional.of(new StdioTarget(TargetSpec.fromFile(file)));
        }
        List<String> command = Arrays.asList(rest.split("\\s+"));
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("cmd: names no command");
        }
        return Optional.of(fromCommand(command));
    }

    static String idFor(List<String> command) {
        String name = Path.of(command.get(0)).getFileName().toString().toLowerCase().replaceAll("[^a-z0-9.\\-]+", "-");
        return "cmd-" + name.replaceAll("^-+|-+$", "");
    }

    static StdioTarget fromCommand(List<String> command) {
        TargetSpec.Prepared launch = TargetSpec.Prepared.ready(command, null, Map.of());
        String fallbackId = idFor(command);
        TargetSpec probe = new TargetSpec(fallbackId, "stdio target " + String.join(" ", command), Map.of(),
                TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> launch);
        Session probing = new Session(probe);
        try {
            JsonNode hello = probing.hello();
            String id = hello.path("target").asText(fallbackId);
            if (!id.matches("[a-z0-9][a-z0-9.\\-]*")) {
                id = fallbackId;
            }
            JsonNode impl = hello.path("implementation");
            String description = hello.path("description").asText(impl.isMissingNode() ? probe.description()
                    : impl.path("name").asText("?") + " " + impl.path("version").asText("") + ", run as " + String.join(" ", command));
            Map<String, TargetSpec.Area> areas = TargetSpec.areasOf(hello.get("areas"), "hello of " + String.join(" ", command));
            TargetSpec spec = new TargetSpec(id, description, areas, TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> launch);
            return new StdioTarget(spec, probing.adopt(spec));
        } catch (RuntimeException e) {
            // every area, so that every case that could call it says why it cannot
            Map<String, TargetSpec.Area> all = new LinkedHashMap<>();
            for (String area : List.of("byteorder", "udp", "wscodec", "wsclient", "nat")) {
                all.put(area, new TargetSpec.Area(area, TargetSpec.AREA_LAYERS.get(area), java.util.Set.of(),
                        Json.object()));
            }
            TargetSpec spec = new TargetSpec(fallbackId, probe.description() + " (did not start: " + e.getMessage() + ")",
                    all, TargetSpec.DEFAULT_REQUEST_TIMEOUT, () -> launch);
            return new StdioTarget(spec, probing.adopt(spec));
        }
    }
}
