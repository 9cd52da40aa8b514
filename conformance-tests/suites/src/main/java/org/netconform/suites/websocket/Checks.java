package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.netconform.harness.Check;
import org.netconform.reference.websocket.Masking;
import org.netconform.reference.websocket.RawFrameHeader;
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
        Check.all("the connection fails on each of: " + String.join("; ", cases.stream().map(Case::name).toList()),
                problems, "failed on every input, every role and chop (" + all.size() + " runs)");
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
        String messages = expected.isEmpty() ? "no message" : expected.size() <= 4 ? expected.toString()
                : expected.size() + " messages";
        String controlFrames = expectedControls == null ? ""
                : ", and the control frames " + expectedControls.stream().map(CodecEvent::opcodeName).toList();
        Check.all(c.name() + ": " + messages + " delivered" + controlFrames + ", without a failure", problems,
                "as expected in every role and chop (" + all.size() + " runs)");
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

    /**
     * Everything after the header of an encoded frame, unmasked: the payload as the encoder wrote it,
     * whatever its length field says (a length that disagrees shows up as a payload that does). Fails
     * (a RuntimeException) when the frame is shorter than its header.
     */
    static byte[] payload(byte[] frame) {
        RawFrameHeader h = RawFrameHeader.of(frame);
        byte[] p = Arrays.copyOfRange(frame, h.headerLength(), frame.length);
        if (h.masked()) {
            Masking.unmask(p, 0, p.length, h.maskKey());
        }
        return p;
    }
}
