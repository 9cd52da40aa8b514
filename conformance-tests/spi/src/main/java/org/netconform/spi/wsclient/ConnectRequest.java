package org.netconform.spi.wsclient;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What to connect to and what to offer.
 *
 * @param uri          a {@code ws://} URI on loopback, or (capability {@code tls}) a {@code wss://} one
 * @param subprotocols subprotocols to offer (only with capability {@code subprotocols}); empty: none
 * @param extensions   extension offers (only with capability {@code extensions}); empty: none
 * @param timeout      how long {@link WebSocketClientAdapter#connect} may block
 * @param trustStore   for a {@code wss://} URI: the certificates to trust instead of the platform's (the suite's
 *                     test server is self-signed); null: the library's defaults
 * @param reconnect    (only with capability {@code reconnects}) the application wants the connection kept up: after an
 *                     abnormal closure the client connects again on its own, as its library does it (WS-CLOSE-27);
 *                     {@link ClientConnection#abort()} or a close the application asks for ends that
 */
public record ConnectRequest(URI uri, List<String> subprotocols, List<String> extensions, Duration timeout,
                             KeyStore trustStore, boolean reconnect) {
    public ConnectRequest {
        Objects.requireNonNull(uri, "uri");
        subprotocols = List.copyOf(subprotocols);
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(timeout, "timeout");
    }

    public ConnectRequest(URI uri, List<String> subprotocols, List<String> extensions, Duration timeout) {
        this(uri, subprotocols, extensions, timeout, null, false);
    }

    public ConnectRequest(URI uri, List<String> subprotocols, List<String> extensions, Duration timeout,
                          KeyStore trustStore) {
        this(uri, subprotocols, extensions, timeout, trustStore, false);
    }

    public static ConnectRequest to(URI uri, Duration timeout) {
        return new ConnectRequest(uri, List.of(), List.of(), timeout);
    }

    public ConnectRequest offering(List<String> subprotocols, List<String> extensions) {
        return new ConnectRequest(uri, subprotocols, extensions, timeout, trustStore, reconnect);
    }

    /** This request, asking the client to reconnect on its own after an abnormal closure. */
    public ConnectRequest reconnecting() {
        return new ConnectRequest(uri, subprotocols, extensions, timeout, trustStore, true);
    }

    /** This request, trusting the certificates in {@code store} for a {@code wss://} URI. */
    public ConnectRequest trusting(KeyStore store) {
        return new ConnectRequest(uri, subprotocols, extensions, timeout, store, reconnect);
    }

    /** The trust manager for {@link #trustStore()}, or null when none was given (the library's defaults). */
    public X509TrustManager trustManager() {
        if (trustStore == null) {
            return null;
        }
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(trustStore);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509TrustManager for the trust store");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the trust store: " + e, e);
        }
    }

    /** A TLS context trusting {@link #trustStore()}, or null when none was given (the library's defaults). */
    public SSLContext sslContext() {
        X509TrustManager tm = trustManager();
        if (tm == null) {
            return null;
        }
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {tm}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e, e);
        }
    }
}
