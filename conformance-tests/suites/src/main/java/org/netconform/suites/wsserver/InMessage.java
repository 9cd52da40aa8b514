package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A data message reassembled from the server's frames. {@code length} is its length on the wire; the payload
 * holds all of it unless the session cut it to stay within what a case keeps ({@link WsOptions#keepOctets()}:
 * a message equal to one the case expected is never cut, it shares the expected payload).
 */
public record InMessage(int opcode, byte[] payload, int frames, long length) {
    /** A message the session did not keep (opcode -1). */
    static final InMessage DROPPED = new InMessage(-1, new byte[0], 0, 0);

    public InMessage(int opcode, byte[] payload, int frames) {
        this(opcode, payload, frames, payload.length);
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Whether the payload was cut (it holds fewer octets than the message had). */
    boolean cut() {
        return payload.length < length;
    }

    InMessage cut(int n) {
        return payload.length <= n ? this : new InMessage(opcode, Arrays.copyOf(payload, n), frames, length);
    }
}
