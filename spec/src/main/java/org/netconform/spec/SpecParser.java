package org.netconform.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one area file. A requirement is a level-3 heading followed by its text:
 *
 * <pre>
 * ### WS-FRAME-2 · MUST · receiver · codec, endpoint
 * A receiver fails the connection on a frame (data or control) with RSV1, RSV2 or RSV3 set when no
 * negotiated extension defines a meaning for it.
 * Source: RFC 6455 §5.2
 * Withdrawn: reason (optional; the ID stays reserved)
 * </pre>
 *
 * Every other line (prose, tables, lower headings) is commentary and ignored.
 */
final class SpecParser {
    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[0-9]+");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z-]*");
    private static final String SEP = "·";

    private SpecParser() {
    }

    static List<SpecRequirement> parse(String area, String file, List<String> lines) {
        List<SpecRequirement> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith("### ")) {
                i++;
                continue;
            }
            int headingLine = i + 1;
            String[] parts = Arrays.stream(line.substring(4).split(SEP)).map(String::strip).toArray(String[]::new);
            if (parts.length != 4) {
                throw new SpecFormatException(file, headingLine,
                        "a requirement heading is 'ID · LEVEL · roles · layers', got: " + line);
            }
            String id = parts[0];
            if (!ID.matcher(id).matches()) {
                throw new SpecFormatException(file, headingLine, "malformed ID '" + id + "' (expected e.g. WS-FRAME-3)");
            }
            Level level = level(file, headingLine, parts[1]);
            List<String> roles = roles(file, headingLine, parts[2]);
            Set<Layer> layers = layers(file, headingLine, parts[3]);

            StringBuilder text = new StringBuilder();
            String source = null;
            String withdrawn = null;
            boolean lastWasRow = false;
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("#")) {
                String body = lines.get(i).strip();
                if (body.startsWith("Source:")) {
                    source = body.substring("Source:".length()).strip();
                } else if (body.startsWith("Withdrawn:")) {
                    withdrawn = body.substring("Withdrawn:".length()).strip();
                } else if (!body.isEmpty() && source == null) {
                    // table rows keep their line breaks, so a reader (and the report) sees the table
                    boolean row = body.startsWith("|");
                    text.append(text.length() == 0 ? "" : row || lastWasRow ? "\n" : " ").append(body);
                    lastWasRow = row;
                }
                i++;
            }
            if (text.length() == 0) {
                throw new SpecFormatException(file, headingLine, id + " has no text");
            }
            if (source == null || source.isEmpty()) {
                throw new SpecFormatException(file, headingLine, id + " has no 'Source:' line");
            }
            out.add(new SpecRequirement(id, level, roles, layers, text.toString(), source, area, file, headingLine,
                    Optional.ofNullable(withdrawn)));
        }
        return out;
    }

    private static Level level(String file, int line, String word) {
        try {
            return Level.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new SpecFormatException(file, line, "unknown level '" + word + "' (one of MUST, SHOULD, MAY, INFO)");
        }
    }

    private static List<String> roles(String file, int line, String field) {
        List<String> roles = List.of(field.split("\\s*,\\s*"));
        for (String role : roles) {
            if (!ROLE.matcher(role).matches()) {
                throw new SpecFormatException(file, line, "malformed role '" + role + "' (lower-case words)");
            }
        }
        return roles;
    }

    private static Set<Layer> layers(String file, int line, String field) {
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        for (String word : field.split("\\s*,\\s*")) {
            try {
                layers.add(Layer.valueOf(word.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SpecFormatException(file, line, "unknown layer '" + word + "' (one of codec, model, endpoint)");
            }
        }
        return layers;
    }

    static Matcher idMatcher(String s) {
        return ID.matcher(s);
    }
}
