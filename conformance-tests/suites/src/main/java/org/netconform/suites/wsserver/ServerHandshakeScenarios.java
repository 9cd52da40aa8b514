package org.netconform.suites.wsserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.HttpHeaders;
import org.netconform.reference.websocket.HttpRequestHead;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** The server's opening handshake (RFC 6455 §4.2, §4.4, §9.1, §10.2): Autobahn has no such cases. */
@Execution(ExecutionMode.CONCURRENT)
class ServerHandshakeScenarios {

    /** A variation of the standard request, sent raw (the variation may break HTTP itself). */
    interface Variation {
        String request(WireSession s, HttpRequestHead standard);
    }

    static String serialize(HttpRequestHead r) {
        return new String(org.netconform.reference.websocket.HttpHeadCodec.serialize(r), StandardCharsets.ISO_8859_1);
    }

    static HttpRequestHead with(HttpRequestHead r, String name, String value) {
        return new HttpRequestHead(r.method(), r.target(), r.version(), r.headers().without(name).with(name, value));
    }

    static HttpRequestHead without(HttpRequestHead r, String name) {
        return new HttpRequestHead(r.method(), r.target(), r.version(), r.headers().without(name));
    }

    static WsCase handshake(String id, String title, Optional<String> origin, Variation v) {
        return WsCase.of(id, title, s -> {
            s.connect();
            String req = v.request(s, s.standardRequest(origin));
            s.sendHead(req.getBytes(StandardCharsets.ISO_8859_1));
            if (s.readResponse() == null && s.end == WireSession.End.OPEN) {
                // silence: no answer to judge (the same outcome everywhere, ERROR), and no second wait
                s.timedOut("no response head within " + WsOptions.timeoutMs() + " ms");
            }
            if (s.response != null && s.response.status() == 101) {
                // an upgraded connection: a Close so the server is not left hanging; what it sends then is not
                // part of the handshake and is not read (a server that floods after its 101 is judged here on
                // its handshake alone)
                s.sendClose(1000, "");
            } else if (s.response == null) {
                s.readToEnd(WsOptions.timeoutMs());
            } else {
                s.note("refused with " + s.response.status() + "; the client closes");
            }
        });
    }

    static WsCase variant(String id, String title, java.util.function.UnaryOperator<HttpRequestHead> change) {
        return handshake(id, title, Optional.empty(), (s, r) -> serialize(change.apply(r)));
    }

    /**
     * No PASS without an exchange: a refusal counts only from a server that upgraded a valid handshake in
     * this run (the control case, {@link CaseRunner#controlRefused}); otherwise the case is ERROR, the server
     * never spoke WebSocket. From one that did: an HTTP error status (4xx or 5xx) passes; 101, any other
     * status, closing or resetting without a status, or an answer that is not HTTP is a FAIL saying what it
     * was. Silence is ERROR, as everywhere.
     */
    static WsCase.Verdict refused(WireSession s) {
        Optional<String> control = CaseRunner.controlRefused(s);
        if (control.isPresent()) {
            return neverSpokeWebSocket(control.get());
        }
        if (s.response == null) {
            return switch (s.end) {
                case FIN -> WsCase.Verdict.broken("closed the connection (FIN) without an HTTP status");
                case RESET -> WsCase.Verdict.broken("reset the connection without an HTTP status");
                case GARBAGE -> WsCase.Verdict.broken("answered with something that is not an HTTP response: " + s.endDetail);
                default -> silence(s);
            };
        }
        int status = s.response.status();
        if (status == 101) {
            return WsCase.Verdict.broken("answered 101 Switching Protocols");
        }
        return status >= 400 && status <= 599 ? WsCase.Verdict.ok(status + " " + s.response.reason())
                : WsCase.Verdict.broken("answered " + status + " " + s.response.reason()
                + ", not an HTTP error status (4xx or 5xx)");
    }

    /**
     * Upgraded (101). A server that did not upgrade this request: ERROR when it upgraded no valid handshake
     * in this run either (the control case) or stayed silent, otherwise FAIL with what it answered.
     */
    static WsCase.Verdict upgraded(WireSession s) {
        if (s.response != null && s.response.status() == 101) {
            return WsCase.Verdict.ok("101");
        }
        Optional<String> control = CaseRunner.controlRefused(s);
        if (control.isPresent()) {
            return neverSpokeWebSocket(control.get());
        }
        if (s.response == null) {
            return s.end == WireSession.End.OPEN || s.end == WireSession.End.TIMEOUT ? silence(s)
                    : WsCase.Verdict.broken("no response: " + s.end + " " + s.endDetail);
        }
        return WsCase.Verdict.broken("answered " + s.response.status() + " " + s.response.reason());
    }

    /**
     * For INFO records of a handshake: the response, null when the server closed without one; a server that
     * never spoke WebSocket in this run, or stayed silent, has nothing to record ({@link NoAnswer}).
     */
    static HttpResponseHead answered(WireSession s) {
        Optional<String> control = CaseRunner.controlRefused(s);
        if (control.isPresent()) {
            throw new NoAnswer(neverSpokeWebSocket(control.get()).detail());
        }
        if (s.response == null && (s.end == WireSession.End.OPEN || s.end == WireSession.End.TIMEOUT)) {
            throw new NoAnswer(silence(s).detail());
        }
        return s.response;
    }

    static WsCase.Verdict neverSpokeWebSocket(String control) {
        return WsCase.Verdict.noAnswer("the server never spoke WebSocket in this run: " + control);
    }

    static WsCase.Verdict silence(WireSession s) {
        return WsCase.Verdict.noAnswer("no response within " + WsOptions.timeoutMs() + " ms"
                + (s.endDetail.isEmpty() ? "" : " (" + s.endDetail + ")"));
    }

    static List<WsCase> badRequestCases() {
        return List.of(
                variant("H.21.1", "POST instead of GET", r -> new HttpRequestHead("POST", r.target(), r.version(), r.headers())),
                variant("H.21.2", "HTTP/1.0", r -> new HttpRequestHead(r.method(), r.target(), "HTTP/1.0", r.headers())),
                variant("H.21.3", "no Host header", r -> without(r, "Host")));
    }

    static List<WsCase> upgradeHeaderCases() {
        return List.of(
                variant("H.22.1", "no Upgrade header", r -> without(r, "Upgrade")),
                variant("H.22.2", "Upgrade: h2c", r -> with(r, "Upgrade", "h2c")),
                variant("H.22.3", "no Connection header", r -> without(r, "Connection")),
                variant("H.22.4", "Connection: keep-alive", r -> with(r, "Connection", "keep-alive")));
    }

    static List<WsCase> badKeyCases() {
        return List.of(
                variant("H.23.1", "no Sec-WebSocket-Key", r -> without(r, Handshake.SEC_WEBSOCKET_KEY)),
                variant("H.23.2", "key that is not base64", r -> with(r, Handshake.SEC_WEBSOCKET_KEY, "!!!!not-base64-at-all!!!")),
                variant("H.23.3", "key of 15 octets", r -> with(r, Handshake.SEC_WEBSOCKET_KEY, "AQIDBAUGBwgJCgsMDQ4P")),
                variant("H.23.4", "key of 17 octets", r -> with(r, Handshake.SEC_WEBSOCKET_KEY, "AQIDBAUGBwgJCgsMDQ4PEBE=")));
    }

    static List<WsCase> tolerantCases() {
        return List.of(
                handshake("H.24.1", "lower-case header names, Upgrade: WebSocket, Connection: keep-alive, upgrade",
                        Optional.empty(), (s, r) -> "GET " + r.target() + " HTTP/1.1\r\nhost: " + s.hostHeader()
                                + "\r\nupgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\nsec-websocket-key: " + s.key
                                + "\r\nsec-websocket-version: 13\r\nx-netconform-unknown: ignored\r\n\r\n"),
                handshake("H.24.2", "UPPER-CASE header names and an unknown header", Optional.empty(),
                        (s, r) -> "GET " + r.target() + " HTTP/1.1\r\nHOST: " + s.hostHeader()
                                + "\r\nUPGRADE: websocket\r\nCONNECTION: Upgrade\r\nSEC-WEBSOCKET-KEY: " + s.key
                                + "\r\nSEC-WEBSOCKET-VERSION: 13\r\nX-Whatever: 1\r\n\r\n"));
    }

    static List<WsCase> versionCases() {
        return List.of(
                variant("H.28.1", "Sec-WebSocket-Version: 8", r -> with(r, Handshake.SEC_WEBSOCKET_VERSION, "8")),
                variant("H.28.2", "Sec-WebSocket-Version: 25", r -> with(r, Handshake.SEC_WEBSOCKET_VERSION, "25")),
                variant("H.28.3", "no Sec-WebSocket-Version", r -> without(r, Handshake.SEC_WEBSOCKET_VERSION)));
    }

    static WsCase standard(String id, String title, Optional<String> origin) {
        return handshake(id, title, origin, (s, r) -> serialize(r));
    }

    static List<WsCase> acceptCases() {
        return List.of(standard("H.25.1", "a standard handshake", Optional.empty()),
                standard("H.26.2", "a second handshake (another key)", Optional.empty()));
    }

    static List<WsCase> resourceNameCases() {
        return List.of(variant("H.27.1", "request for /netconform-no-such-resource",
                r -> new HttpRequestHead(r.method(), "/netconform-no-such-resource", r.version(), r.headers())));
    }

    static List<WsCase> subprotocolCases() {
        return List.of(standard("H.25.1", "a standard handshake", Optional.empty()),
                variant("H.30.2", "offering x-netconform-a, x-netconform-b",
                        r -> with(r, Handshake.SEC_WEBSOCKET_PROTOCOL, "x-netconform-a, x-netconform-b")));
    }

    static List<WsCase> extensionCases() {
        return List.of(variant("H.31.1", "offering x-netconform-unknown",
                r -> with(r, Handshake.SEC_WEBSOCKET_EXTENSIONS, "x-netconform-unknown")));
    }

    static List<WsCase> malformedExtensionCases() {
        List<WsCase> cases = new ArrayList<>();
        String[] bad = {"foo;;", ", ,", "foo; bar=\"a b\""};
        for (int i = 0; i < bad.length; i++) {
            String value = bad[i];
            cases.add(variant("H.32." + (i + 1), "Sec-WebSocket-Extensions: " + value,
                    r -> with(r, Handshake.SEC_WEBSOCKET_EXTENSIONS, value)));
        }
        return cases;
    }

    /** Every handshake case that needs no declared capability. */
    static List<WsCase> everyCase() {
        List<WsCase> all = new ArrayList<>();
        all.addAll(badRequestCases());
        all.addAll(upgradeHeaderCases());
        all.addAll(badKeyCases());
        all.addAll(tolerantCases());
        all.addAll(acceptCases());
        all.addAll(versionCases());
        all.addAll(subprotocolCases());
        all.addAll(extensionCases());
        all.addAll(malformedExtensionCases());
        return all;
    }

    @ConformanceTest
    @Requirement("WS-HS-21")
    void wrongMethodVersionOrHostIsRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "POST, HTTP/1.0 or no Host: an HTTP error, never 101", badRequestCases(), ServerHandshakeScenarios::refused);
    }

    @ConformanceTest
    @Requirement("WS-HS-22")
    void missingUpgradeOrConnectionIsRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "without Upgrade: websocket or Connection: Upgrade: an HTTP error, never 101",
                upgradeHeaderCases(), ServerHandshakeScenarios::refused);
    }

    @ConformanceTest
    @Requirement("WS-HS-23")
    void missingOrMalformedKeyIsRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a missing key, or one that is not 16 octets of base64: an HTTP error (400), never 101",
                badKeyCases(), ServerHandshakeScenarios::refused);
    }

    @ConformanceTest
    @Requirement("WS-HS-24")
    void headerCaseAndExtraTokensAreTolerated(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a valid handshake in other letter cases with extra tokens and unknown fields is accepted",
                tolerantCases(), ServerHandshakeScenarios::upgraded);
    }

    @ConformanceTest
    @Requirement("WS-HS-25")
    void theAcceptingResponseHasUpgradeAndConnection(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "101 with Upgrade: websocket and Connection: Upgrade",
                List.of(standard("H.25.1", "a standard handshake", Optional.empty())), s -> {
                    WsCase.Verdict v = upgraded(s);
                    if (!v.passed()) {
                        return v;
                    }
                    HttpHeaders h = s.response.headers();
                    if (!h.containsToken("Upgrade", "websocket")) {
                        return WsCase.Verdict.broken("Upgrade: " + h.all("Upgrade"));
                    }
                    return h.containsToken("Connection", "Upgrade") ? WsCase.Verdict.ok("101 with Upgrade and Connection")
                            : WsCase.Verdict.broken("Connection: " + h.all("Connection"));
                });
    }

    @ConformanceTest
    @Requirement("WS-HS-26")
    void theAcceptValueIsComputedFromTheKey(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "Sec-WebSocket-Accept = base64(SHA-1(key + GUID))", acceptCases(), s -> {
                    if (s.response == null || s.response.status() != 101) {
                        WsCase.Verdict v = upgraded(s);
                        return v.outcome() == org.netconform.harness.result.Outcome.ERROR ? v
                                : WsCase.Verdict.noAnswer("not upgraded, no accept value to check: " + v.detail());
                    }
                    List<String> got = s.response.headers().all(Handshake.SEC_WEBSOCKET_ACCEPT);
                    String want = Handshake.computeAccept(s.key);
                    return got.size() == 1 && got.get(0).strip().equals(want) ? WsCase.Verdict.ok(want)
                            : WsCase.Verdict.broken("Sec-WebSocket-Accept " + got + " for key " + s.key + ", expected " + want);
                });
    }

    @ConformanceTest
    @Requirement("WS-HS-27")
    @RequiresCapability(WebSocketServerAdapter.RESOURCE_NAME)
    void anUnservedResourceNameIsRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a request for another path gets an HTTP error (404), never 101", resourceNameCases(),
                ServerHandshakeScenarios::refused);
    }

    @ConformanceTest
    @Requirement("WS-HS-28")
    void anUnsupportedVersionIsRefusedWithTheSupportedList(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "version 25 or none: an HTTP error, for 25 with a Sec-WebSocket-Version listing 13; version 8 likewise unless the server speaks draft hybi-08 (then 101)",
                versionCases(), s -> {
                    if (s.log().contains("Sec-WebSocket-Version: 8") && s.response != null && s.response.status() == 101) {
                        // version 8 is draft hybi-08, which some servers still speak: only an unknown version is judged
                        return WsCase.Verdict.ok("101: the server understands version 8 (draft hybi-08)");
                    }
                    WsCase.Verdict v = refused(s);
                    if (!v.passed() || s.response == null) {
                        return v;
                    }
                    boolean missing = s.log().contains("no Sec-WebSocket-Version");
                    List<String> versions = s.response.headers().elements(Handshake.SEC_WEBSOCKET_VERSION);
                    if (!missing && !versions.contains("13")) {
                        return WsCase.Verdict.broken(s.response.status() + " without Sec-WebSocket-Version listing 13 (got "
                                + versions + ")");
                    }
                    return WsCase.Verdict.ok(s.response.status() + ", Sec-WebSocket-Version " + versions);
                });
    }

    @ConformanceTest
    @Requirement("WS-HS-29")
    void theStatusForAnUnsupportedVersionIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: the status for an unsupported version", versionCases().subList(0, 2),
                s -> answered(s) == null ? "no response: " + s.endDetail
                        : s.response.status() + " " + s.response.reason() + ", Sec-WebSocket-Version "
                        + s.response.headers().all(Handshake.SEC_WEBSOCKET_VERSION));
    }

    @ConformanceTest
    @Requirement("WS-HS-30")
    void noSubprotocolIsSelectedUnlessOffered(WebSocketServerAdapter ws) {
        List<WsCase> cases = subprotocolCases();
        CaseRunner.check(ws, "no Sec-WebSocket-Protocol unless offered; at most one offered value", cases, s -> {
            WsCase.Verdict v = upgraded(s);
            if (!v.passed()) {
                return WsCase.Verdict.noAnswer("not upgraded: " + v.detail());
            }
            List<String> got = s.response.headers().all(Handshake.SEC_WEBSOCKET_PROTOCOL);
            boolean offered = s.log().contains("x-netconform-a, x-netconform-b");
            if (got.isEmpty()) {
                return WsCase.Verdict.ok("no Sec-WebSocket-Protocol");
            }
            if (!offered) {
                return WsCase.Verdict.broken("Sec-WebSocket-Protocol " + got + " though none was offered");
            }
            return got.size() == 1 && List.of("x-netconform-a", "x-netconform-b").contains(got.get(0).strip())
                    ? WsCase.Verdict.ok("selected " + got.get(0)) : WsCase.Verdict.broken("Sec-WebSocket-Protocol " + got);
        });
    }

    @ConformanceTest
    @Requirement("WS-HS-31")
    void unknownExtensionsAreNotEchoed(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "an offer of x-netconform-unknown is not accepted", extensionCases(), s -> {
                    WsCase.Verdict v = upgraded(s);
                    if (!v.passed()) {
                        return WsCase.Verdict.noAnswer("not upgraded: " + v.detail());
                    }
                    List<String> ext = s.response.headers().elements(Handshake.SEC_WEBSOCKET_EXTENSIONS);
                    return ext.stream().anyMatch(e -> e.contains("x-netconform-unknown"))
                            ? WsCase.Verdict.broken("accepted " + ext) : WsCase.Verdict.ok("extensions " + ext);
                });
    }

    @ConformanceTest
    @Requirement("WS-HS-32")
    void malformedExtensionOffersAreRefused(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "a Sec-WebSocket-Extensions value outside the §9.1 grammar is never answered with 101",
                malformedExtensionCases(),
                ServerHandshakeScenarios::refused);
    }

    @ConformanceTest
    @Requirement("WS-SEC-3")
    @RequiresCapability(WebSocketServerAdapter.ORIGIN_POLICY)
    void aRefusedOriginGetsAnHttpError(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "Origin http://evil.example: an HTTP error, never 101; the allowed Origin: 101",
                originCases(ws), s -> s.log().contains("evil.example") ? refused(s) : upgraded(s));
    }

    @ConformanceTest
    @Requirement("WS-SEC-4")
    @RequiresCapability(WebSocketServerAdapter.ORIGIN_POLICY)
    void aRefusedOriginGets403(WebSocketServerAdapter ws) {
        CaseRunner.check(ws, "Origin http://evil.example: 403 Forbidden", originCases(ws).subList(0, 1), s -> {
            WsCase.Verdict v = refused(s);
            if (!v.passed()) {
                return v;
            }
            return s.response.status() == 403 ? WsCase.Verdict.ok("403")
                    : WsCase.Verdict.broken("status " + s.response.status() + " " + s.response.reason());
        });
    }

    static List<WsCase> originCases(WebSocketServerAdapter ws) {
        String allowed = ws.allowedOrigin().orElseThrow(() -> new IllegalStateException("origin-policy without allowedOrigin"));
        return List.of(standard("S.3.1", "Origin: http://evil.example", Optional.of("http://evil.example")),
                standard("S.3.2", "Origin: " + allowed, Optional.of(allowed)));
    }
}
