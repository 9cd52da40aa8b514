package org.netconform.suites.websocket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.netconform.harness.Observation;
import org.netconform.harness.Values;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;
import org.opentest4j.TestAbortedException;

/** Feeding a codec in chops, reading back what it delivered, and logging both for the report. */
final class Wire {
    /** Wire-log lines per execution; beyond it lines are counted, not written. */
    private static final int LOG_LINES = 400;
    private static final ThreadLocal<int[]> LOGGED = ThreadLocal.withInitial(() -> new int[1]);

    private Wire() {
    }

    /** How the octets of a stream are split into reads (Autobahn's chop modes). */
    enum Chop {
        /** Everything in one read. */
        WHOLE,
        /** One read per frame. */
        PER_FRAME,
        /** One octet per read. */
        PER_OCTET;

        List<byte[]> split(List<byte[]> frames) {
            return switch (this) {
                case WHOLE -> List.of(concat(frames));
                case PER_FRAME -> frames;
                case PER_OCTET -> {
                    byte[] all = concat(frames);
                    List<byte[]> out = new ArrayList<>(all.length);
                    for (byte b : all) {
                        out.add(new byte[] {b});
                    }
                    yield out;
                }
            };
        }
    }

    /** Chop modes worth running for a stream of this size (per-octet only for small inputs). */
    static List<Chop> chopsFor(List<byte[]> frames) {
        return concat(frames).length <= 300_000 ? List.of(Chop.values()) : List.of(Chop.WHOLE, Chop.PER_FRAME);
    }

    /** What one receiver delivered for one input. */
    record Result(Role receivingAs, String chop, List<CodecEvent> events, int failedAtChop) {
        Optional<CodecEvent.Failure> failure() {
            return events.stream().filter(CodecEvent.Failure.class::isInstance).map(CodecEvent.Failure.class::cast)
                    .findFirst();
        }

        boolean failed() {
            return failure().isPresent();
        }

        /** Everything delivered but the failure. */
        List<CodecEvent> delivered() {
            return events.stream().filter(e -> !(e instanceof CodecEvent.Failure)).toList();
        }

        OptionalInt closeCode() {
            return failure().map(CodecEvent.Failure::closeCode).orElse(OptionalInt.empty());
        }

        /**
         * The data messages, whether the library reassembled them or delivered frames (joined here,
         * in order; a message whose last frame has not arrived is left out).
         */
        List<Msg> messages() {
            List<Msg> out = new ArrayList<>();
            ByteArrayOutputStream buf = null;
            int type = -1;
            for (CodecEvent e : events) {
                if (e instanceof CodecEvent.Message m) {
                    out.add(new Msg(m.opcode(), m.payload()));
                } else if (e instanceof CodecEvent.DataFrame f) {
                    if (f.opcode() != CodecEvent.CONTINUATION || buf == null) {
                        buf = new ByteArrayOutputStream();
                        type = f.opcode();
                    }
                    buf.writeBytes(f.payload());
                    if (f.fin()) {
                        out.add(new Msg(type, buf.toByteArray()));
                        buf = null;
                    }
                }
            }
            return out;
        }

        List<CodecEvent.Control> controls() {
            return events.stream().filter(CodecEvent.Control.class::isInstance).map(CodecEvent.Control.class::cast)
                    .toList();
        }

        String summary() {
            return receivingAs.name().toLowerCase() + " decoder, " + chop + ": "
                    + (events.isEmpty() ? "nothing" : String.join("; ", events.stream().map(CodecEvent::describe).toList()));
        }
    }

    /** A data message as the suite compares it. */
    record Msg(int opcode, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Msg m && m.opcode == opcode && java.util.Arrays.equals(m.payload, payload);
        }

        @Override
        public int hashCode() {
            return opcode * 31 + java.util.Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return CodecEvent.opcodeName(opcode) + " " + CodecEvent.octets(payload);
        }
    }

    static Result decode(WebSocketCodec codec, Role receivingAs, Limits limits, Chop chop, List<byte[]> frames) {
        return feed(codec.receiver(receivingAs, limits), receivingAs, chop.name().toLowerCase().replace('_', ' '),
                chop.split(frames));
    }

    static Result decode(WebSocketCodec codec, Role receivingAs, Chop chop, List<byte[]> frames) {
        return decode(codec, receivingAs, Limits.DEFAULT, chop, frames);
    }

    /** Feeds the chops in order and logs octets in and events out. */
    static Result feed(WebSocketCodec.Receiver receiver, Role receivingAs, String chopName, List<byte[]> chops) {
        List<CodecEvent> events = new ArrayList<>();
        int failedAt = -1;
        log("== " + receivingAs.name().toLowerCase() + " decoder, " + chopName + " (" + chops.size() + " reads)");
        for (int i = 0; i < chops.size(); i++) {
            byte[] c = chops.get(i);
            log("  in  " + octets(c));
            List<CodecEvent> got;
            try {
                got = receiver.feed(c);
            } catch (RuntimeException crash) {
                // the SPI reports protocol errors as a Failure: an exception means the library crashed on the input
                log("  CRASH " + crash);
                throw new AssertionError("the " + receivingAs.name().toLowerCase() + " decoder crashed on read " + (i + 1)
                        + " (" + octets(c) + ") instead of failing the connection: " + crash, crash);
            }
            for (CodecEvent e : got) {
                log("  out " + e.describe());
            }
            events.addAll(got);
            if (failedAt < 0 && got.stream().anyMatch(CodecEvent.Failure.class::isInstance)) {
                failedAt = i;
                if (i + 1 < chops.size()) {
                    log("  (" + (chops.size() - i - 1) + " further reads after the failure)");
                }
                // keep feeding: a failed receiver must ignore the rest; it returns nothing
                for (int j = i + 1; j < chops.size(); j++) {
                    try {
                        events.addAll(receiver.feed(chops.get(j)));
                    } catch (RuntimeException crash) {
                        throw new AssertionError("the decoder crashed on input after its failure: " + crash, crash);
                    }
                }
                break;
            }
        }
        return new Result(receivingAs, chopName, List.copyOf(events), failedAt);
    }

    /** For INFO probes: what happened, a crash included, as one line. */
    static String outcome(java.util.function.Supplier<Result> run) {
        try {
            Result r = run.get();
            return r.failed() ? "fails " + (r.closeCode().isPresent() ? "with " + r.closeCode().getAsInt() : "without a code")
                    + (r.failure().get().closeFrameSent() ? " (close frame sent)" : "")
                    : "accepts" + (r.delivered().isEmpty() ? " (nothing delivered yet)" : "");
        } catch (AssertionError crash) {
            return "crashes: " + (crash.getCause() != null ? crash.getCause() : crash.getMessage());
        }
    }

    static void log(String line) {
        int[] n = LOGGED.get();
        if (n[0]++ < LOG_LINES) {
            Observation.wire(line);
        } else if (n[0] == LOG_LINES + 1) {
            Observation.wire("  ... (wire log truncated)");
        }
    }

    /** Starts a fresh wire-log budget; called at the start of each test through {@link #require}. */
    static void resetLog() {
        LOGGED.get()[0] = 0;
    }

    /** Octets for the wire log: how many, then all of them, or for more than 48 the first 32 and the last 8. */
    static String octets(byte[] b) {
        return "[" + b.length + "] " + (b.length <= 48 ? Values.hex(b)
                : Values.hex(b, 0, 32) + " ... " + Values.hex(b, b.length - 8, 8));
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * Aborts (UNSUPPORTED) when the codec does not own this check, with the adapter's reason; also
     * resets the wire-log budget for the test.
     */
    static void require(WebSocketCodec codec, String... capabilities) {
        resetLog();
        for (String cap : capabilities) {
            if (!codec.capabilities().contains(cap)) {
                throw new TestAbortedException("the codec does not own '" + cap + "': "
                        + codec.notOwned().getOrDefault(cap, "not declared by the adapter"));
            }
        }
    }

    /** The octets written in hex, spaced or not: {@code hex("81 05")}. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
