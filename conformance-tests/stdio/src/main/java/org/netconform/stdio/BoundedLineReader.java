package org.netconform.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated UTF-8 lines from a child process, refusing any line longer than a limit, so
 * a program that floods (no newline, or an endless line) cannot make the harness buffer without end.
 * It also counts every byte read, for the output budget.
 */
final class BoundedLineReader {
    /** A line went past the limit. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("a line longer than " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private long total;

    BoundedLineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Bytes read so far. */
    long total() {
        return total;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n < 0) {
                    // a last line without its newline is still a line; nothing at all is the end
                    return line == null || line.size() == 0 ? null : decode(line.toByteArray(), line.size());
                }
                total += n;
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
            int have = line == null ? 0 : line.size();
            if (have + (stop - start) > limit) {
                throw new LineTooLongException(limit);
            }
            if (newline >= 0 && line == null) {
                String s = decode(buffer, start, stop - start);
                start = newline + 1;
                return s;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(256, 2 * (stop - start)));
            }
            line.write(buffer, start, stop - start);
            if (newline >= 0) {
                start = newline + 1;
                return decode(line.toByteArray(), line.size());
            }
            start = end;
        }
    }

    private static String decode(byte[] bytes, int n) {
        return decode(bytes, 0, n);
    }

    private static String decode(byte[] bytes, int from, int n) {
        if (n > 0 && bytes[from + n - 1] == '\r') {
            n--;
        }
        return new String(bytes, from, n, StandardCharsets.UTF_8);
    }
}
