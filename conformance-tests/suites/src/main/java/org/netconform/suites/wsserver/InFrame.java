package org.netconform.suites.wsserver;

/** A frame as the server sent it: its header fields exactly as written, the unmasked payload, and when it came. */
public record InFrame(boolean fin, int rsv, int opcode, boolean masked, int lengthOctets, long length, byte[] payload,
                      long atNanos) {
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
}
