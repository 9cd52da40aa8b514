package org.netconform.suites.wsclient.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for the TLS fuzzing server, made once per JVM with the JDK's keytool: one for
 * {@code localhost} that the client is told to trust ({@link #trusted()}), and another one it is not
 * ({@link #untrusted()}). Without keytool the TLS cases cannot run (the reason says so).
 */
public final class SelfSignedCertificates {
    /** A server's TLS context and the trust store with its certificate. */
    public record Pair(SSLContext server, KeyStore trust) {
    }

    private static Pair trusted;
    private static Pair untrusted;

    private SelfSignedCertificates() {
    }

    public static synchronized Pair trusted() {
        if (trusted == null) {
            trusted = make("netconform-trusted");
        }
        return trusted;
    }

    public static synchronized Pair untrusted() {
        if (untrusted == null) {
            untrusted = make("netconform-untrusted");
        }
        return untrusted;
    }

    private static Pair make(String alias) {
        char[] pass = "netconform".toCharArray();
        try {
            Path dir = Files.createTempDirectory("netconform-tls");
            dir.toFile().deleteOnExit();
            Path ks = dir.resolve(alias + ".p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "3", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "netconform",
                    "-keypass", "netconform")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a test certificate: " + out.strip());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                keys.load(in, pass);
            }
            Files.deleteIfExists(ks);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, keys.getCertificate(alias));
            return new Pair(server, trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate (keytool " + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test certificate", e);
        }
    }
}
