package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * {@link UdpStackAdapter} over the stdio protocol: a socket is a handle the harness chooses
 * ({@code udp.open}), each {@link UdpEndpoint} operation one request whose answer names the
 * {@link UdpOutcome}. The program's sockets are on this machine's kernel (never in process).
 */
final class StdioUdpStackAdapter extends StdioAdapter implements UdpStackAdapter {
    private final AtomicInteger nextSocket = new AtomicInteger(1);

    StdioUdpStackAdapter(Session session, TargetSpec.Area area) {
        super(session, area);
    }

    @Override
    public UdpStack stack() {
        return new UdpStack() {
            @Override
            public String name() {
                return session.spec().id();
            }

            @Override
            public UdpEndpoint open() {
                int id = nextSocket.getAndIncrement();
                session.call("udp.open", Json.object().put("socket", id));
                return new Endpoint(id, session.generation());
            }

            @Override
            public Set<UdpOption> supportedOptions() {
                Set<UdpOption> s = EnumSet.noneOf(UdpOption.class);
                if (area.capabilities().contains(REUSE_ADDRESS)) {
                    s.add(UdpOption.REUSE_ADDRESS);
                }
                if (area.capabilities().contains(REUSE_PORT)) {
                    s.add(UdpOption.REUSE_PORT);
                }
                return s;
            }
        };
    }

    static String address(UdpAddress a) {
        return a.ipString() + ":" + a.port();
    }

    static UdpAddress address(String s, String op) {
        int colon = s.lastIndexOf(':');
        try {
            return UdpAddress.of(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new StdioFault("the answer to " + op + " has an address that is not IPv4:port: " + Json.excerpt(s));
        }
    }

    static UdpOutcome outcome(JsonNode r, String op) {
        String name = Json.text(r, "outcome", op);
        try {
            return UdpOutcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new StdioFault("the answer to " + op + " names an outcome the protocol does not know: " + Json.excerpt(name));
        }
    }

    private final class Endpoint implements UdpEndpoint {
        private final int id;
        private final int generation;

        Endpoint(int id, int generation) {
            this.id = id;
            this.generation = generation;
        }

        private ObjectNode args() {
            if (session.generation() != generation) {
                throw session.faultNow("socket " + id + " belonged to a program that has since failed");
            }
            return Json.object().put("socket", id);
        }

        private <T> UdpResult<T> result(JsonNode r, String op, T value) {
            UdpOutcome o = outcome(r, op);
            return o == UdpOutcome.OK ? UdpResult.ok(value) : UdpResult.error(o);
        }

        private UdpResult<Void> simple(String op, ObjectNode args) {
            return result(session.call(op, args), op, null);
        }

        @Override
        public UdpResult<Void> setOption(UdpOption option, boolean value) {
            return simple("udp.setOption", args().put("option", option == UdpOption.REUSE_PORT ? REUSE_PORT : REUSE_ADDRESS)
                    .put("value", value));
        }

        @Override
        public UdpResult<Void> bind(UdpAddress local) {
            return simple("udp.bind", args().put("address", address(local)));
        }

        @Override
        public UdpResult<Void> connect(UdpAddress remote) {
            return simple("udp.connect", args().put("address", address(remote)));
        }

        @Override
        public UdpResult<Void> disconnect() {
            return simple("udp.disconnect", args());
        }

        private UdpResult<Integer> sent(String op, ObjectNode args) {
            JsonNode r = session.call(op, args);
            UdpOutcome o = outcome(r, op);
            return o == UdpOutcome.OK ? UdpResult.ok(Json.integer(r, "sent", op)) : UdpResult.error(o);
        }

        @Override
        public UdpResult<Integer> send(byte[] payload) {
            return sent("udp.send", args().put("payload", Json.b64(payload)));
        }

        @Override
        public UdpResult<Integer> sendTo(UdpAddress destination, byte[] payload) {
            return sent("udp.sendTo", args().put("address", address(destination)).put("payload", Json.b64(payload)));
        }

        @Override
        public UdpResult<Datagram> receive(Duration timeout) {
            String op = "udp.receive";
            JsonNode r = session.call(op, args().put("timeoutMs", timeout.toMillis()),
                    timeout.plus(session.spec().requestTimeout()));
            UdpOutcome o = outcome(r, op);
            if (o != UdpOutcome.OK) {
                return UdpResult.error(o);
            }
            return UdpResult.ok(new Datagram(address(Json.text(r, "source", op), op), Json.octets(r, "payload", op)));
        }

        private Optional<UdpAddress> addressOf(String op) {
            JsonNode r = session.call(op, args());
            JsonNode a = r.get("address");
            if (a == null || a.isNull()) {
                return Optional.empty();
            }
            UdpAddress u = address(a.asText(), op);
            return u.port() == 0 ? Optional.empty() : Optional.of(u);
        }

        @Override
        public Optional<UdpAddress> localAddress() {
            return addressOf("udp.localAddress");
        }

        @Override
        public Optional<UdpAddress> remoteAddress() {
            return addressOf("udp.remoteAddress");
        }

        @Override
        public UdpResult<Void> close() {
            if (session.generation() != generation) {
                // the program that held it is gone, and the socket with it
                return UdpResult.ok();
            }
            return simple("udp.close", args());
        }

        @Override
        public String toString() {
            return session.spec().id() + " socket " + id;
        }
    }
}
