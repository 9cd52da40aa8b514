package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;

/** A data message reassembled from the server's frames. */
public record InMessage(int opcode, byte[] payload, int frames) {
    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
