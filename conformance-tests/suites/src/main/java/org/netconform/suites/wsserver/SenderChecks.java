package org.netconform.suites.wsserver;

import java.util.List;
import org.netconform.reference.websocket.CloseCodes;
import org.netconform.reference.websocket.Utf8Validator;

/** The rules every frame a server sends must satisfy as a sender (RFC 6455 §5), checked frame by frame. */
final class SenderChecks {
    private SenderChecks() {
    }

    /**
     * Adds to {@code out} what {@code f} breaks on its own; {@code afterServerClose} says whether the
     * server had sent its Close before this frame.
     */
    static void check(InFrame f, boolean afterServerClose, List<SenderViolation> out) {
        String d = WireLog.describe(f);
        if (f.rsv() != 0) {
            out.add(new SenderViolation(SenderRule.RSV_CLEAR, "RSV bits set: " + d));
        }
        if (f.opcode() >= 3 && f.opcode() <= 7 || f.opcode() >= 0xB) {
            out.add(new SenderViolation(SenderRule.DEFINED_OPCODE, "reserved opcode: " + d));
        }
        if (f.lengthOctets() == 2 && f.length() <= 125 || f.lengthOctets() == 8 && f.length() <= 0xFFFF) {
            out.add(new SenderViolation(SenderRule.MINIMAL_LENGTH, "non-minimal length encoding: " + d));
        }
        if (f.masked()) {
            out.add(new SenderViolation(SenderRule.UNMASKED, "masked server frame: " + d));
        }
        if (f.isControl() && f.length() > 125) {
            out.add(new SenderViolation(SenderRule.CONTROL_AT_MOST_125, "control frame over 125 octets: " + d));
        }
        if (f.isControl() && !f.fin()) {
            out.add(new SenderViolation(SenderRule.CONTROL_HAS_FIN, "control frame without FIN: " + d));
        }
        if (f.opcode() == 8) {
            checkClose(f, d, out);
        }
        if (afterServerClose && (f.opcode() == 1 || f.opcode() == 2 || f.opcode() == 0)) {
            out.add(new SenderViolation(SenderRule.NO_DATA_AFTER_CLOSE, "data frame after the server's Close: " + d));
        }
    }

    private static void checkClose(InFrame f, String d, List<SenderViolation> out) {
        int c = f.closeCode();
        if (c == -2) {
            out.add(new SenderViolation(SenderRule.CLOSE_PAYLOAD_WELL_FORMED, "one-octet Close payload: " + d));
        } else if (c == 1005 || c == 1006 || c == 1015) {
            out.add(new SenderViolation(SenderRule.NO_RESERVED_CLOSE_CODE, "close code " + c + " on the wire: " + d));
        } else if (c >= 0 && !CloseCodes.isValidOnWire(c)) {
            out.add(new SenderViolation(SenderRule.CLOSE_CODE_VALID, "close code " + c + " is not valid on the wire: " + d));
        } else if (c >= 0 && !Utf8Validator.isValid(f.payload(), 2, f.payload().length - 2)) {
            out.add(new SenderViolation(SenderRule.VALID_UTF8, "Close reason not valid UTF-8: " + d));
        }
    }
}
