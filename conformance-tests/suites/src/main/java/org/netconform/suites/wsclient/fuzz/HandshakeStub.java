package org.netconform.suites.wsclient.fuzz;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.netconform.reference.websocket.Handshake;

/**
 * A WireMock server on 127.0.0.1 and an ephemeral port serving the opening-handshake responses a
 * client must refuse, one path each, and a valid 101 whose Sec-WebSocket-Accept a response
 * transformer computes from the request's Sec-WebSocket-Key, so the happy path runs through the
 * same stub server. WireMock's (shaded) Jetty writes the 101 head as stubbed; what happens after it
 * (the connection is not handed over to a WebSocket) does not matter: the client only has to read the
 * head to accept or refuse.
 */
public final class HandshakeStub implements AutoCloseable {

    /** One stubbed response: its path, what it is, and the requirement that makes a client refuse it. */
    public enum Response101 {
        VALID("/valid", "a valid 101 (accept computed from the key)", null),
        STATUS_200("/status-200", "200 OK with the WebSocket headers and a correct accept", "WS-HS-12"),
        STATUS_403("/status-403", "403 Forbidden", "WS-HS-12"),
        WRONG_ACCEPT("/wrong-accept", "101 with the accept value of another key", "WS-HS-16"),
        MISSING_ACCEPT("/missing-accept", "101 without Sec-WebSocket-Accept", "WS-HS-16"),
        MISSING_UPGRADE("/missing-upgrade", "101 without an Upgrade header", "WS-HS-14"),
        WRONG_UPGRADE("/wrong-upgrade", "101 with Upgrade: h2c", "WS-HS-14"),
        MISSING_CONNECTION("/missing-connection", "101 without a Connection header", "WS-HS-15"),
        WRONG_CONNECTION("/wrong-connection", "101 with Connection: keep-alive", "WS-HS-15"),
        UNREQUESTED_SUBPROTOCOL("/unrequested-subprotocol", "101 selecting the subprotocol x-unrequested, none offered", "WS-HS-19"),
        UNREQUESTED_EXTENSION("/unrequested-extension", "101 accepting the extension x-netconform-unknown, none offered", "WS-HS-18"),
        REDIRECT("/redirect", "302 Found to the valid path", "WS-HS-13");

        public final String path;
        public final String description;
        public final String requirement;

        Response101(String path, String description, String requirement) {
            this.path = path;
            this.description = description;
            this.requirement = requirement;
        }
    }

    static final String TRANSFORMER = "netconform-ws-accept";
    /** The accept value of RFC 6455's sample key: right form, wrong for any other key. */
    static final String FOREIGN_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final WireMockServer server;

    private HandshakeStub() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .containerThreads(16).extensions(new AcceptTransformer()));
        server.start();
        int port = server.port();
        stub(Response101.VALID, ws101(true, true).withTransformers(TRANSFORMER));
        stub(Response101.STATUS_200, aResponse().withStatus(200).withHeader("Upgrade", "websocket")
                .withHeader("Connection", "Upgrade").withTransformers(TRANSFORMER));
        stub(Response101.STATUS_403, aResponse().withStatus(403).withBody("forbidden"));
        stub(Response101.WRONG_ACCEPT, ws101(true, true).withHeader(Handshake.SEC_WEBSOCKET_ACCEPT, FOREIGN_ACCEPT));
        stub(Response101.MISSING_ACCEPT, ws101(true, true));
        stub(Response101.MISSING_UPGRADE, ws101(false, true).withTransformers(TRANSFORMER));
        stub(Response101.WRONG_UPGRADE, ws101(false, true).withHeader("Upgrade", "h2c").withTransformers(TRANSFORMER));
        stub(Response101.MISSING_CONNECTION, ws101(true, false).withTransformers(TRANSFORMER));
        stub(Response101.WRONG_CONNECTION, ws101(true, false).withHeader("Connection", "keep-alive")
                .withTransformers(TRANSFORMER));
        stub(Response101.UNREQUESTED_SUBPROTOCOL, ws101(true, true)
                .withHeader(Handshake.SEC_WEBSOCKET_PROTOCOL, "x-unrequested").withTransformers(TRANSFORMER));
        stub(Response101.UNREQUESTED_EXTENSION, ws101(true, true)
                .withHeader(Handshake.SEC_WEBSOCKET_EXTENSIONS, "x-netconform-unknown").withTransformers(TRANSFORMER));
        stub(Response101.REDIRECT, aResponse().withStatus(302)
                .withHeader("Location", "ws://127.0.0.1:" + port + Response101.VALID.path));
    }

    public static HandshakeStub start() {
        return new HandshakeStub();
    }

    private static ResponseDefinitionBuilder ws101(boolean upgrade, boolean connection) {
        ResponseDefinitionBuilder b = aResponse().withStatus(101).withStatusMessage("Switching Protocols");
        if (upgrade) {
            b = b.withHeader("Upgrade", "websocket");
        }
        if (connection) {
            b = b.withHeader("Connection", "Upgrade");
        }
        return b;
    }

    private void stub(Response101 r, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(r.path)).willReturn(response));
    }

    public URI uri(Response101 r) {
        return URI.create("ws://127.0.0.1:" + server.port() + r.path);
    }

    /** How many requests reached a path (the request journal is off; counted by the transformer's peer). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Adds Sec-WebSocket-Accept computed from the request's Sec-WebSocket-Key. */
    static final class AcceptTransformer implements ResponseTransformerV2 {
        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            String key = serveEvent.getRequest().getHeader(Handshake.SEC_WEBSOCKET_KEY);
            List<HttpHeader> headers = new ArrayList<>(response.getHeaders().all());
            if (key != null) {
                headers.add(new HttpHeader(Handshake.SEC_WEBSOCKET_ACCEPT, Handshake.computeAccept(key.strip())));
            }
            return Response.Builder.like(response).but().headers(new HttpHeaders(headers)).build();
        }
    }

    static String describe(HttpHeaders h) {
        return h.all().stream().map(HttpHeader::toString).collect(Collectors.joining(", "));
    }
}
