package org.netconform.broken.nat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netconform.broken.nat.FakeNatConfig.Dep;
import org.netconform.broken.nat.FakeNatConfig.Hairpin;
import org.netconform.broken.nat.FakeNatConfig.Ports;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * Targets around {@link FakeNat}, registered for the suite's own tests: correct ones that show the
 * suite passes what it should (and reports UNSUPPORTED what it cannot decide), and broken ones, each
 * with one thing wrong, that show the suite catches it with the intended requirement.
 */
public abstract class FakeNatTarget implements Target {

    abstract FakeNatConfig config();

    Set<String> capabilities() {
        return Set.of(NatAdapter.TCP, NatAdapter.SET_TIMERS, NatAdapter.ICMP);
    }

    NatTopology topology() {
        return NatTopology.standard();
    }

    /** False for the stand-in of a real NAT: the suite then treats time as real (its clock is still virtual). */
    boolean virtual() {
        return true;
    }

    @Override
    public String description() {
        return "in-process fake NAT for the suite's self-test: " + getClass().getSimpleName();
    }

    @Override
    public List<AreaAdapter> adapters() {
        FakeNatTarget self = this;
        return List.of(new NatAdapter() {
            @Override
            public Layer layer() {
                return self.virtual() ? Layer.MODEL : Layer.ENDPOINT;
            }

            @Override
            public Set<String> capabilities() {
                return self.capabilities();
            }

            @Override
            public NatTopology topology() {
                return self.topology();
            }

            @Override
            public Optional<Integer> portQuota() {
                return self.config().quota();
            }

            @Override
            public NatLab open(NatLabOptions options) {
                FakeNatConfig c = self.config();
                if (self.capabilities().contains(SET_TIMERS)) {
                    if (options.udpIdleTimeout().isPresent()) {
                        c = c.withUdpTimers(options.udpIdleTimeout().get(), options.udpIdleTimeout().get());
                    }
                    if (options.tcpEstablishedTimeout().isPresent()) {
                        c = c.withTcpTimers(options.tcpEstablishedTimeout().get(), options.tcpTransitoryTimeout().get());
                    }
                }
                return self.lab(c);
            }
        });
    }

    NatLab lab(FakeNatConfig c) {
        return new FakeNat(topology(), c, virtual());
    }

    /** EIM + APDF, port preserving, hairpinning with the external source, RFC timers: like Linux, minus its 30 s. */
    public static final class Correct extends FakeNatTarget {
        @Override
        public String id() {
            return "fake-nat";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct();
        }
    }

    /**
     * A carrier-grade NAT: EIM + EIF, random ports (parity and range kept), two external addresses paired
     * per subscriber, a quota of 8 ports, freed ports held back 120 s; no set-timers, so the suite
     * measures its default timers in virtual time.
     */
    public static final class Cgn extends FakeNatTarget {
        @Override
        public String id() {
            return "fake-nat-cgn";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withFiltering(Dep.ENDPOINT_INDEPENDENT).withPorts(Ports.RANDOM, true)
                    .withQuota(8, false, Duration.ofSeconds(120));
        }

        @Override
        Set<String> capabilities() {
            return Set.of(NatAdapter.TCP, NatAdapter.ICMP, NatAdapter.QUOTA);
        }

        @Override
        NatTopology topology() {
            NatTopology s = NatTopology.standard();
            return new NatTopology(s.insideHosts(), s.serverAddresses(), s.otherOutsideHost(),
                    List.of("203.0.113.1", "203.0.113.2"));
        }
    }

    /**
     * A correct NAT (EIM + EIF) that says its time is real: the suite's bounded waits then leave the long
     * timers undecided (UNSUPPORTED) unless long timers are allowed. Its clock is virtual, so nothing waits.
     */
    public static final class RealTime extends FakeNatTarget {
        @Override
        public String id() {
            return "fake-nat-realtime";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withFiltering(Dep.ENDPOINT_INDEPENDENT);
        }

        @Override
        boolean virtual() {
            return false;
        }
    }

    /**
     * Stands in for Linux netfilter between namespaces: EIM + APDF, UDP timers of 30 s one-way and 120 s
     * after replies, every packet refreshing, a RST for a SYN to one of its own closed ports. It says its
     * time is real, so the suite takes its real-time paths (its clock is virtual, so no test waits).
     */
    public static final class LinuxLike extends FakeNatTarget {
        @Override
        public String id() {
            return "fake-nat-linuxlike";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withUdpTimers(Duration.ofSeconds(30), Duration.ofSeconds(120))
                    .withRefresh(true, true).withUnsolicitedSyn(TcpOutcome.Kind.RESET)
                    .withTcpTimers(Duration.ofDays(5), Duration.ofMinutes(2));
        }

        @Override
        boolean virtual() {
            return false;
        }
    }

    public static final class Symmetric extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-symmetric";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withMapping(Dep.ADDRESS_AND_PORT);
        }
    }

    public static final class PortOverloading extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-port-overloading";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withOverloading();
        }
    }

    public static final class NoHairpin extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-no-hairpin";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withHairpin(Hairpin.NONE);
        }
    }

    public static final class InboundOnlyRefresh extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-inbound-only-refresh";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withRefresh(false, true);
        }
    }

    public static final class IcmpTearsDown extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-icmp-teardown";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withIcmpTearDown();
        }
    }

    /** The CGN with a quota that evicts the subscriber's oldest mapping to make room. */
    public static final class QuotaEvicts extends FakeNatTarget {
        private final Cgn cgn = new Cgn();

        @Override
        public String id() {
            return "broken-nat-quota-evicts";
        }

        @Override
        FakeNatConfig config() {
            return cgn.config().withQuota(8, true, Duration.ofSeconds(120));
        }

        @Override
        Set<String> capabilities() {
            return cgn.capabilities();
        }

        @Override
        NatTopology topology() {
            return cgn.topology();
        }
    }

    /** The CGN keeping inside ports where it can and giving a freed port out again at once. */
    public static final class CgnReusesPorts extends FakeNatTarget {
        private final Cgn cgn = new Cgn();

        @Override
        public String id() {
            return "broken-nat-cgn-reuses-ports";
        }

        @Override
        FakeNatConfig config() {
            return cgn.config().withPorts(Ports.PRESERVE, true).withQuota(8, false, Duration.ZERO);
        }

        @Override
        Set<String> capabilities() {
            return cgn.capabilities();
        }

        @Override
        NatTopology topology() {
            return cgn.topology();
        }
    }

    /** A lab whose agent is gone: every operation fails with NatLabException, which is ERROR, never a verdict. */
    public static final class LabDies extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-lab-dies";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct();
        }

        @Override
        NatLab lab(FakeNatConfig c) {
            NatLab inner = super.lab(c);
            return (NatLab) java.lang.reflect.Proxy.newProxyInstance(NatLab.class.getClassLoader(),
                    new Class<?>[] {NatLab.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "topology", "virtualTime", "close", "describeTable" -> method.invoke(inner, args);
                        default -> throw new NatLabException("the lab's agent in the inside namespace died");
                    });
        }
    }

    public static final class ShortTimer extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-short-timer";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withUdpTimers(Duration.ofSeconds(60), Duration.ofSeconds(60));
        }
    }

    /** RFC 4787 §8's example: endpoint-independent until two hosts collide on a port, then APDM. */
    public static final class Nondeterministic extends FakeNatTarget {
        @Override
        public String id() {
            return "broken-nat-nondeterministic";
        }

        @Override
        FakeNatConfig config() {
            return FakeNatConfig.correct().withApdmAfterCollision();
        }
    }
}
