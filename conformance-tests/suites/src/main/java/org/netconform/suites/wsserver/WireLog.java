package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;
import org.netconform.harness.Values;

/**
 * One session's wire log: timestamped lines and how frames are written into them. Bounded whatever the
 * server sends: the first {@value #HEAD_CHARS} characters, then the last {@value #TAIL_LINES} lines (each
 * at most {@value #LINE_CHARS} characters) and how many lines were left out between them. Control
 * characters a server sent are escaped ({@link Values#printable}).
 */
final class WireLog {
    static final int HEAD_CHARS = 24 * 1024;
    static final int TAIL_LINES = 64;
    static final int LINE_CHARS = 1024;

    private final long start = System.nanoTime();
    private final StringBuilder head = new StringBuilder();
    private final String[] tail = new String[TAIL_LINES];
    private long tailed;
    private long omitted;
    private long omittedChars;

    void note(String line) {
        String text = String.format("%9.3f ms  ", (System.nanoTime() - start) / 1e6) + Values.printable(line) + "\n";
        if (tailed == 0 && head.length() + text.length() <= HEAD_CHARS) {
            head.append(text);
            return;
        }
        if (text.length() > LINE_CHARS) {
            text = text.substring(0, LINE_CHARS) + "... (" + text.length() + " characters)\n";
        }
        int slot = (int) (tailed % TAIL_LINES);
        if (tail[slot] != null) {
            omitted++;
            omittedChars += tail[slot].length();
        }
        tail[slot] = text;
        tailed++;
    }

    String text() {
        StringBuilder sb = new StringBuilder(head);
        if (omitted > 0) {
            sb.append("... ").append(omitted).append(" lines (").append(omittedChars)
                    .append(" characters) left out: a wire log keeps its first ").append(HEAD_CHARS / 1024)
                    .append(" KiB and its last ").append(TAIL_LINES).append(" lines ...\n");
        }
        long n = Math.min(tailed, TAIL_LINES);
        for (long i = tailed - n; i < tailed; i++) {
            sb.append(tail[(int) (i % TAIL_LINES)]);
        }
        return sb.toString();
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
