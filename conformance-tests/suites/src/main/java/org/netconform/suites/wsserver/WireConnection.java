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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The TCP (or TLS) connection of one session: connecting, raw writes, reads with a deadline. */
final class WireConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;

    private WireConnection(Socket socket, String description) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = description;
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
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress(host, port), (int) timeoutMs);
        if (tls) {
            SSLSocket ssl = (SSLSocket) sslFactory(trustAll).createSocket(s, host, port, true);
            ssl.setSoTimeout((int) timeoutMs);
            ssl.startHandshake();
            s = ssl;
        }
        return new WireConnection(s, "TCP connected to " + host + ":" + port + (tls ? " (TLS)" : ""));
    }

    static boolean isTls(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    String description() {
        return description;
    }

    void write(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
    }

    /** Reads into {@code buf}, waiting at most {@code timeoutMs}; see {@link InputStream#read(byte[], int, int)}. */
    int read(byte[] buf, int off, int len, long timeoutMs) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeoutMs));
        return in.read(buf, off, len);
    }

    @Override
    public void close() {
        try {
            socket.close();
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
