package org.netconform.suites.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.netconform.harness.Observation;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Shared receiving-side expectations, run for each receiving role and each chop mode. */
final class Checks {
    static final List<Role> BOTH = List.of(Role.SERVER, Role.CLIENT);

    private Checks() {
    }

    /** One labelled input: what it is, and its frames for a decoder of a given role. */
    record Case(String name, Function<Role, List<byte[]>> frames, int validFramesBefore) {
        static Case of(String name, Function<Role, List<byte[]>> frames) {
            return new Case(name, frames, 0);
        }
    }

    /**
     * Every case must fail the connection, for every role and chop: a Failure is reported and
     * nothing is delivered from the offending frame (at most the {@code validFramesBefore} frames
     * that precede it yield events). Returns every result, for further (code) checks.
     */
    static List<Wire.Result> mustFail(WebSocketCodec codec, List<Role> roles, Limits limits, List<Case> cases) {
        List<String> problems = new ArrayList<>();
        List<Wire.Result> all = new ArrayList<>();
        for (Case c : cases) {
            for (Role role : roles) {
                List<byte[]> frames = c.frames().apply(role);
                for (Wire.Chop chop : Wire.chopsFor(frames)) {
                    Wire.log("# " + c.name());
                    Wire.Result r = Wire.decode(codec, role, limits, chop, frames);
                    all.add(r);
                    if (!r.failed()) {
                        problems.add(c.name() + ": accepted by the " + r.summary());
                    } else if (r.delivered().size() > c.validFramesBefore()) {
                        problems.add(c.name() + ": delivered from the offending frame before failing: " + r.summary());
                    }
                }
            }
        }
        Observation.expected("the connection fails on each of: "
                + String.join("; ", cases.stream().map(Case::name).toList()));
        Observation.observed(problems.isEmpty() ? "failed on every input, every role and chop ("
                + all.size() + " runs)" : String.join("\n", problems));
        assertThat(problems).as("inputs not failed").isEmpty();
        return all;
    }

    static List<Wire.Result> mustFail(WebSocketCodec codec, List<Role> roles, List<Case> cases) {
        return mustFail(codec, roles, Limits.DEFAULT, cases);
    }

    /**
     * Every case must be accepted and deliver exactly {@code expected} messages (data, in order)
     * with no failure, for every role and chop; control frames are checked by the caller if needed.
     */
    static List<Wire.Result> mustDeliver(WebSocketCodec codec, List<Role> roles, Limits limits, Case c,
                                         List<Wire.Msg> expected, List<Integer> expectedControls) {
        List<String> problems = new ArrayList<>();
        List<Wire.Result> all = new ArrayList<>();
        for (Role role : roles) {
            List<byte[]> frames = c.frames().apply(role);
            for (Wire.Chop chop : Wire.chopsFor(frames)) {
                Wire.log("# " + c.name());
                Wire.Result r = Wire.decode(codec, role, limits, chop, frames);
                all.add(r);
                List<Integer> controls = r.controls().stream().map(CodecEvent.Control::opcode).toList();
                if (r.failed()) {
                    problems.add(c.name() + ": failed: " + r.summary());
                } else if (!r.messages().equals(expected)) {
                    problems.add(c.name() + ": delivered " + r.messages() + ", expected " + expected + " ("
                            + r.summary() + ")");
                } else if (expectedControls != null && !controls.equals(expectedControls)) {
                    problems.add(c.name() + ": control frames " + controls + ", expected " + expectedControls);
                }
            }
        }
        if (!problems.isEmpty()) {
            Observation.observed(String.join("\n", problems));
        }
        assertThat(problems).as(c.name()).isEmpty();
        return all;
    }

    static List<Wire.Result> mustDeliver(WebSocketCodec codec, List<Role> roles, Case c, List<Wire.Msg> expected) {
        return mustDeliver(codec, roles, Limits.DEFAULT, c, expected, null);
    }

    static Wire.Msg text(String s) {
        return new Wire.Msg(CodecEvent.TEXT, In.utf8(s));
    }

    static Wire.Msg text(byte[] b) {
        return new Wire.Msg(CodecEvent.TEXT, b);
    }

    static Wire.Msg binary(byte[] b) {
        return new Wire.Msg(CodecEvent.BINARY, b);
    }

    /** Decoded header fields of an encoded frame, for judging what an encoder wrote. */
    record Header(boolean fin, int rsv, int opcode, boolean masked, int lengthOctets, long length, int maskKey,
                  int headerLength) {
        static Header parse(byte[] f) {
            boolean fin = (f[0] & 0x80) != 0;
            int rsv = (f[0] >>> 4) & 7;
            int op = f[0] & 0xF;
            boolean masked = (f[1] & 0x80) != 0;
            int len7 = f[1] & 0x7F;
            int p = 2;
            long len;
            int lenOctets;
            if (len7 == 126) {
                len = (f[2] & 0xFFL) << 8 | (f[3] & 0xFFL);
                p = 4;
                lenOctets = 2;
            } else if (len7 == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = len << 8 | (f[2 + i] & 0xFF);
                }
                p = 10;
                lenOctets = 8;
            } else {
                len = len7;
                lenOctets = 0;
            }
            int key = 0;
            if (masked) {
                key = (f[p] & 0xFF) << 24 | (f[p + 1] & 0xFF) << 16 | (f[p + 2] & 0xFF) << 8 | (f[p + 3] & 0xFF);
                p += 4;
            }
            return new Header(fin, rsv, op, masked, lenOctets, len, key, p);
        }

        /** The payload of the encoded frame {@code f}, unmasked. */
        byte[] payload(byte[] f) {
            byte[] out = java.util.Arrays.copyOfRange(f, headerLength, f.length);
            if (masked) {
                for (int i = 0; i < out.length; i++) {
                    out[i] ^= (byte) (maskKey >>> (24 - 8 * (i & 3)));
                }
            }
            return out;
        }
    }
}
