package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/**
 * {@link WebSocketCodec} over the stdio protocol: {@code wscodec.receiver} and {@code wscodec.feed}
 * (octets in, events out), {@code wscodec.encoder} and {@code wscodec.encode}. A read too long for
 * one line of the program's {@code maxLine} goes in consecutive {@code feed} requests (the library
 * then sees it as several reads), and the events of all of them are the read's. Receivers and encoders
 * made in a case are released when the case ends ({@code wscodec.release}).
 */
final class StdioWebSocketCodec extends StdioAdapter implements WebSocketCodec {
    private final AtomicInteger nextHandle = new AtomicInteger(1);
    private final List<Integer> receivers = new ArrayList<>();
    private final List<Integer> encoders = new ArrayList<>();

    StdioWebSocketCodec(Session session, TargetSpec.Area area) {
        super(session, area);
    }

    /**
     * An area field of the target's declaration, else of the program's hello: a target file or a bundled
     * target declares capabilities before anything runs, and may leave the reasons to the program (both
     * are read only within a case, where starting the program is due anyway).
     */
    private JsonNode declared(String field) {
        JsonNode own = area.declaration().get(field);
        return own != null ? own : session.hello().path("areas").path(area.name()).path(field);
    }

    @Override
    public Map<String, String> notOwned() {
        Map<String, String> out = new LinkedHashMap<>();
        declared("notOwned").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Override
    public String describeLimits(Limits asked) {
        String how = declared("limits").asText("");
        return WebSocketCodec.super.describeLimits(asked) + (how.isEmpty() ? "" : " (" + how + ")");
    }

    @Override
    public Optional<String> computeAccept(String key) {
        if (!capabilities().contains(HANDSHAKE_ACCEPT)) {
            return Optional.empty();
        }
        return Optional.of(Json.text(session.call("wscodec.computeAccept", Json.object().put("key", key)), "accept",
                "wscodec.computeAccept"));
    }

    static String role(Role r) {
        return r.name().toLowerCase();
    }

    @Override
    public Receiver receiver(Role receivingAs, Limits limits) {
        int id = nextHandle.getAndIncrement();
        session.call("wscodec.receiver", Json.object().put("receiver", id).put("role", role(receivingAs))
                .put("maxFramePayload", limits.maxFramePayload()).put("maxMessageSize", limits.maxMessageSize()));
        int generation = session.generation();
        synchronized (this) {
            receivers.add(id);
        }
        return chop -> feed(id, generation, chop);
    }

    private List<CodecEvent> feed(int id, int generation, byte[] chop) {
        if (session.generation() != generation) {
            throw session.faultNow("receiver " + id + " belonged to a program that has since failed");
        }
        // base64 is 4/3 of the octets; leave room for the envelope
        int room = Math.max(1024, (session.shimMaxLine() - 512) / 4 * 3);
        List<CodecEvent> events = new ArrayList<>();
        int off = 0;
        do {
            int end = Math.min(chop.length, off + room);
            byte[] part = off == 0 && end == chop.length ? chop : Arrays.copyOfRange(chop, off, end);
            JsonNode r = session.call("wscodec.feed", Json.object().put("receiver", id).put("data", Json.b64(part)));
            JsonNode list = r.get("events");
            if (list == null || !list.isArray()) {
                throw session.faultNow("the answer to wscodec.feed has no 'events' array: " + Json.excerpt(r.toString()));
            }
            for (JsonNode e : list) {
                events.add(event(e));
            }
            off = end;
        } while (off < chop.length);
        return events;
    }

    private CodecEvent event(JsonNode e) {
        String op = "wscodec.feed";
        String type = e.path("type").asText("");
        try {
            return switch (type) {
                case "frame" -> new CodecEvent.DataFrame(Json.integer(e, "opcode", op), e.path("fin").asBoolean(),
                        Json.octets(e, "payload", op));
                case "message" -> new CodecEvent.Message(Json.integer(e, "opcode", op), Json.octets(e, "payload", op));
                case "control" -> new CodecEvent.Control(Json.integer(e, "opcode", op), Json.octets(e, "payload", op),
                        code(e), e.path("closeReason").asText(""));
                case "failure" -> new CodecEvent.Failure(code(e), e.path("closeFrameSent").asBoolean(false),
                        e.path("detail").asText(""));
                default -> throw new StdioFault("wscodec.feed answered an event of unknown type: " + Json.excerpt(e.toString()));
            };
        } catch (StdioFault f) {
            throw session.faultNow(f.getMessage());
        }
    }

    private static OptionalInt code(JsonNode e) {
        JsonNode c = e.get("closeCode");
        return c == null || c.isNull() ? OptionalInt.empty() : OptionalInt.of(c.asInt());
    }

    @Override
    public Encoder encoder(Role sendingAs) {
        int id = nextHandle.getAndIncrement();
        session.call("wscodec.encoder", Json.object().put("encoder", id).put("role", role(sendingAs)));
        int generation = session.generation();
        synchronized (this) {
            encoders.add(id);
        }
        return frame -> {
            if (session.generation() != generation) {
                throw session.faultNow("encoder " + id + " belonged to a program that has since failed");
            }
            ObjectNode f = Json.object().put("opcode", frame.opcode()).put("fin", frame.fin());
            switch (frame.opcode()) {
                case CodecEvent.TEXT -> f.put("text", frame.text());
                case CodecEvent.CLOSE -> {
                    if (frame.closeCode().isPresent()) {
                        f.put("closeCode", frame.closeCode().getAsInt());
                    } else {
                        f.putNull("closeCode");
                    }
                    f.put("closeReason", frame.closeReason());
                }
                default -> f.put("payload", Json.b64(frame.payload()));
            }
            ObjectNode args = Json.object().put("encoder", id);
            args.set("frame", f);
            return Json.octets(session.call("wscodec.encode", args), "octets", "wscodec.encode");
        };
    }

    @Override
    public Case openCase(String name) {
        Case c = session.openCase(name);
        return () -> {
            release();
            return c.close();
        };
    }

    /** Tells the program it may forget the receivers and encoders made so far. */
    private void release() {
        List<Integer> r;
        List<Integer> e;
        synchronized (this) {
            r = List.copyOf(receivers);
            e = List.copyOf(encoders);
            receivers.clear();
            encoders.clear();
        }
        if (r.isEmpty() && e.isEmpty()) {
            return;
        }
        ShimProcess p = null;
        try {
            p = session.process();
        } catch (StdioFault f) {
            return;
        }
        if (p == null) {
            return;
        }
        ObjectNode args = Json.object();
        ArrayNode ra = args.putArray("receivers");
        r.forEach(ra::add);
        ArrayNode ea = args.putArray("encoders");
        e.forEach(ea::add);
        session.call("wscodec.release", args);
    }
}
