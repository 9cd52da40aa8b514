package org.netconform.spi.wsclient;

import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * A WebSocket client library, driven over real sockets at the endpoint layer: "connect to this
 * {@code ws://} URI, then report what you saw". The suite plays the server (a raw TCP fuzzing server
 * or a stubbed HTTP server) and judges the client by what it sends and by what the adapter reports.
 *
 * <p>Implement {@link #connect} with the library's ordinary API and its default settings, and fix
 * nothing up: a handshake the library accepts must be accepted, a message it delivers must reach
 * the recorder as is, an error it raises must be recorded. Declare a capability only for what the
 * library's API really shows.
 */
public interface WebSocketClientAdapter extends AreaAdapter {
    /** The library tells its application about each Ping it received ({@link ClientRecorder#ping}). */
    String OBSERVE_PINGS = "observe-pings";
    /** The library reports the server's Close frame (code and reason) to its application. */
    String OBSERVE_CLOSE = "observe-close";
    /** Its API takes any int as a close code, so the suite can ask for codes that may not be sent. */
    String SEND_RAW_CLOSE_CODE = "send-raw-close-code";
    /** Its API sends a Ping with an application-chosen payload ({@link ClientConnection#sendPing}). */
    String SEND_PING = "send-ping";
    /** It can offer subprotocols ({@link ConnectRequest#subprotocols()}). */
    String SUBPROTOCOLS = "subprotocols";
    /** It can offer an extension by name ({@link ConnectRequest#extensions()}). */
    String EXTENSIONS = "extensions";
    /** It connects to {@code wss://} URIs trusting the certificates of {@link ConnectRequest#trustStore()}. */
    String TLS = "tls";
    /**
     * It is a browser client (or acts as one): it runs code of an origin ({@link #origin()}) and sends that
     * origin in its opening handshake (WS-SEC-1).
     */
    String BROWSER = "browser";
    /**
     * It can keep a connection up: with {@link ConnectRequest#reconnect()} it connects again on its own after an
     * abnormal closure (WS-CLOSE-27), as its library does it, without the application connecting anew.
     */
    String RECONNECTS = "reconnects";
    /** It limits the size of a message it receives ({@link #maxMessageSize()}); beyond it the suite expects 1009. */
    String LIMITS = "limits";

    /** With {@link #LIMITS}: the largest message it delivers, in octets. */
    default java.util.OptionalLong maxMessageSize() {
        return java.util.OptionalLong.empty();
    }

    /** With {@link #BROWSER}: the ASCII serialization of the origin of the code opening connections. */
    default java.util.Optional<String> origin() {
        return java.util.Optional.empty();
    }

    @Override
    default Layer layer() {
        return Layer.ENDPOINT;
    }

    /**
     * Connects and runs the opening handshake. Blocks until the library has decided: returns the
     * open connection once the library reports it open, and throws what the library reported when it
     * refused the response or failed (any exception counts as a refusal; the suite records it). Must
     * not block longer than {@link ConnectRequest#timeout()}; on timeout throw.
     *
     * <p>Everything after the handshake (messages, Pings, the Close, errors) goes to {@code recorder},
     * from whatever thread the library uses.
     */
    ClientConnection connect(ConnectRequest request, ClientRecorder recorder) throws Exception;
}
