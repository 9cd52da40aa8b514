package org.netconform.reference.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP/1.1 head parser and serializer (RFC 9112 §2-§5), enough for the WebSocket opening
 * handshake and strict about size: live servers read the head byte by byte from an untrusted
 * peer, so {@link #headLength} refuses a head that grows past the limit before its end arrives.
 *
 * <p>Octets are read as ISO-8859-1 (RFC 9110 §5.5: field values are historically Latin-1;
 * anything else is opaque), lines end in CRLF (a bare LF is tolerated, RFC 9112 §2.2),
 * obsolete line folding is refused (§5.2), as are whitespace before a colon (§5.1) and
 * control characters in values.
 */
public final class HttpHeadCodec {

    /** Default limit for the whole head: request or status line, fields and the blank line. */
    public static final int DEFAULT_MAX_HEAD = 8 * 1024;

    private HttpHeadCodec() {
    }

    /**
     * Finds the end of a head that starts at {@code off}.
     *
     * @return the head's length including the blank line, or -1 if the end has not arrived yet
     * @throws HttpHeadException 431 if no end is found within {@code maxHead} octets
     */
    public static int headLength(byte[] buf, int off, int len, int maxHead) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (buf[i] == '\n') {
                // "\n\n" or "\r\n\r\n"
                if (i > off && buf[i - 1] == '\n') {
                    return check(i + 1 - off, maxHead);
                }
                if (i - 2 >= off && buf[i - 1] == '\r' && buf[i - 2] == '\n') {
                    return check(i + 1 - off, maxHead);
                }
            }
        }
        if (len > maxHead) {
            throw new HttpHeadException(431, "HTTP head over " + maxHead + " octets");
        }
        return -1;
    }

    private static int check(int length, int maxHead) {
        if (length > maxHead) {
            throw new HttpHeadException(431, "HTTP head over " + maxHead + " octets");
        }
        return length;
    }

    /**
     * Parses a complete request head (with or without the final blank line).
     *
     * @throws HttpHeadException (400) for anything that is not a well-formed request head: this method throws
     *         nothing else, whatever the octets
     */
    public static HttpRequestHead parseRequest(byte[] head) {
        List<String> lines = lines(head);
        String[] parts = lines.get(0).split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/")) {
            throw new HttpHeadException(400, "malformed request line: " + lines.get(0));
        }
        return new HttpRequestHead(parts[0], parts[1], parts[2], fields(lines));
    }

    /**
     * Parses a complete response head.
     *
     * @throws HttpHeadException (400) for anything that is not a well-formed response head, a status code
     *         outside 100-999 included: this method throws nothing else, whatever the octets
     */
    public static HttpResponseHead parseResponse(byte[] head) {
        List<String> lines = lines(head);
        String line = lines.get(0);
        int sp1 = line.indexOf(' ');
        if (sp1 < 0 || !line.startsWith("HTTP/") || line.length() < sp1 + 4) {
            throw new HttpHeadException(400, "malformed status line: " + line);
        }
        String code = line.substring(sp1 + 1, sp1 + 4);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')
                || line.length() > sp1 + 4 && line.charAt(sp1 + 4) != ' ') {
            throw new HttpHeadException(400, "malformed status line: " + line);
        }
        int status = Integer.parseInt(code);
        if (status < 100) {
            // RFC 9110 §15: a status code is three digits, 100 to 599 (and up to 999 tolerated as extension)
            throw new HttpHeadException(400, "malformed status line (status " + code + " below 100): " + line);
        }
        String reason = line.length() > sp1 + 5 ? line.substring(sp1 + 5) : "";
        return new HttpResponseHead(line.substring(0, sp1), status, reason, fields(lines));
    }

    public static byte[] serialize(HttpRequestHead r) {
        return serialize(r.method() + " " + r.target() + " " + r.version(), r.headers());
    }

    public static byte[] serialize(HttpResponseHead r) {
        return serialize(r.version() + " " + r.status() + " " + r.reason(), r.headers());
    }

    private static byte[] serialize(String startLine, HttpHeaders headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, startLine);
        for (HttpHeaders.Field f : headers.fields()) {
            if (f.value().indexOf('\r') >= 0 || f.value().indexOf('\n') >= 0 || f.name().indexOf(':') >= 0) {
                // refusing here keeps header injection out of anything built on this codec
                throw new IllegalArgumentException("header would break the head: " + f.name());
            }
            writeLine(out, f.name() + ": " + f.value());
        }
        writeLine(out, "");
        return out.toByteArray();
    }

    private static void writeLine(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\r');
        out.write('\n');
    }

    private static List<String> lines(byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                nl = s.length();
            }
            int end = nl > start && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            String line = s.substring(start, end);
            if (line.isEmpty()) {
                break; // the blank line ends the head
            }
            lines.add(line);
            start = nl + 1;
        }
        if (lines.isEmpty()) {
            throw new HttpHeadException(400, "empty HTTP head");
        }
        return lines;
    }

    private static HttpHeaders fields(List<String> lines) {
        List<HttpHeaders.Field> fields = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpHeadException(400, "obsolete line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpHeadException(400, "malformed header line: " + line);
            }
            String name = line.substring(0, colon);
            if (!isToken(name)) {
                throw new HttpHeadException(400, "malformed header name: " + name);
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new HttpHeadException(400, "control character in header " + name);
            }
            fields.add(new HttpHeaders.Field(name, value));
        }
        return HttpHeaders.of(fields);
    }

    /** RFC 9110 §5.6.2 token. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
