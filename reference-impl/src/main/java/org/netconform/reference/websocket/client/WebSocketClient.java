package org.netconform.reference.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netconform.reference.websocket.ClientHandshake;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HandshakeException;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.HttpHeadException;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.MaskKeySource;
import org.netconform.spi.websocket.Role;

/**
 * The reference WebSocket client (RFC 6455 §4.1, §5, §7): connects to a {@code ws://} or
 * {@code wss://} URI, validates the server's handshake response strictly ({@link ClientHandshake}),
 * masks every frame with a fresh key from a {@link java.security.SecureRandom}, answers Pings,
 * fails the connection on any protocol violation of the server, and runs the closing handshake
 * (echoes a Close, then waits for the server to close TCP, within {@link Options#closeTimeout()}).
 *
 * <p>Usage: {@code WebSocketSession s = new WebSocketClient().connect(uri, listener);}. The class
 * is open for extension only through its protected hooks, which the suite's self-tests override to
 * build deliberately broken clients; a normal user never needs them.
 */
public class WebSocketClient {

    /**
     * How to connect.
     *
     * @param subprotocols   offered in Sec-WebSocket-Protocol, most preferred first
     * @param extensions     offered in Sec-WebSocket-Extensions (none is ever used: an extension the
     *                       server accepts makes the handshake fail, since the client implements none)
     * @param origin         an Origin to send, if any
     * @param sslContext     for {@code wss://}; the JDK default when null
     * @param connectTimeout TCP connect plus opening handshake
     * @param closeTimeout   how long to wait for the peer's Close, and then for the server's TCP close
     * @param maxMessageSize the largest message accepted; more fails the connection with 1009
     * @param maskKeys       where masking keys come from
     */
    public record Options(List<String> subprotocols, List<String> extensions, Optional<String> origin,
                          SSLContext sslContext, Duration connectTimeout, Duration closeTimeout,
                          long maxMessageSize, MaskKeySource maskKeys) {
        public Options {
            subprotocols = List.copyOf(subprotocols);
            extensions = List.copyOf(extensions);
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            Objects.requireNonNull(maskKeys, "maskKeys");
        }

        public static Options defaults() {
            return new Options(List.of(), List.of(), Optional.empty(), null, Duration.ofSeconds(10),
                    Duration.ofSeconds(5), 64L * 1024 * 1024, MaskKeySource.secure());
        }

        public Options withSubprotocols(List<String> p) {
            return new Options(p, extensions, origin, sslContext, connectTimeout, closeTimeout, maxMessageSize, maskKeys);
        }

        public Options withExtensions(List<String> e) {
            return new Options(subprotocols, e, origin, sslContext, connectTimeout, closeTimeout, maxMessageSize, maskKeys);
        }

        /** Sends this Origin in the opening handshake, as a browser does for a page of that origin. */
        public Options withOrigin(String o) {
            return new Options(subprotocols, extensions, Optional.of(o), sslContext, connectTimeout, closeTimeout,
                    maxMessageSize, maskKeys);
        }

        public Options withSslContext(SSLContext c) {
            return new Options(subprotocols, extensions, origin, c, connectTimeout, closeTimeout, maxMessageSize, maskKeys);
        }

        public Options withTimeouts(Duration connect, Duration close) {
            return new Options(subprotocols, extensions, origin, sslContext, connect, close, maxMessageSize, maskKeys);
        }

        public Options withMaskKeys(MaskKeySource k) {
            return new Options(subprotocols, extensions, origin, sslContext, connectTimeout, closeTimeout, maxMessageSize, k);
        }
    }

    private final Options options;
    private final SecureRandom random = new SecureRandom();

    public WebSocketClient() {
        this(Options.defaults());
    }

    public WebSocketClient(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Opens a connection and runs the opening handshake; returns once the connection is established.
     * Incoming messages, control frames and the close go to {@code listener} on the session's reader
     * thread.
     *
     * @throws IllegalArgumentException for a URI that is not a valid WebSocket URI (§3), before any I/O
     * @throws HandshakeException       when the server's response is refused (§4.1)
     * @throws IOException              when the connection cannot be made or breaks during the handshake
     */
    public WebSocketSession connect(URI uri, WebSocketListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Target t = Target.of(uri);
        // §4.1 step 2: at most one connection in CONNECTING per IP address and port (in this JVM): a second one
        // waits until the first is established or has failed, at most its own connect timeout
        java.net.InetAddress ip = java.net.InetAddress.getByName(t.host());
        java.util.concurrent.Semaphore turn = CONNECTING.computeIfAbsent(new InetSocketAddress(ip, t.port()),
                k -> new java.util.concurrent.Semaphore(1, true));
        try {
            if (!turn.tryAcquire(options.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new java.net.SocketTimeoutException("another connection to " + ip.getHostAddress() + ":" + t.port()
                        + " stayed in CONNECTING for the whole connect timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for another connection to the same address");
        }
        try {
            return handshake(t, ip, listener);
        } finally {
            turn.release();
        }
    }

    /** The addresses a connection of this JVM is in CONNECTING to (RFC 6455 §4.1 step 2). */
    private static final java.util.concurrent.ConcurrentHashMap<InetSocketAddress, java.util.concurrent.Semaphore> CONNECTING =
            new java.util.concurrent.ConcurrentHashMap<>();

    private WebSocketSession handshake(Target t, java.net.InetAddress ip, WebSocketListener listener) throws IOException {
        Socket socket = open(t, ip);
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.max(1, options.connectTimeout().toMillis()));
            ClientHandshake hs = new ClientHandshake(t.hostHeader(), t.resource(), Handshake.generateKey(random),
                    options.origin(), options.subprotocols(), options.extensions());
            socket.getOutputStream().write(HttpHeadCodec.serialize(hs.request()));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[HttpHeadCodec.DEFAULT_MAX_HEAD];
            int filled = 0;
            int headLen;
            // byte by byte: octets after the head are frames and belong to the session
            HttpResponseHead response;
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("connection closed during the opening handshake");
                    }
                    buf[filled++] = (byte) b;
                    headLen = HttpHeadCodec.headLength(buf, 0, filled, HttpHeadCodec.DEFAULT_MAX_HEAD);
                    if (headLen > 0) {
                        break;
                    }
                    if (filled == buf.length) {
                        throw new HandshakeException("response head over " + buf.length + " octets");
                    }
                }
                response = HttpHeadCodec.parseResponse(java.util.Arrays.copyOf(buf, headLen));
            } catch (HttpHeadException e) {
                // a response that is not HTTP is a refused handshake, as documented, never another exception
                throw new HandshakeException("malformed response: " + e.getMessage());
            }
            ClientHandshake.Result result = validateHandshake(hs, response);
            socket.setSoTimeout(0);
            WebSocketSession session = new WebSocketSession(this, socket, response, result, listener);
            session.start();
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket open(Target t, java.net.InetAddress ip) throws IOException {
        int timeout = (int) Math.max(1, options.connectTimeout().toMillis());
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(ip, t.port()), timeout);
            if (!t.secure()) {
                return plain;
            }
            SSLContext ctx = options.sslContext() != null ? options.sslContext() : defaultContext();
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, t.host(), t.port(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!t.host().isEmpty() && !Character.isDigit(t.host().charAt(0)) && !t.host().contains(":")) {
                p.setServerNames(List.of(new SNIHostName(t.host())));
            }
            tls.setSSLParameters(p);
            tls.setSoTimeout(timeout);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLContext defaultContext() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    // ---- hooks; the suite's self-tests override one each to build broken clients ----

    /** Validates the server's response (§4.1). Overriding this to accept more is a bug. */
    protected ClientHandshake.Result validateHandshake(ClientHandshake handshake, HttpResponseHead response) {
        return handshake.validate(response);
    }

    /** Encodes an outgoing frame: masked with a fresh key (§5.3). */
    protected FrameEncoder newEncoder() {
        return new FrameEncoder(Role.CLIENT, options.maskKeys(), 0);
    }

    /** Whether to answer a Close that the server started with a Close of our own (§5.5.1: MUST). */
    protected boolean answersClose() {
        return true;
    }

    /** The parts of a ws/wss URI a client needs (§3). */
    record Target(boolean secure, String host, int port, String resource) {
        static Target of(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("not a ws or wss URI: " + uri);
            }
            if (uri.getRawFragment() != null) {
                throw new IllegalArgumentException("a WebSocket URI has no fragment: " + uri);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host in " + uri);
            }
            boolean secure = scheme.equals("wss");
            int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String resource = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            String host = uri.getHost();
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return new Target(secure, bare, port, resource);
        }

        String hostHeader() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return port == (secure ? 443 : 80) ? h : h + ":" + port;
        }
    }
}
