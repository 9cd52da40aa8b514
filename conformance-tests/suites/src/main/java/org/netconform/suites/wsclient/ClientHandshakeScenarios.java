package org.netconform.suites.wsclient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;
import org.netconform.suites.wsclient.fuzz.FuzzServer;
import org.netconform.suites.wsclient.fuzz.HandshakeStub;
import org.netconform.suites.wsclient.fuzz.HandshakeStub.Response101;

/**
 * The client's opening handshake (RFC 6455 §4.1): what it sends, read octet for octet by the fuzzing
 * server, and which responses it refuses, served by WireMock (one stubbed response per requirement)
 * or, for the tolerant reading of a valid 101, by the fuzzing server.
 */
public class ClientHandshakeScenarios {

    /** Connects to the fuzzing server at this path and returns the request the client sent. */
    private static FuzzServer.Peer request(ClientCases.Context ctx, WebSocketClientAdapter client, String path) throws Exception {
        return Live.open(ctx, client, path).peer;
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-5")
    void requestLineIsAGetForTheResourceName(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        for (String path : List.of("/chat?x=1", "/a/b", "")) {
            cases.put(path.isEmpty() ? "(empty path)" : path, ctx -> {
                Live live = Live.open(ctx, client, path);
                FuzzServer.Peer p = live.peer;
                String expected = path.isEmpty() ? "/" : path;
                String line = p.requestText().lines().findFirst().orElse("");
                String target = p.request().target();
                boolean ok = p.request().method().equals("GET") && p.request().version().equals("HTTP/1.1")
                        && (target.equals(expected) || target.equals("http://127.0.0.1:" + live.server.port() + expected));
                return ok ? null : "request line '" + line + "', expected 'GET " + expected + " HTTP/1.1'";
            });
        }
        ClientCases.check("GET <resource name> HTTP/1.1, the resource name being '/' for an empty path", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-6")
    void hostHeaderHasHostAndPort(WebSocketClientAdapter client) {
        ClientCases.check("Host: 127.0.0.1:<port> (the port is not 80)", "host", ctx -> {
            Live live = Live.open(ctx, client, "/host");
            List<String> host = live.peer.request().headers().all("Host");
            String expected = "127.0.0.1:" + live.server.port();
            return host.size() == 1 && host.get(0).strip().equalsIgnoreCase(expected) ? null
                    : "Host header " + host + ", expected [" + expected + "]";
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-7")
    void upgradeAndConnectionHeaders(WebSocketClientAdapter client) {
        ClientCases.check("Upgrade includes websocket, Connection includes Upgrade", "headers", ctx -> {
            HttpHeaders h = request(ctx, client, "/upgrade").request().headers();
            List<String> problems = new ArrayList<>();
            if (!h.containsToken("Upgrade", "websocket")) {
                problems.add("Upgrade " + h.all("Upgrade"));
            }
            if (!h.containsToken("Connection", "Upgrade")) {
                problems.add("Connection " + h.all("Connection"));
            }
            return problems.isEmpty() ? null : String.join(", ", problems);
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-8")
    void keyIsSixteenRandomOctetsPerConnection(WebSocketClientAdapter client) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        cases.put("keys of 8 connections", ctx -> {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                try (Live live = Live.open(ctx, client, "/key-" + i)) {
                    keys.add(live.peer.request().headers().all(Handshake.SEC_WEBSOCKET_KEY).toString());
                    List<String> all = live.peer.request().headers().all(Handshake.SEC_WEBSOCKET_KEY);
                    if (all.size() != 1) {
                        return "connection " + i + " sent Sec-WebSocket-Key " + all;
                    }
                    byte[] decoded;
                    try {
                        decoded = Base64.getDecoder().decode(all.get(0).strip());
                    } catch (IllegalArgumentException e) {
                        return "key '" + all.get(0) + "' is not base64";
                    }
                    if (decoded.length != 16) {
                        return "key '" + all.get(0) + "' decodes to " + decoded.length + " octets";
                    }
                }
            }
            Set<String> distinct = new HashSet<>(keys);
            ctx.log("keys: " + keys);
            return distinct.size() == keys.size() ? null : "keys repeat across connections: " + keys;
        });
        ClientCases.check("one Sec-WebSocket-Key per request, 16 octets in base64, never the same twice", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-9")
    void versionIsThirteen(WebSocketClientAdapter client) {
        ClientCases.check("exactly one Sec-WebSocket-Version: 13", "version", ctx -> {
            List<String> v = request(ctx, client, "/version").request().headers().all(Handshake.SEC_WEBSOCKET_VERSION);
            return v.size() == 1 && v.get(0).strip().equals("13") ? null : "Sec-WebSocket-Version " + v;
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-10")
    void offeredSubprotocolsAreDistinctTokens(WebSocketClientAdapter client) {
        ClientCases.check("no Sec-WebSocket-Protocol, or distinct non-empty tokens", "no subprotocols offered", ctx -> {
            HttpHeaders h = request(ctx, client, "/protocols").request().headers();
            List<String> tokens = h.elements(Handshake.SEC_WEBSOCKET_PROTOCOL);
            if (!h.contains(Handshake.SEC_WEBSOCKET_PROTOCOL)) {
                return null;
            }
            boolean ok = !tokens.isEmpty() && new HashSet<>(tokens).size() == tokens.size()
                    && tokens.stream().allMatch(t -> t.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+"));
            return ok ? null : "Sec-WebSocket-Protocol " + h.all(Handshake.SEC_WEBSOCKET_PROTOCOL);
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-11")
    void sendsNothingBeforeTheResponse(WebSocketClientAdapter client) {
        ClientCases.check("no octet from the client between its request and the server's response (held 300 ms)", "wait", ctx -> {
            Live live = Live.open(ctx, client, "/wait", p -> {
                try {
                    Thread.sleep(Live.QUIET.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return p.valid101();
            }, List.of());
            long early = live.peer.octetsBeforeResponse();
            return early == 0 ? null : "sent " + early + " octets before the response arrived";
        });
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-17")
    void acceptsAValid101WrittenUnusually(WebSocketClientAdapter client) {
        // One case per liberty the RFC allows, so a refusal names the field it objects to; every head is a
        // valid 101: field names are case-insensitive (RFC 7230 §3.2), Upgrade is compared case-insensitively
        // and Connection only has to contain the token Upgrade (RFC 6455 §4.1, steps 2 and 3 of the client's
        // checks), and OWS around a field value is not part of it (RFC 7230 §3.2.4).
        Map<String, java.util.function.Function<String, String>> heads = new LinkedHashMap<>();
        heads.put("lower-case field names", accept -> "upgrade: websocket\r\nconnection: Upgrade\r\n"
                + "sec-websocket-accept: " + accept + "\r\n");
        heads.put("Upgrade: WebSocket", accept -> "Upgrade: WebSocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n");
        heads.put("Connection: keep-alive, Upgrade", accept -> "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n");
        heads.put("Sec-WebSocket-Accept value preceded by three spaces", accept -> "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept:   " + accept + "\r\n");
        heads.put("Sec-WebSocket-Accept value followed by two spaces (trailing OWS)", accept -> "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "  \r\n");
        heads.put("all of these at once", accept -> "upgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
                + "sec-websocket-accept:   " + accept + "  \r\n");
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        int[] n = {0};
        heads.forEach((name, fields) -> {
            String path = "/tolerant-" + (++n[0]);
            cases.put(name, ctx -> {
                try {
                    Live.open(ctx, client, path, p -> "HTTP/1.1 101 Switching Protocols\r\n"
                            + fields.apply(Handshake.computeAccept(p.key())) + "\r\n", List.of());
                    return null;
                } catch (Live.Refused e) {
                    return "refused this valid 101: " + ClientCases.chain(e.getCause());
                }
            });
        });
        cases.put("the plain valid 101 served by WireMock (accept from a response transformer)", ctx -> {
            Refusal r = connectToStub(ctx, client, Response101.VALID);
            return r.refused == null ? null : "refused a valid 101: " + ClientCases.chain(r.refused);
        });
        ClientCases.check("the client reports the connection open for each of these valid 101 responses", cases);
    }

    // ---- responses a client must refuse, served by WireMock ----

    /** What a client did with a stubbed response: refused (with what) or opened. */
    record Refusal(Throwable refused, ClientConnection opened, ClientRecorder rec) {
    }

    private static Refusal connectToStub(ClientCases.Context ctx, WebSocketClientAdapter client, Response101 r) throws Exception {
        HandshakeStub stub = STUB.get();
        URI uri = stub.uri(r);
        ctx.log("stub response " + r.name() + ": " + r.description + "\nconnect " + uri);
        ClientRecorder rec = new ClientRecorder();
        CompletableFuture<ClientConnection> f = CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(ConnectRequest.to(uri, Live.CONNECT), rec);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ClientCases.POOL);
        try {
            ClientConnection c = f.get(Live.CONNECT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            ctx.onClose(c::abort);
            ctx.log("client reported the connection OPEN");
            rec.log().forEach(l -> ctx.log("client " + l));
            return new Refusal(null, c, rec);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            ctx.log("client refused: " + cause);
            return new Refusal(cause, null, rec);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("the client decided nothing within " + Live.CONNECT.toSeconds() + " s");
        }
    }

    private static final class LazyStub {
        private HandshakeStub stub;

        synchronized HandshakeStub get() {
            if (stub == null) {
                stub = HandshakeStub.start();
                Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
            }
            return stub;
        }
    }

    private static final LazyStub STUB = new LazyStub();

    private static void mustRefuse(WebSocketClientAdapter client, Response101... responses) {
        Map<String, ClientCases.Body> cases = new LinkedHashMap<>();
        for (Response101 r : responses) {
            cases.put(r.description, ctx -> {
                Refusal got = connectToStub(ctx, client, r);
                return got.refused != null ? null : "accepted it: the client reported the connection open";
            });
        }
        ClientCases.check("the client refuses the response (connect fails) and reports no open connection", cases);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-12")
    void refusesAStatusOtherThan101(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.STATUS_200, Response101.STATUS_403);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-13")
    void whatItDoesWithARedirect(WebSocketClientAdapter client) {
        ClientCases.Context ctx = new ClientCases.Context("redirect");
        String seen;
        try {
            Refusal r = connectToStub(ctx, client, Response101.REDIRECT);
            seen = r.refused == null ? "followed the 302 to the valid 101 and opened the connection"
                    : "failed the connection on the 302: " + r.refused;
        } catch (Exception e) {
            seen = "no decision: " + e.getMessage();
        } finally {
            ctx.release();
            Observation.wire(ctx.logText());
        }
        Check.record("what the client does with a 302 to a valid 101", seen);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-14")
    void refusesAMissingOrWrongUpgrade(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.MISSING_UPGRADE, Response101.WRONG_UPGRADE);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-15")
    void refusesAMissingOrWrongConnection(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.MISSING_CONNECTION, Response101.WRONG_CONNECTION);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-16")
    void refusesAWrongOrMissingAccept(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.WRONG_ACCEPT, Response101.MISSING_ACCEPT);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-18")
    void refusesAnUnrequestedExtension(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.UNREQUESTED_EXTENSION);
    }

    @ConformanceTest
    @Execution(ExecutionMode.CONCURRENT)
    @Requirement("WS-HS-19")
    void refusesAnUnrequestedSubprotocol(WebSocketClientAdapter client) {
        mustRefuse(client, Response101.UNREQUESTED_SUBPROTOCOL);
    }

    static Duration react() {
        return Live.REACT;
    }
}
