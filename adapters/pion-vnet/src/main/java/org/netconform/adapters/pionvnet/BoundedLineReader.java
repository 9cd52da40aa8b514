package org.netconform.adapters.pionvnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated UTF-8 lines from a child process, refusing any line longer than a limit,
 * so a shim that floods (no newline, or an endless line) cannot make the harness buffer without end.
 */
final class BoundedLineReader {
    /** A line went past the limit; the stream is left where the limit was hit. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("a line longer than " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;

    BoundedLineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or null at the end of the stream. */
    String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n < 0) {
                    // a last line without its newline is still a line; nothing at all is the end
                    return line.size() == 0 ? null : decode(line.toByteArray());
                }
                start = 0;
                end = n;
            }
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline < 0 ? end : newline;
            if (line.size() + (stop - start) > limit) {
                throw new LineTooLongException(limit);
            }
            line.write(buffer, start, stop - start);
            if (newline >= 0) {
                start = newline + 1;
                return decode(line.toByteArray());
            }
            start = end;
        }
    }

    private static String decode(byte[] bytes) {
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
