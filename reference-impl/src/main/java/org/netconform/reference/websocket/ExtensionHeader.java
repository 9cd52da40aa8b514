package org.netconform.reference.websocket;

import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of Sec-WebSocket-Extensions (RFC 6455 §9.1):
 *
 * <pre>
 * extension-list  = 1#extension
 * extension       = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]   ; a quoted value must unescape to a token
 * </pre>
 *
 * "The recipient of such malformed data MUST immediately _Fail the WebSocket Connection_" (§9.1), so a
 * server refuses the handshake ({@link ServerHandshake}) and a client fails it.
 */
public final class ExtensionHeader {
    private ExtensionHeader() {
    }

    /** Whether every value of the field conforms; a present field with no extension at all does not. */
    public static boolean isValid(HttpHeaders headers) {
        List<String> values = headers.all(Handshake.SEC_WEBSOCKET_EXTENSIONS);
        if (values.isEmpty()) {
            return true;
        }
        List<String> extensions = headers.elements(Handshake.SEC_WEBSOCKET_EXTENSIONS);
        if (extensions.isEmpty()) {
            return false;
        }
        for (String e : extensions) {
            if (!isValidExtension(e)) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidExtension(String extension) {
        List<String> parts = splitOutsideQuotes(extension, ';');
        if (parts.isEmpty() || !HttpHeadCodec.isToken(parts.get(0).strip())) {
            return false;
        }
        for (String param : parts.subList(1, parts.size())) {
            String p = param.strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (!HttpHeadCodec.isToken(name)) {
                return false;
            }
            if (eq >= 0 && !isValidValue(p.substring(eq + 1).strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidValue(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            StringBuilder unescaped = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                } else if (c == '"' || c == '\\') {
                    return false;
                }
                unescaped.append(c);
            }
            return HttpHeadCodec.isToken(unescaped.toString());
        }
        return HttpHeadCodec.isToken(v);
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            } else if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
