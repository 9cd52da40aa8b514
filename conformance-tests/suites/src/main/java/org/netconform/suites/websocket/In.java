package org.netconform.suites.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Role;

/**
 * Test input: frames as a peer of a given role puts them on the wire, built with the reference's
 * {@link RawFrameWriter} (which writes whatever it is told, violations included). Frames from a
 * client are masked, with keys that differ from frame to frame; frames from a server are not.
 */
final class In {
    private static final int[] KEYS = {0x37fa213d, 0x9a0b1c2d, 0x01020304, 0xdeadbeef, 0x5a5a0ff0, 0x7f000001};
    private static final ThreadLocal<int[]> NEXT = ThreadLocal.withInitial(() -> new int[1]);

    private In() {
    }

    /** A frame with this opcode, FIN and payload, otherwise default (no RSV, minimal length). */
    static RawFrameWriter raw(int opcode, boolean fin, byte[] payload) {
        return RawFrameWriter.frame().opcode(opcode).fin(fin).payload(payload);
    }

    /** The octets of {@code w} as a peer of role {@code sender} sends it: masked by a client. */
    static byte[] from(Role sender, RawFrameWriter w) {
        int[] n = NEXT.get();
        return (sender == Role.CLIENT ? w.mask(KEYS[n[0]++ % KEYS.length]) : w.unmasked()).toBytes();
    }

    /** The frames a decoder of role {@code receiver} gets: built as its peer sends them. */
    static List<byte[]> to(Role receiver, RawFrameWriter... frames) {
        List<byte[]> out = new ArrayList<>();
        for (RawFrameWriter w : frames) {
            out.add(from(receiver.peer(), w));
        }
        return out;
    }

    static Function<Role, List<byte[]>> stream(RawFrameWriter... frames) {
        return r -> to(r, frames);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static RawFrameWriter text(String s) {
        return raw(CodecEvent.TEXT, true, utf8(s));
    }

    static RawFrameWriter text(byte[] b, boolean fin) {
        return raw(CodecEvent.TEXT, fin, b);
    }

    static RawFrameWriter binary(byte[] b) {
        return raw(CodecEvent.BINARY, true, b);
    }

    static RawFrameWriter cont(byte[] b, boolean fin) {
        return raw(CodecEvent.CONTINUATION, fin, b);
    }

    static RawFrameWriter ping(byte[] b) {
        return raw(CodecEvent.PING, true, b);
    }

    static RawFrameWriter pong(byte[] b) {
        return raw(CodecEvent.PONG, true, b);
    }

    static RawFrameWriter close(byte[] body) {
        return raw(CodecEvent.CLOSE, true, body);
    }

    /** A Close body with this code and reason octets, as is. */
    static byte[] closeBody(int code, byte[] reason) {
        byte[] b = new byte[2 + reason.length];
        b[0] = (byte) (code >>> 8);
        b[1] = (byte) code;
        System.arraycopy(reason, 0, b, 2, reason.length);
        return b;
    }

    static byte[] filled(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed + (i >>> 8));
        }
        return b;
    }

    static byte[] ascii(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }
}
