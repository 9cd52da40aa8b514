package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.netconform.harness.Values;

/**
 * What a server sends on its own, unprompted (a text "heartbeat" every second, a welcome message, a
 * timestamp), so that the suite never takes it for the echo a case waits for. Learned before the cases
 * from an idle connection ({@link #learned}), or declared with {@code -Dnetconform.ws.unsolicited}
 * ({@link #declared}), which skips the learning:
 * <ul>
 *   <li>{@code none}: the server sends no data message on its own;</li>
 *   <li>{@code heartbeat} or {@code text:heartbeat}: a text message with exactly that content;</li>
 *   <li>{@code regex:^tick \d+$}: a text message the regular expression matches (binary messages are matched
 *       as ISO-8859-1 text);</li>
 *   <li>{@code hex:0102ff}: a binary message with exactly these octets.</li>
 * </ul>
 * An inbound message is an echo when it is the message the case expects next (same type and content: the
 * suite knows what it sent, and in which order); otherwise it is unsolicited when it matches, and else it
 * is taken as a (wrong) echo. Unsolicited messages are kept on the session, written to its wire log and
 * recorded by WS-CTRL-12; they never count as an echo or as data processed after an offending frame.
 */
public final class UnsolicitedMessages {
    public static final String PROPERTY = "netconform.ws.unsolicited";

    /** One shape of unsolicited message. */
    private record Shape(int opcode, byte[] exact, byte[] prefix, Pattern regex) {
        boolean matches(InMessage m) {
            if (opcode >= 0 && m.opcode() != opcode) {
                return false;
            }
            byte[] p = m.payload();
            if (exact != null) {
                return Arrays.equals(p, exact);
            }
            if (prefix != null) {
                return p.length >= prefix.length && Arrays.equals(p, 0, prefix.length, prefix, 0, prefix.length);
            }
            return regex.matcher(new String(p, m.opcode() == ServerCases.TEXT ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1)).find();
        }

        String describe() {
            String type = opcode == ServerCases.BINARY ? "binary" : opcode == ServerCases.TEXT ? "text" : "any";
            if (exact != null) {
                return type + " " + shown(exact);
            }
            if (prefix != null) {
                return type + " starting with " + shown(prefix);
            }
            return type + " matching /" + regex.pattern() + "/";
        }

        private String shown(byte[] b) {
            return opcode == ServerCases.TEXT ? "\"" + new String(b, StandardCharsets.UTF_8) + "\"" : Values.hex(b, 16);
        }
    }

    private static final UnsolicitedMessages NONE = new UnsolicitedMessages(List.of(), "none declared");

    private final List<Shape> shapes;
    private final String origin;

    private UnsolicitedMessages(List<Shape> shapes, String origin) {
        this.shapes = List.copyOf(shapes);
        this.origin = origin;
    }

    /** Nothing is unsolicited: every inbound message counts as an echo (the session before learning). */
    public static UnsolicitedMessages none() {
        return NONE;
    }

    /** The declaration in {@code -Dnetconform.ws.unsolicited}, or null when none was given. */
    public static UnsolicitedMessages fromProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? null : declared(v.strip());
    }

    /** Parses a declaration (see the class comment). */
    public static UnsolicitedMessages declared(String spec) {
        String origin = "declared (" + PROPERTY + "=" + spec + ")";
        if (spec.equals("none")) {
            return new UnsolicitedMessages(List.of(), origin);
        }
        if (spec.startsWith("regex:")) {
            try {
                return new UnsolicitedMessages(List.of(new Shape(-1, null, null, Pattern.compile(spec.substring(6)))),
                        origin);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(PROPERTY + ": not a regular expression: " + e.getMessage());
            }
        }
        if (spec.startsWith("hex:")) {
            return new UnsolicitedMessages(List.of(new Shape(ServerCases.BINARY,
                    HexFormat.of().parseHex(spec.substring(4).replace(" ", "")), null, null)), origin);
        }
        String text = spec.startsWith("text:") ? spec.substring(5) : spec;
        return new UnsolicitedMessages(List.of(new Shape(ServerCases.TEXT, text.getBytes(StandardCharsets.UTF_8), null,
                null)), origin);
    }

    /**
     * What the server sent on an idle connection during the learning window: each distinct message becomes a
     * shape; several distinct messages of one type that share a prefix of at least 4 octets (a counter, a
     * timestamp) become "starts with" that prefix.
     */
    public static UnsolicitedMessages learned(List<InMessage> seen, long windowMs) {
        String origin = "learned from an idle connection watched for " + windowMs + " ms";
        if (seen.isEmpty()) {
            return new UnsolicitedMessages(List.of(), origin);
        }
        List<Shape> shapes = new ArrayList<>();
        for (int opcode : new int[] {ServerCases.TEXT, ServerCases.BINARY}) {
            Set<String> distinct = new LinkedHashSet<>();
            List<byte[]> payloads = new ArrayList<>();
            for (InMessage m : seen) {
                if (m.opcode() == opcode && distinct.add(HexFormat.of().formatHex(m.payload()))) {
                    payloads.add(m.payload());
                }
            }
            if (payloads.isEmpty()) {
                continue;
            }
            int common = payloads.size() > 1 ? commonPrefix(payloads) : -1;
            if (common >= 4) {
                shapes.add(new Shape(opcode, null, Arrays.copyOf(payloads.get(0), common), null));
            } else {
                payloads.forEach(p -> shapes.add(new Shape(opcode, p, null, null)));
            }
        }
        return new UnsolicitedMessages(shapes, origin);
    }

    private static int commonPrefix(List<byte[]> payloads) {
        int n = payloads.get(0).length;
        for (byte[] p : payloads) {
            int mismatch = Arrays.mismatch(payloads.get(0), p);
            n = Math.min(n, mismatch < 0 ? p.length : mismatch);
        }
        return n;
    }

    /**
     * Whether {@code m} is an unsolicited message rather than an echo: never when it is exactly the message the
     * case expects next ({@code next}, null when the case expects nothing more), otherwise when a shape matches.
     */
    public boolean isUnsolicited(InMessage m, InMessage next) {
        if (next != null && next.opcode() == m.opcode() && Arrays.equals(next.payload(), m.payload())) {
            return false;
        }
        return shapes.stream().anyMatch(s -> s.matches(m));
    }

    /** Whether any message is expected unprompted. */
    public boolean any() {
        return !shapes.isEmpty();
    }

    /** One line for the report: what is taken as unsolicited, and where that came from. */
    public String describe() {
        return (shapes.isEmpty() ? "no unsolicited data messages" : "unsolicited: " + String.join("; ",
                shapes.stream().map(Shape::describe).toList())) + " (" + origin + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
