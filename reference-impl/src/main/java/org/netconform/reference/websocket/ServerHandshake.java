package org.netconform.reference.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of the opening handshake (RFC 6455 §4.2): validates a client's request and
 * builds the response.
 *
 * <p>Checks, in this order, each answered with its own response so a client can tell them apart:
 * <ol>
 *   <li>method GET, HTTP/1.1 or higher, a Host field, Upgrade holding the token
 *       {@code websocket} and Connection holding the token {@code Upgrade}, both ASCII
 *       case-insensitive (§4.2.1 items 1-4): else 400;</li>
 *   <li>Sec-WebSocket-Version 13 (§4.2.1 item 6): else 426 Upgrade Required with
 *       {@code Sec-WebSocket-Version: 13} (§4.2.2, §4.4); checked before the key because another
 *       version's key may look different;</li>
 *   <li>exactly one Sec-WebSocket-Key that decodes to 16 octets (§4.2.1 item 5): else 400;</li>
 *   <li>a Sec-WebSocket-Extensions value that follows the grammar of §9.1: else 400;</li>
 *   <li>the Origin policy (§4.2.2 step 4, §10.2): else 403.</li>
 * </ol>
 * Then it selects at most one subprotocol the client offered, in the server's order of
 * preference (§4.2.2 step 5.4, §1.9), and accepts only extensions it is configured for (§9.1);
 * by default none.
 */
public final class ServerHandshake {

    /** The server's verdict on a request. */
    public record Outcome(HttpResponseHead response, boolean upgraded, Optional<String> subprotocol,
                          List<String> extensions, String reason) {
    }

    private final OriginPolicy originPolicy;
    private final List<String> subprotocols;
    private final Set<String> extensionNames;

    /**
     * @param originPolicy   which origins to accept; required, see {@link OriginPolicy}
     * @param subprotocols   subprotocols the server speaks, most preferred first
     * @param extensionNames extension names (lower case) the server accepts as offered
     */
    public ServerHandshake(OriginPolicy originPolicy, List<String> subprotocols, Set<String> extensionNames) {
        this.originPolicy = Objects.requireNonNull(originPolicy, "originPolicy");
        this.subprotocols = List.copyOf(subprotocols);
        this.extensionNames = Set.copyOf(extensionNames);
    }

    /** A server without subprotocols or extensions. */
    public ServerHandshake(OriginPolicy originPolicy) {
        this(originPolicy, List.of(), Set.of());
    }

    public Outcome accept(HttpRequestHead request) {
        HttpHeaders h = request.headers();
        if (!request.method().equals("GET")) {
            return refuse(400, "method " + request.method() + ", not GET");
        }
        if (!isHttp11OrHigher(request.version())) {
            return refuse(400, "HTTP version " + request.version() + ", need HTTP/1.1 or higher");
        }
        if (h.first("Host").map(String::isBlank).orElse(true)) {
            return refuse(400, "no Host header");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            return refuse(400, "Upgrade header lacks websocket");
        }
        if (!h.containsToken("Connection", "Upgrade")) {
            return refuse(400, "Connection header lacks Upgrade");
        }
        List<String> versions = h.elements(Handshake.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !versions.get(0).equals(Handshake.VERSION)) {
            HttpHeaders rh = HttpHeaders.of(Handshake.SEC_WEBSOCKET_VERSION, Handshake.VERSION);
            return new Outcome(new HttpResponseHead("HTTP/1.1", 426, "Upgrade Required", rh),
                    false, Optional.empty(), List.of(), "unsupported version " + versions);
        }
        List<String> keys = h.all(Handshake.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !Handshake.isValidKey(keys.get(0).trim())) {
            return refuse(400, "Sec-WebSocket-Key missing, repeated or not 16 octets of base64");
        }
        if (!ExtensionHeader.isValid(h)) {
            // §9.1: malformed extension data fails the connection; the server never upgrades it
            return refuse(400, "Sec-WebSocket-Extensions does not follow the §9.1 grammar: "
                    + h.all(Handshake.SEC_WEBSOCKET_EXTENSIONS));
        }
        List<String> origins = h.all("Origin");
        if (origins.size() > 1 || !originPolicy.allows(origins.stream().findFirst())) {
            return refuse(403, "origin not allowed: " + origins);
        }

        HttpHeaders rh = HttpHeaders.of(
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                Handshake.SEC_WEBSOCKET_ACCEPT, Handshake.computeAccept(keys.get(0).trim()));
        Optional<String> protocol = selectSubprotocol(h.elements(Handshake.SEC_WEBSOCKET_PROTOCOL));
        if (protocol.isPresent()) {
            rh = rh.with(Handshake.SEC_WEBSOCKET_PROTOCOL, protocol.get());
        }
        List<String> extensions = selectExtensions(h.elements(Handshake.SEC_WEBSOCKET_EXTENSIONS));
        if (!extensions.isEmpty()) {
            rh = rh.with(Handshake.SEC_WEBSOCKET_EXTENSIONS, String.join(", ", extensions));
        }
        return new Outcome(new HttpResponseHead("HTTP/1.1", 101, "Switching Protocols", rh),
                true, protocol, extensions, "");
    }

    private Optional<String> selectSubprotocol(List<String> offered) {
        // subprotocol names are tokens compared case-sensitively (§11.3.4)
        return subprotocols.stream().filter(offered::contains).findFirst();
    }

    /** The first offer of each extension the server knows, echoed as offered, in client order. */
    private List<String> selectExtensions(List<String> offered) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String offer : offered) {
            String name = extensionName(offer);
            if (extensionNames.contains(name)) {
                chosen.putIfAbsent(name, offer);
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /** The extension token before any parameters (§9.1 grammar). */
    static String extensionName(String element) {
        int semi = element.indexOf(';');
        return (semi < 0 ? element : element.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static boolean isHttp11OrHigher(String version) {
        if (!version.startsWith("HTTP/")) {
            return false;
        }
        String[] mm = version.substring(5).split("\\.", -1);
        try {
            int major = Integer.parseInt(mm[0]);
            int minor = mm.length > 1 ? Integer.parseInt(mm[1]) : 0;
            return major > 1 || major == 1 && minor >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Outcome refuse(int status, String reason) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            default -> "";
        };
        return new Outcome(new HttpResponseHead("HTTP/1.1", status, phrase, HttpHeaders.EMPTY),
                false, Optional.empty(), List.of(), reason);
    }
}
