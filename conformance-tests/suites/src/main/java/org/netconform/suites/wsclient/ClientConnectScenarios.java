package org.netconform.suites.wsclient;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.websocket.Handshake;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;
import org.netconform.suites.wsclient.fuzz.Chop;
import org.netconform.suites.wsclient.fuzz.ClientFrame;
import org.netconform.suites.wsclient.fuzz.FuzzServer;
import org.netconform.suites.wsclient.fuzz.SelfSignedCertificates;

/**
 * Before and around the opening handshake (RFC 6455 §3, §4.1 steps 1 to 5, §9.1, §10.6): URIs a client must
 * refuse, one connection in CONNECTING per address, TCP and TLS failures, TLS with the URI's host, an
 * extension the server did not accept, the Origin a browser sends, and a client's own reconnects. The TLS cases
 * run against the fuzzing server over TLS with a self-signed certificate for {@code localhost} that the
 * client is told to trust (capability {@code tls}).
 */
public class ClientConnectScenarios {

    /** Starts {@code connect()} on a thread of the case pool, so the case can watch the server meanwhile. */
    static CompletableFuture<ClientConnection> connecting(WebSocketClientAdapter client, ConnectRequest req,
                                                          ClientRecorder rec, ClientCases.Context ctx) {
        CompletableFuture<ClientConnection> f = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(req, rec);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ClientCases.POOL);
        ctx.onClose(() -> f.thenAccept(ClientConnection::abort));
        return f;
    }

    /** How {@code connect()} ended within {@code wait}: "open", "failed: ..." or null (still running). */
    static String outcome(CompletableFuture<ClientConnection> f, Duration wait) {
        try {
            f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return "open";
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause() != null ? e.getCause() : e;
            return "failed: " + ClientCases.chain(c);
        }
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-1")
    void anInvalidWebSocketUriFailsWithoutAHandshake(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        Map<String, String> uris = new LinkedHashMap<>();
        uris.put("a fragment identifier", "ws://127.0.0.1:%d/chat#fragment");
        uris.put("scheme http", "http://127.0.0.1:%d/chat");
        uris.put("scheme ftp", "ftp://127.0.0.1:%d/chat");
        uris.forEach((what, pattern) -> cases.put(what, ctx -> {
            FuzzServer server = FuzzServer.start();
            ctx.onClose(server);
            URI uri = URI.create(String.format(pattern, server.port()));
            ctx.log("connect to " + uri);
            CompletableFuture<ClientConnection> f;
            try {
                f = connecting(client, ConnectRequest.to(uri, Live.CONNECT), new ClientRecorder(), ctx);
            } catch (RuntimeException e) {
                return null;
            }
            FuzzServer.Peer peer = server.accept(Live.REACT, f::isDone);
            String how = outcome(f, Live.CONNECT);
            ctx.log(server.wireLog() + "connect(): " + how);
            if (peer != null) {
                return "sent an opening handshake for " + uri + ": '" + peer.requestText().lines().findFirst().orElse("")
                        + "'" + ("open".equals(how) ? ", and reported the connection open" : "");
            }
            if ("open".equals(how)) {
                return "reported a connection to " + uri + " open";
            }
            if (how == null) {
                throw new IllegalStateException("connect(" + uri + ") neither failed nor returned within "
                        + Live.CONNECT.toSeconds() + " s");
            }
            return null;
        }));
        ClientCases.check("a URI with a fragment or a scheme other than ws/wss fails without an opening handshake", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-2")
    void oneConnectionInConnectingStatePerAddress(WebSocketClientAdapter client) {
        ClientCases.check("while a handshake to 127.0.0.1:<port> is unanswered, a second connection to it sends no "
                + "handshake; it goes out once the first is established", "two connections", ctx -> {
            FuzzServer server = FuzzServer.start();
            ctx.onClose(server);
            CompletableFuture<ClientConnection> first = connecting(client,
                    ConnectRequest.to(server.uri("/first"), Live.CONNECT), new ClientRecorder(), ctx);
            FuzzServer.Peer p1 = server.accept(Live.CONNECT, first::isCompletedExceptionally);
            if (p1 == null) {
                throw new IllegalStateException("the first connection sent no opening handshake: " + outcome(first,
                        Duration.ofMillis(1)));
            }
            CompletableFuture<ClientConnection> second = connecting(client,
                    ConnectRequest.to(server.uri("/second"), Live.CONNECT), new ClientRecorder(), ctx);
            FuzzServer.Peer p2 = server.accept(Live.REACT, second::isCompletedExceptionally);
            String problem = p2 == null ? null : "sent a second opening handshake ('" + p2.requestText().lines().findFirst()
                    .orElse("") + "') while the first to the same address was unanswered";
            p1.respond101();
            if (p2 == null) {
                p2 = server.accept(Live.CONNECT, second::isDone);
            }
            if (p2 != null) {
                p2.respond101();
            }
            ctx.log(server.wireLog() + "first: " + outcome(first, Live.REACT) + "; second: " + outcome(second, Live.REACT));
            return problem;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-4")
    void aFailedTcpConnectionOrTlsHandshakeFailsTheConnection(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("a port nothing listens on", ctx -> {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            URI uri = URI.create("ws://127.0.0.1:" + port + "/refused");
            String how = outcome(connecting(client, ConnectRequest.to(uri, Live.CONNECT), new ClientRecorder(), ctx),
                    Live.CONNECT.plusSeconds(1));
            ctx.log("connect(" + uri + "): " + how);
            if (how == null) {
                throw new IllegalStateException("connect() to a closed port neither failed nor returned within "
                        + Live.CONNECT.toSeconds() + " s");
            }
            return "open".equals(how) ? "reported a connection to a closed port open" : null;
        });
        if (client.capabilities().contains(WebSocketClientAdapter.TLS)) {
            cases.put("wss to a server whose certificate it does not trust", ctx -> {
                FuzzServer server = FuzzServer.startTls(SelfSignedCertificates.untrusted().server());
                ctx.onClose(server);
                URI uri = server.uri("/untrusted");
                // the trust store holds another certificate: this one cannot be verified
                CompletableFuture<ClientConnection> f = connecting(client, ConnectRequest.to(uri, Live.CONNECT)
                        .trusting(SelfSignedCertificates.trusted().trust()), new ClientRecorder(), ctx);
                FuzzServer.Peer peer = server.accept(Live.REACT, f::isDone);
                String how = outcome(f, Live.CONNECT);
                ctx.log(server.wireLog() + "connect(): " + how);
                if (peer != null) {
                    return "sent its opening handshake over a TLS session whose certificate it could not verify";
                }
                if ("open".equals(how)) {
                    return "reported a connection open to a server whose certificate it could not verify";
                }
                if (how == null) {
                    throw new IllegalStateException("connect() neither failed nor returned within " + Live.CONNECT.toSeconds()
                            + " s");
                }
                return null;
            });
        }
        ClientCases.check("connect() fails, with no opening handshake, when TCP cannot connect"
                + (client.capabilities().contains(WebSocketClientAdapter.TLS) ? " or the server's certificate cannot be "
                + "verified" : ""), cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-3")
    @RequiresCapability(WebSocketClientAdapter.TLS)
    void wssCompletesTlsWithTheHostBeforeTheHandshake(WebSocketClientAdapter client) {
        ClientCases.check("for wss://localhost:<port>: a TLS handshake first, asking (SNI) for localhost if for any name, "
                + "then the opening handshake through TLS", "wss", ctx -> {
            Live live = Live.openTls(ctx, client, "/tls");
            List<String> names = live.peer.serverNames();
            ctx.log("server names asked for: " + names);
            if (!names.isEmpty() && !names.equals(List.of("localhost"))) {
                return "asked for the server name(s) " + names + ", not the URI's host localhost";
            }
            // RFC 6066 §3 defines HostName as a fully qualified name: a client may leave it out for 'localhost'
            return null;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-SEC-6")
    @RequiresCapability(WebSocketClientAdapter.TLS)
    void messagesRoundTripOverTls(WebSocketClientAdapter client) {
        ClientCases.check("over wss, a text from the server is delivered and a text from the client arrives", "wss", ctx -> {
            Live live = Live.openTls(ctx, client, "/tls-echo");
            live.send(Chop.WHOLE, Live.text("over tls"));
            if (!live.rec.awaitMessages(1, Live.REACT)) {
                return "the text the server sent over TLS was not delivered";
            }
            if (!live.rec.messages().get(0).text().equals("over tls")) {
                return "delivered " + live.rec.messages().get(0) + ", sent 'over tls'";
            }
            live.conn.sendText("back over tls");
            ClientFrame f = live.peer.awaitFrame(x -> x.opcode() == ClientFrame.TEXT, Live.REACT);
            if (f == null) {
                return "the client's text did not arrive over TLS";
            }
            String got = new String(f.payload(), StandardCharsets.UTF_8);
            return got.equals("back over tls") ? null : "the client's text arrived as '" + got + "'";
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-20")
    @RequiresCapability(WebSocketClientAdapter.EXTENSIONS)
    void anExtensionTheServerDidNotAcceptIsNotUsed(WebSocketClientAdapter client) {
        ClientCases.check("having offered permessage-deflate and got a 101 without it: every frame with RSV1 clear, the "
                + "payload as sent", "offered, not accepted", ctx -> {
            Live live = Live.open(ctx, client, "/deflate-offered", FuzzServer.Peer::valid101, List.of(),
                    List.of("permessage-deflate"));
            String offered = String.join(",", live.peer.request().headers().all(Handshake.SEC_WEBSOCKET_EXTENSIONS));
            ctx.log("offered: " + offered);
            if (!offered.contains("permessage-deflate")) {
                throw new IllegalStateException("the client did not offer permessage-deflate: Sec-WebSocket-Extensions '"
                        + offered + "'");
            }
            String text = "a".repeat(2000);
            live.conn.sendText(text);
            live.conn.sendBinary(new byte[2000]);
            long until = System.nanoTime() + Live.REACT.toNanos();
            List<ClientFrame> data = new ArrayList<>();
            while (System.nanoTime() < until && data.stream().filter(ClientFrame::fin).count() < 2) {
                live.peer.awaitFrame(f -> false, Duration.ofMillis(20));
                data = live.peer.frames().stream().filter(ClientFrame::isData).toList();
            }
            for (ClientFrame f : data) {
                if ((f.rsv() & 4) != 0) {
                    return "sent a frame with RSV1 set (compressed?) though the server did not accept the extension: " + f;
                }
            }
            if (data.stream().filter(ClientFrame::fin).count() < 2) {
                throw new IllegalStateException("the client's two messages did not arrive within " + Live.REACT.toMillis()
                        + " ms");
            }
            return null;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-SEC-1")
    @RequiresCapability(WebSocketClientAdapter.BROWSER)
    void aBrowserClientSendsTheOriginOfItsCode(WebSocketClientAdapter client) {
        String origin = client.origin().orElseThrow(() -> new IllegalStateException("capability browser without origin()"));
        ClientCases.check("Origin: " + origin, "origin", ctx -> {
            List<String> got = Live.open(ctx, client, "/origin").peer.request().headers().all("Origin");
            return got.size() == 1 && got.get(0).strip().equals(origin) ? null
                    : "Origin header " + got + ", the code's origin is " + origin;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-CLOSE-27")
    @RequiresCapability(WebSocketClientAdapter.RECONNECTS)
    void reconnectsBackOff(WebSocketClientAdapter client) {
        ClientCases.check("after each abnormal closure the next attempt comes later than the one before (backoff), "
                + "the first not at once every time", "three abnormal closures", ctx -> {
            FuzzServer server = FuzzServer.start();
            ctx.onClose(server);
            CompletableFuture<ClientConnection> f = connecting(client,
                    ConnectRequest.to(server.uri("/reconnect"), Live.CONNECT).reconnecting(), new ClientRecorder(), ctx);
            List<Long> delays = new ArrayList<>();
            FuzzServer.Peer p = server.accept(Live.CONNECT, f::isCompletedExceptionally);
            for (int i = 0; i < 3 && p != null; i++) {
                p.respond101();
                Thread.sleep(100);
                long dropped = System.nanoTime();
                p.closeTcp();
                p = server.accept(Duration.ofSeconds(20));
                if (p != null) {
                    delays.add((System.nanoTime() - dropped) / 1_000_000);
                }
            }
            ctx.log(server.wireLog() + "delays before each reconnect: " + delays + " ms");
            if (delays.size() < 3) {
                throw new IllegalStateException("the client reconnected " + delays.size() + " time(s) in 3 closures (20 s "
                        + "each): " + delays);
            }
            if (delays.get(1) < delays.get(0) || delays.get(2) < delays.get(1)) {
                return "the delays before reconnecting do not grow: " + delays + " ms";
            }
            return null;
        });
    }
}
