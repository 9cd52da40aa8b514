package org.netconform.suites.wsserver;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.netconform.reference.websocket.Utf8Validator;

/**
 * Reassembles the server's data frames into messages leniently (the harness must see what a broken
 * server sends) and records what breaks the sender's fragmentation and UTF-8 rules on the way.
 */
final class InboundMessages {
    private int opcode = -1;
    private ByteArrayOutputStream buf;
    private int frames;

    /** Takes a data frame (opcode 0, 1 or 2); returns the message it completes, or null. */
    InMessage accept(InFrame f, List<SenderViolation> violations) {
        if (f.opcode() == 0) {
            if (opcode < 0) {
                violations.add(new SenderViolation(SenderRule.CONTINUATION_IN_MESSAGE,
                        "a continuation frame with no message in progress"));
                return null;
            }
        } else {
            if (opcode >= 0) {
                violations.add(new SenderViolation(SenderRule.NO_INTERLEAVED_MESSAGES,
                        "a new data frame (opcode " + f.opcode() + ") inside a fragmented message"));
            }
            opcode = f.opcode();
            buf = new ByteArrayOutputStream();
            frames = 0;
        }
        buf.writeBytes(f.payload());
        frames++;
        if (!f.fin()) {
            return null;
        }
        byte[] p = buf.toByteArray();
        if (opcode == 1 && !Utf8Validator.isValid(p)) {
            violations.add(new SenderViolation(SenderRule.VALID_UTF8, "a text message that is not valid UTF-8"));
        }
        InMessage m = new InMessage(opcode, p, frames);
        opcode = -1;
        buf = null;
        return m;
    }
}
