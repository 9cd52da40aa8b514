package org.netconform.broken.nat;

import java.time.Duration;
import java.util.Optional;
import org.netconform.spi.nat.TcpOutcome;

/**
 * How a {@link FakeNat} behaves. The correct default is EIM + APDF with hairpinning (external source),
 * port preservation, parity and range kept, RFC timers; each broken target changes one thing.
 */
record FakeNatConfig(Dep mapping, Dep filtering, Ports ports, boolean keepParityAndRange, boolean overload,
                     Hairpin hairpin, boolean pairedPooling, Duration udpOneWay, Duration udpReplied,
                     boolean outboundRefresh, boolean inboundRefresh, boolean icmpTearsDown, Optional<Integer> quota,
                     boolean evictAtQuota, Duration portQuarantine, boolean apdmAfterCollision,
                     TcpOutcome.Kind unsolicitedSyn, Duration tcpEstablished, Duration tcpTransitory) {

    /** How a mapping or a filter depends on the outside endpoint. */
    enum Dep {
        ENDPOINT_INDEPENDENT, ADDRESS, ADDRESS_AND_PORT
    }

    enum Ports {
        PRESERVE, SEQUENTIAL, RANDOM
    }

    enum Hairpin {
        NONE, EXTERNAL, INTERNAL
    }

    static FakeNatConfig correct() {
        return new FakeNatConfig(Dep.ENDPOINT_INDEPENDENT, Dep.ADDRESS_AND_PORT, Ports.PRESERVE, true, false,
                Hairpin.EXTERNAL, true, Duration.ofMinutes(5), Duration.ofMinutes(5), true, false, false,
                Optional.empty(), false, Duration.ZERO, false, TcpOutcome.Kind.NO_ANSWER,
                Duration.ofHours(2).plusMinutes(30), Duration.ofMinutes(5));
    }

    FakeNatConfig withMapping(Dep d) {
        return new FakeNatConfig(d, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withFiltering(Dep d) {
        return new FakeNatConfig(mapping, d, ports, keepParityAndRange, overload, hairpin, pairedPooling, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withPorts(Ports p, boolean keepParityAndRange) {
        return new FakeNatConfig(mapping, filtering, p, keepParityAndRange, overload, hairpin, pairedPooling, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withOverloading() {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, true, hairpin, pairedPooling, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withHairpin(Hairpin h) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, h, pairedPooling, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withPairedPooling(boolean paired) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, paired, udpOneWay,
                udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withUdpTimers(Duration oneWay, Duration replied) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling, oneWay,
                replied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withRefresh(boolean outbound, boolean inbound) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outbound, inbound, icmpTearsDown, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withIcmpTearDown() {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outboundRefresh, inboundRefresh, true, quota, evictAtQuota, portQuarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withQuota(int n, boolean evict, Duration quarantine) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, Optional.of(n), evict, quarantine,
                apdmAfterCollision, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withApdmAfterCollision() {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota,
                portQuarantine, true, unsolicitedSyn, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withUnsolicitedSyn(TcpOutcome.Kind k) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota,
                portQuarantine, apdmAfterCollision, k, tcpEstablished, tcpTransitory);
    }

    FakeNatConfig withTcpTimers(Duration established, Duration transitory) {
        return new FakeNatConfig(mapping, filtering, ports, keepParityAndRange, overload, hairpin, pairedPooling,
                udpOneWay, udpReplied, outboundRefresh, inboundRefresh, icmpTearsDown, quota, evictAtQuota,
                portQuarantine, apdmAfterCollision, unsolicitedSyn, established, transitory);
    }
}
