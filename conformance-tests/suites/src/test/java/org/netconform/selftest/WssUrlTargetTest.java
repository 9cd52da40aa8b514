package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;

/**
 * A wss:// URL is a target too: the reference server behind a small TLS-terminating relay with a
 * self-signed certificate (made with the JDK's keytool), run with -Dnetconform.trustAll=true.
 */
class WssUrlTargetTest {

    @Test
    void aWssUrlWithTrustAllRunsTheSuiteOverTls(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("relay.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "relay", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(ks)).as("keytool made a keystore").isTrue();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        String before = System.getProperty("netconform.trustAll");
        try (EchoServer server = new EchoServer(EchoServerConfig.defaults());
             SSLServerSocket relay = (SSLServerSocket) tls.getServerSocketFactory()
                     .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int plain = server.start(0);
            Thread acceptor = new Thread(() -> relayAll(relay, plain), "wss-relay");
            acceptor.setDaemon(true);
            acceptor.start();
            System.setProperty("netconform.trustAll", "true");
            String url = "wss://127.0.0.1:" + relay.getLocalPort() + "/ws";
            List<PublishedResult> results = SuiteLauncher.run(url, WsServerSuiteReferenceTest.SUITE).results();
            assertThat(results).isNotEmpty().allSatisfy(r ->
                    assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL", "UNSUPPORTED"));
            assertThat(results).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(40);
            assertThat(results).filteredOn(r -> r.requirements().get(0).equals("WS-SEC-6")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("PASS"));
        } finally {
            if (before == null) {
                System.clearProperty("netconform.trustAll");
            } else {
                System.setProperty("netconform.trustAll", before);
            }
        }
    }

    private static void relayAll(SSLServerSocket relay, int plainPort) {
        while (!relay.isClosed()) {
            try {
                Socket outside = relay.accept();
                Socket inside = new Socket(InetAddress.getLoopbackAddress(), plainPort);
                pipe(outside, inside, true);
                pipe(inside, outside, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies one direction; at its end, half-closes the plain side or closes the TLS side. */
    private static void pipe(Socket from, Socket to, boolean toIsPlain) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                byte[] buf = new byte[16384];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                try {
                    if (toIsPlain) {
                        to.shutdownOutput();
                    } else {
                        to.close();
                        from.close();
                    }
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "wss-relay-pipe");
        t.setDaemon(true);
        t.start();
    }
}
