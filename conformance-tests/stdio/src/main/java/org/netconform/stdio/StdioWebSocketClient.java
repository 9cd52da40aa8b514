package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/**
 * {@link WebSocketClientAdapter} over the stdio protocol: {@code wsclient.connect} opens a connection
 * under a handle the harness chooses; what the library tells its application comes back as events
 * ({@code wsclient.message}, {@code .ping}, {@code .pong}, {@code .closeFrame}, {@code .closed},
 * {@code .error}) into the case's {@link ClientRecorder}. Requests for different connections may be
 * in flight at once.
 */
final class StdioWebSocketClient extends StdioAdapter implements WebSocketClientAdapter {
    private final AtomicInteger nextConnection = new AtomicInteger(1);
    private final Map<Integer, ClientRecorder> recorders = new ConcurrentHashMap<>();

    StdioWebSocketClient(Session session, TargetSpec.Area area) {
        super(session, area);
        session.onEvents("wsclient.", this::event);
    }

    private void event(JsonNode e) {
        String name = e.path("event").asText();
        JsonNode d = e.path("data");
        String op = "event " + name;
        JsonNode c = d.get("connection");
        if (c == null || !c.canConvertToInt()) {
            throw new StdioFault("wrote " + op + " without a connection: " + Json.excerpt(e.toString()));
        }
        ClientRecorder rec = recorders.get(c.asInt());
        if (rec == null) {
            // a connection the harness has let go of (aborted): what it still says is of no interest
            return;
        }
        switch (name) {
            case "wsclient.message" -> {
                String type = Json.text(d, "type", op);
                if (!type.equals("text") && !type.equals("binary")) {
                    throw new StdioFault("wrote " + op + " of type " + Json.excerpt(type) + ", not text or binary");
                }
                rec.message(type.equals("text") ? ClientRecorder.Type.TEXT : ClientRecorder.Type.BINARY,
                        Json.octets(d, "payload", op));
            }
            case "wsclient.ping" -> rec.ping(Json.octets(d, "payload", op));
            case "wsclient.pong" -> rec.pong(Json.octets(d, "payload", op));
            case "wsclient.closeFrame" -> rec.closeFrame(Json.integer(d, "code", op), d.path("reason").asText(""));
            case "wsclient.closed" -> rec.closed(Json.integer(d, "code", op), d.path("reason").asText(""),
                    d.path("remote").asBoolean(true));
            case "wsclient.error" -> rec.error(new LibraryError(d.path("message").asText("(no message)")));
            default -> throw new StdioFault("wrote an event the harness does not know: " + Json.excerpt(e.toString()));
        }
    }

    /** An error the library reported to its application, as the program described it. */
    static final class LibraryError extends Exception {
        LibraryError(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public ClientConnection connect(ConnectRequest request, ClientRecorder recorder) throws Exception {
        int id = nextConnection.getAndIncrement();
        ObjectNode args = Json.object().put("connection", id).put("uri", request.uri().toString())
                .put("timeoutMs", request.timeout().toMillis());
        ArrayNode sp = args.putArray("subprotocols");
        request.subprotocols().forEach(sp::add);
        ArrayNode ex = args.putArray("extensions");
        request.extensions().forEach(ex::add);
        recorders.put(id, recorder);
        int generation;
        try {
            session.call("wsclient.connect", args, request.timeout().plus(session.spec().requestTimeout()));
            generation = session.generation();
        } catch (StdioRefusal refused) {
            recorders.remove(id);
            throw new LibraryError(refused.getMessage());
        } catch (RuntimeException e) {
            recorders.remove(id);
            throw e;
        }
        return new ClientConnection() {
            private ObjectNode args() {
                if (session.generation() != generation) {
                    throw session.faultNow("connection " + id + " belonged to a program that has since failed");
                }
                return Json.object().put("connection", id);
            }

            private void call(String op, ObjectNode a) throws Exception {
                try {
                    session.call(op, a);
                } catch (StdioRefusal refused) {
                    throw new LibraryError(refused.getMessage());
                }
            }

            @Override
            public void sendText(String text) throws Exception {
                call("wsclient.sendText", args().put("text", text));
            }

            @Override
            public void sendBinary(byte[] data) throws Exception {
                call("wsclient.sendBinary", args().put("payload", Json.b64(data)));
            }

            @Override
            public void sendPing(byte[] payload) throws Exception {
                if (!capabilities().contains(SEND_PING)) {
                    ClientConnection.super.sendPing(payload);
                }
                call("wsclient.sendPing", args().put("payload", Json.b64(payload)));
            }

            @Override
            public void close(int code, String reason) throws Exception {
                call("wsclient.close", args().put("code", code).put("reason", reason));
            }

            @Override
            public void abort() {
                try {
                    if (session.generation() == generation) {
                        session.call("wsclient.abort", Json.object().put("connection", id));
                    }
                } catch (RuntimeException e) {
                    // dropped anyway; a failure of the program is in the case's faults already
                } finally {
                    recorders.remove(id);
                }
            }
        };
    }
}
