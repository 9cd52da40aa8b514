package org.netconform.suites.wsserver;

import java.util.Arrays;

/**
 * A frame as the server sent it: its header fields exactly as written, the unmasked payload, and when it came.
 * A session keeps a bounded number of frames and payload octets ({@link KeptList}, {@link WsOptions#keepOctets()}):
 * a kept frame's payload may then be cut ({@code payload().length < length()}; the message it belongs to was
 * assembled from all of it), and a frame from the middle of a flood reads as {@link #DROPPED}.
 */
public record InFrame(boolean fin, int rsv, int opcode, boolean masked, int lengthOctets, long length, byte[] payload,
                      long atNanos) {
    /** A frame the session did not keep (opcode -1, length -1). */
    static final InFrame DROPPED = new InFrame(true, 0, -1, false, 0, -1, new byte[0], 0);

    boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** The close code, -1 for a Close without status, -2 for a one-octet (invalid) payload. */
    int closeCode() {
        if (payload.length == 0) {
            return -1;
        }
        if (payload.length == 1) {
            return -2;
        }
        return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }

    /** This frame with at most the first {@code n} octets of its payload. */
    InFrame cut(int n) {
        return payload.length <= n ? this
                : new InFrame(fin, rsv, opcode, masked, lengthOctets, length, Arrays.copyOf(payload, n), atNanos);
    }
}
