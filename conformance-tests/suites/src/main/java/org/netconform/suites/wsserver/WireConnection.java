package org.netconform.suites.wsserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.netconform.harness.RunDeadline;

/**
 * The TCP (or TLS) connection of one session: connecting, raw writes, reads with a deadline. Held to its
 * deadlines by the {@link Watchdog}: writes go out in chunks of {@value #CHUNK} octets, and a chunk the server
 * has not taken within {@link WsOptions#writeTimeoutMs()} ends the client's output (the write fails, what the
 * server still sends can be read); past the case's hard deadline or the run's, the socket is closed. A TLS
 * handshake that fails is said once per host and port: later connections to it fail at once, saying so.
 */
final class WireConnection implements AutoCloseable {
    static final int CHUNK = 64 * 1024;
    private static final Map<String, String> TLS_FAILED = new ConcurrentHashMap<>();

    private final Socket raw;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String description;
    private final Thread owner = Thread.currentThread();
    private final long deadlineNanos = Watchdog.caseDeadline();
    private final long writeTimeoutNanos = WsOptions.writeTimeoutMs() * 1_000_000;
    private volatile long writingSince;
    private volatile long unwritten;
    private volatile String killed;
    private volatile String stalled;
    private boolean closed;

    private WireConnection(Socket raw) {
        this.raw = raw;
        this.socket = raw;
    }

    /** Connects to the URI's host and port (default 80, or 443 for wss), with a TLS handshake for wss. */
    static WireConnection open(URI uri, boolean trustAll, long timeoutMs) throws IOException {
        return open(uri, trustAll, timeoutMs, 0);
    }

    /** As {@link #open(URI, boolean, long)}, with a small receive buffer when {@code receiveBuffer} > 0 (a slow reader). */
    static WireConnection open(URI uri, boolean trustAll, long timeoutMs, int receiveBuffer) throws IOException {
        String host = uri.getHost();
        boolean tls = isTls(uri);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String where = host + ":" + port;
        String tlsFailed = tls ? TLS_FAILED.get(where) : null;
        if (tlsFailed != null) {
            throw new TlsFailure("not tried: the TLS handshake with " + where + " failed before in this run (" + tlsFailed
                    + ")");
        }
        Socket s = new Socket();
        WireConnection c = new WireConnection(s);
        Watchdog.watch(c);
        try {
            s.setTcpNoDelay(true);
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress(host, port), (int) timeoutMs);
            if (tls) {
                SSLSocket ssl = (SSLSocket) sslFactory(trustAll).createSocket(s, host, port, true);
                ssl.setSoTimeout((int) timeoutMs);
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    if (c.killed != null) {
                        throw e;
                    }
                    String why = (e instanceof SocketTimeoutException ? "no TLS answer within " + timeoutMs + " ms"
                            : String.valueOf(e.getMessage())) + "; is " + where + " a plain ws:// port?";
                    boolean first = TLS_FAILED.putIfAbsent(where, why) == null;
                    throw new TlsFailure((first ? "" : "not tried: ") + "the TLS handshake with " + where + " failed: "
                            + why);
                }
                c.socket = ssl;
            }
            c.in = c.socket.getInputStream();
            c.out = c.socket.getOutputStream();
            c.description = "TCP connected to " + where + (tls ? " (TLS)" : "");
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A TLS handshake that failed; said once per host and port, later connections are not tried. */
    static final class TlsFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TlsFailure(String message) {
            super(message);
        }
    }

    static boolean isTls(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    String description() {
        return description;
    }

    /** This connection's local (client) port: what a server's log names it by. */
    int localPort() {
        return raw.getLocalPort();
    }

    /** Writes the octets in chunks, each held to the write deadline by the watchdog. */
    void write(byte[] octets) throws IOException {
        int off = 0;
        try {
            while (off < octets.length) {
                int n = Math.min(CHUNK, octets.length - off);
                unwritten = octets.length - off;
                writingSince = System.nanoTime();
                out.write(octets, off, n);
                off += n;
            }
            out.flush();
        } finally {
            writingSince = 0;
        }
    }

    /** Reads into {@code buf}, waiting at most {@code timeoutMs}; see {@link InputStream#read(byte[], int, int)}. */
    int read(byte[] buf, int off, int len, long timeoutMs) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)));
        return in.read(buf, off, len);
    }

    Thread owner() {
        return owner;
    }

    /** Why the harness closed this connection (a deadline passed), or null. */
    String killed() {
        return killed;
    }

    /** Why the harness shut this connection's output (the server stopped reading), or null. */
    String stalled() {
        return stalled;
    }

    void check(long now, boolean runOver) {
        if (runOver) {
            kill(RunDeadline.stoppedReason());
        } else if (deadlineNanos != 0 && now - deadlineNanos > 0) {
            kill("stopped: the case's deadline passed (" + WsOptions.caseDeadlineMs()
                    + " ms, -Dnetconform.ws.caseDeadlineMs)");
        } else {
            long since = writingSince;
            if (since != 0 && now - since > writeTimeoutNanos) {
                stall("the server stopped reading: " + unwritten + " octets still to write after "
                        + (now - since) / 1_000_000 + " ms without progress (-Dnetconform.ws.writeTimeoutMs)");
            }
        }
    }

    /** Closes the connection for the harness (a deadline passed) and interrupts the case's thread. */
    synchronized void kill(String why) {
        if (closed || killed != null) {
            return;
        }
        killed = why;
        closeSocket();
        owner.interrupt();
    }

    private synchronized void stall(String why) {
        if (closed || killed != null || stalled != null) {
            return;
        }
        stalled = why;
        try {
            raw.shutdownOutput();
        } catch (IOException e) {
            kill(why);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Watchdog.unwatch(this);
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static SSLSocketFactory sslFactory(boolean trustAll) throws IOException {
        if (!trustAll) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** For -Dnetconform.trustAll=true: a self-signed test server's certificate is accepted. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
