package org.netconform.broken.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Datagram;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunAttribute;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunDatagramHandler;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.StunServerCore;
import org.netconform.reference.stun.TransactionId;
import org.netconform.reference.stun.UdpStunServer;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * Deliberately broken STUN servers for the server suite's self-tests: the reference server core on
 * 127.0.0.1 and 127.0.0.2, right in everything but one flaw each.
 */
public final class BrokenStunServers {
    /** The one thing each server gets wrong. */
    public enum Flaw {
        /** XOR-MAPPED-ADDRESS with the address XORed but the port sent as it is. */
        WRONG_XOR,
        /** Answers every request from the endpoint it arrived at, as if CHANGE-REQUEST were absent. */
        IGNORES_CHANGE_REQUEST,
        /** Answers with the request's transaction ID but its last octet flipped. */
        WRONG_TRANSACTION_ID
    }

    private BrokenStunServers() {
    }

    /** A target per flaw, ID {@code broken-stun-<flaw in kebab case>}. */
    public abstract static class BrokenTarget implements Target {
        private final Flaw flaw;
        private final List<AreaAdapter> adapters;

        protected BrokenTarget(Flaw flaw) {
            this.flaw = flaw;
            this.adapters = List.of(new Adapter(flaw));
        }

        @Override
        public String id() {
            return "broken-stun-" + flaw.name().toLowerCase().replace('_', '-');
        }

        @Override
        public String description() {
            return "deliberately broken STUN server: " + flaw;
        }

        @Override
        public List<AreaAdapter> adapters() {
            return adapters;
        }
    }

    public static final class WrongXor extends BrokenTarget {
        public WrongXor() {
            super(Flaw.WRONG_XOR);
        }
    }

    public static final class IgnoresChangeRequest extends BrokenTarget {
        public IgnoresChangeRequest() {
            super(Flaw.IGNORES_CHANGE_REQUEST);
        }
    }

    public static final class WrongTransactionId extends BrokenTarget {
        public WrongTransactionId() {
            super(Flaw.WRONG_TRANSACTION_ID);
        }
    }

    static final class Adapter implements StunServerAdapter {
        private final Flaw flaw;
        private UdpStunServer server;

        Adapter(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        public String description() {
            return "reference STUN server core with one flaw: " + flaw;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(CHANGE_REQUEST, RFC5780);
        }

        @Override
        public synchronized StunServerEndpoints endpoints() {
            if (server == null) {
                try {
                    server = UdpStunServer.start(ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 0),
                            new InetSocketAddress("127.0.0.2", 0)), this::handler, (r, s) -> { });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            }
            return new StunServerEndpoints(server.addresses().primary(), server.addresses().alternate());
        }

        private StunDatagramHandler handler(ServerAddresses at) {
            StunServerCore core = new StunServerCore(at, StunServerConfig.defaults());
            return switch (flaw) {
                case IGNORES_CHANGE_REQUEST -> d -> core.handle(withoutChangeRequest(d));
                case WRONG_XOR -> d -> core.handle(d).stream().map(r -> rewrite(r, m -> new StunMessage(m.method(), m.cls(),
                        m.transactionId(), m.attributes().stream().map(a -> a.type() == AttributeType.XOR_MAPPED_ADDRESS
                        ? portNotXored(a) : a).toList()))).toList();
                case WRONG_TRANSACTION_ID -> d -> core.handle(d).stream().map(r -> rewrite(r, m -> {
                    byte[] id = m.transactionId().bytes();
                    id[id.length - 1] ^= 0x01;
                    return new StunMessage(m.method(), m.cls(), TransactionId.of(id), m.attributes());
                })).toList();
            };
        }

        private static Datagram withoutChangeRequest(Datagram d) {
            if (StunCodec.parse(d.data()) instanceof StunCodec.Parsed p && p.message().has(AttributeType.CHANGE_REQUEST)) {
                return new Datagram(d.source(), d.destination(), StunCodec.encode(p.message().without(AttributeType.CHANGE_REQUEST),
                        p.fingerprinted() ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN));
            }
            return d;
        }

        private static StunAttribute portNotXored(StunAttribute a) {
            byte[] v = a.value();
            v[2] ^= 0x21;
            v[3] ^= 0x12;
            return new StunAttribute(a.type(), v);
        }

        private static Datagram rewrite(Datagram r, java.util.function.UnaryOperator<StunMessage> change) {
            if (StunCodec.parse(r.data()) instanceof StunCodec.Parsed p) {
                return new Datagram(r.source(), r.destination(), StunCodec.encode(change.apply(p.message()),
                        p.fingerprinted() ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN));
            }
            return r;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

}
