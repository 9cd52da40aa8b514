package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;
import org.netconform.harness.Values;

/** One session's wire log: timestamped lines, bounded, and how frames are written into it. */
final class WireLog {
    private static final int MAX_CHARS = 64 * 1024;
    private static final int CUT_TO = 60 * 1024;

    private final long start = System.nanoTime();
    private final StringBuilder log = new StringBuilder();

    void note(String line) {
        log.append(String.format("%9.3f ms  ", (System.nanoTime() - start) / 1e6)).append(line).append('\n');
        if (log.length() > MAX_CHARS) {
            log.setLength(CUT_TO);
            log.append("... (wire log cut at 60 KiB)\n");
        }
    }

    String text() {
        return log.toString();
    }

    static String describe(InFrame f) {
        String op = switch (f.opcode()) {
            case 0 -> "CONT";
            case 1 -> "TEXT";
            case 2 -> "BINARY";
            case 8 -> "CLOSE";
            case 9 -> "PING";
            case 0xA -> "PONG";
            default -> "opcode " + f.opcode();
        };
        StringBuilder sb = new StringBuilder(op).append(" fin=").append(f.fin() ? 1 : 0);
        if (f.rsv() != 0) {
            sb.append(" rsv=").append(f.rsv());
        }
        if (f.masked()) {
            sb.append(" MASKED");
        }
        sb.append(" len=").append(f.length());
        if (f.lengthOctets() > 0) {
            sb.append(" (").append(f.lengthOctets() * 8).append("-bit)");
        }
        byte[] p = f.payload();
        if (f.opcode() == 8 && p.length >= 2) {
            sb.append(" code=").append(f.closeCode());
            if (p.length > 2) {
                sb.append(" reason=\"").append(new String(p, 2, p.length - 2, StandardCharsets.UTF_8)).append('"');
            }
        } else if (p.length > 0) {
            sb.append(" payload=").append(Values.hex(p, 16));
        }
        return sb.toString();
    }

    /** A head or other text block, indented under its log line. */
    static String indent(String s) {
        return "    " + s.strip().replace("\r\n", "\n").replace("\n", "\n    ");
    }
}
