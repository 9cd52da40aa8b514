package org.netconform.reference.nat;

import java.util.Map;

/** Renders a NAT's table as readable text for reports and failure messages. */
final class NatTableFormatter {
    private NatTableFormatter() {
    }

    static String format(Nat nat, NatTable table, HeldSyns held, AddressPool pool) {
        StringBuilder b = new StringBuilder();
        b.append("NAT ").append(nat.config().summary()).append('\n');
        b.append("at ").append(VirtualTime.format(nat.now())).append(": ").append(table.all().size())
                .append(table.all().size() == 1 ? " mapping" : " mappings").append('\n');
        for (MappingSnapshot m : nat.mappings()) {
            b.append("  #").append(m.id()).append(' ').append(m.transport()).append(' ').append(m.internal())
                    .append(' ').append(m.scope()).append(" -> ").append(m.external())
                    .append("  created ").append(VirtualTime.format(m.createdAt()))
                    .append(", expires ").append(VirtualTime.format(m.expiresAt())).append('\n');
            for (SessionSnapshot s : m.sessions()) {
                b.append("      with ").append(s.remote());
                s.tcpState().ifPresent(state -> b.append(' ').append(state));
                b.append(s.replied() ? ", replied" : ", unreplied");
                if (m.transport() == Transport.TCP || nat.config().perSessionUdpTimers()) {
                    b.append(", expires ").append(VirtualTime.format(s.expiresAt()));
                }
                b.append('\n');
            }
        }
        for (HeldSyns.Held h : held.all()) {
            b.append("  held SYN ").append(h.syn().source()).append(" -> ").append(h.syn().destination())
                    .append(" until ").append(VirtualTime.format(h.releaseAt())).append('\n');
        }
        long delay = nat.config().portReuseDelay().toMillis();
        for (Map.Entry<NatTable.ExternalKey, NatTable.FreedPort> e : table.freedPorts().entrySet()) {
            b.append("  reuse delay ").append(e.getKey().transport()).append(' ').append(e.getKey().external())
                    .append(" (last ").append(e.getValue().lastInternal()).append(") until ")
                    .append(VirtualTime.format(e.getValue().freedAt() + delay)).append('\n');
        }
        table.strays().forEach((k, until) -> b.append("  stray entry ").append(k.transport()).append(' ')
                .append(k.remote()).append(" -> ").append(k.external()).append(" until ")
                .append(VirtualTime.format(until)).append('\n'));
        if (nat.config().pooling() == AddressPooling.PAIRED && nat.config().externalAddresses().size() > 1) {
            pool.pairings().forEach((in, ext) -> b.append("  paired ").append(in).append(" -> ").append(ext)
                    .append('\n'));
        }
        return b.toString();
    }
}
