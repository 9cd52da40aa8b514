package org.netconform.adapters.linuxnat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.netconform.netlab.Arrival;
import org.netconform.netlab.Endpoint;
import org.netconform.netlab.LabException;
import org.netconform.netlab.NamespaceLab;
import org.netconform.netlab.TcpResult;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLab;
import org.netconform.spi.nat.NatLabException;
import org.netconform.spi.nat.NatTopology;
import org.netconform.spi.nat.TcpOutcome;

/**
 * The vendor interface's {@link NatLab} over a netlab {@link NamespaceLab}: the same operations with
 * the interface's value types, and a lab failure as {@link NatLabException} (ERROR, never a verdict).
 */
final class LinuxNatLab implements NatLab {
    private final NamespaceLab lab;
    private final NatTopology topology;

    LinuxNatLab(NamespaceLab lab, NatTopology topology) {
        this.lab = lab;
        this.topology = topology;
    }

    @Override
    public NatTopology topology() {
        return topology;
    }

    @Override
    public boolean virtualTime() {
        return false;
    }

    @Override
    public Optional<Delivery> udp(NatEndpoint from, NatEndpoint to) {
        return guard(() -> lab.udp(in(from), in(to)).map(LinuxNatLab::out));
    }

    @Override
    public boolean udpToClosedPort(NatEndpoint from, NatEndpoint to) {
        return guard(() -> lab.udpToClosedPort(in(from), in(to)));
    }

    @Override
    public TcpOutcome tcpConnect(NatEndpoint from, NatEndpoint to) {
        return guard(() -> out(lab.tcpConnect(in(from), in(to))));
    }

    @Override
    public void tcpListen(NatEndpoint at) {
        guard(() -> {
            lab.tcpListen(in(at));
            return null;
        });
    }

    @Override
    public TcpOutcome tcpSimultaneousOpen(NatEndpoint inside, NatEndpoint outside, NatEndpoint insideMapping) {
        return guard(() -> out(lab.tcpSimultaneousOpen(in(inside), in(outside), in(insideMapping))));
    }

    @Override
    public void tcpClose(NatEndpoint from, NatEndpoint to, boolean reset) {
        guard(() -> {
            lab.tcpClose(in(from), in(to), reset);
            return null;
        });
    }

    @Override
    public void advance(Duration duration) {
        guard(() -> {
            lab.advance(duration);
            return null;
        });
    }

    @Override
    public String describeTable() {
        return guard(lab::conntrackTable);
    }

    @Override
    public void close() {
        lab.close();
    }

    private static <T> T guard(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (LabException e) {
            throw new NatLabException(e.getMessage(), e);
        }
    }

    private static Endpoint in(NatEndpoint e) {
        return Endpoint.of(e.address(), e.port());
    }

    private static NatEndpoint out(Endpoint e) {
        return NatEndpoint.of(e.address(), e.port());
    }

    private static Delivery out(Arrival a) {
        return new Delivery(out(a.receivedAt()), out(a.seenSource()));
    }

    private static TcpOutcome out(TcpResult r) {
        return switch (r.kind()) {
            case ESTABLISHED -> TcpOutcome.established(out(r.arrival().orElseThrow()));
            case RESET -> TcpOutcome.of(TcpOutcome.Kind.RESET);
            case ICMP_UNREACHABLE -> TcpOutcome.of(TcpOutcome.Kind.ICMP_UNREACHABLE);
            case NO_ANSWER -> TcpOutcome.of(TcpOutcome.Kind.NO_ANSWER);
        };
    }
}
