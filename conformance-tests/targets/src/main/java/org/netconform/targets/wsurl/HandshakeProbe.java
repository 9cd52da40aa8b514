package org.netconform.targets.wsurl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One valid opening handshake (RFC 6455 §4.1) against a URL target, before its first case: a dead
 * port, a server that is not WebSocket, or one that refuses a valid handshake is said once, with the
 * address and the error, instead of by every case after its own timeout.
 */
final class HandshakeProbe {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private HandshakeProbe() {
    }

    /** Empty when the server answered 101 with the right Sec-WebSocket-Accept; otherwise why not. */
    static Optional<String> check(URI uri, int timeoutMs, boolean trustAll) {
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String where = uri + " (" + uri.getHost() + ":" + port + ")";
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        boolean defaultPort = uri.getPort() <= 0;
        try (Socket s = socket(tls, trustAll)) {
            s.connect(new InetSocketAddress(uri.getHost(), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + (defaultPort ? "" : ":" + port)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(s.getInputStream(), System.nanoTime() + timeoutMs * 1_000_000L);
            if (head.isEmpty()) {
                return Optional.of(where + ": the server never spoke WebSocket: it closed the connection without "
                        + "answering a valid opening handshake");
            }
            String status = head.lines().findFirst().orElse("");
            if (!status.matches("HTTP/1\\.1 101( .*)?")) {
                return Optional.of(where + ": the server never spoke WebSocket: a valid opening handshake was answered '"
                        + status.strip() + "', not 101 Switching Protocols: is this the WebSocket endpoint?");
            }
            String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            String accept = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-accept:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
            if (!expected.equals(accept)) {
                return Optional.of(where + ": 101 without the right Sec-WebSocket-Accept (got " + accept + ", expected "
                        + expected + ")");
            }
            return Optional.empty();
        } catch (java.net.SocketTimeoutException e) {
            return Optional.of(where + ": the server never spoke WebSocket: no answer to a valid opening handshake within "
                    + timeoutMs + " ms");
        } catch (IOException e) {
            return Optional.of(where + ": the server never spoke WebSocket: no WebSocket server answers: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (Exception e) {
            return Optional.of(where + ": the opening handshake could not be tried: " + e);
        }
    }

    private static Socket socket(boolean tls, boolean trustAll) throws Exception {
        if (!tls) {
            return new Socket();
        }
        SSLContext ctx;
        if (trustAll) {
            ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new X509TrustManager() {
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
            }}, new SecureRandom());
        } else {
            ctx = SSLContext.getDefault();
        }
        return ctx.getSocketFactory().createSocket();
    }

    /** The response head, up to the empty line (at most 16 KiB), all of it before the deadline (a trickle ends too). */
    private static String readHead(InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while (b.size() < 16384 && (c = in.read()) >= 0) {
            if (System.nanoTime() > deadlineNanos) {
                throw new java.net.SocketTimeoutException("the response head did not arrive in time");
            }
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
