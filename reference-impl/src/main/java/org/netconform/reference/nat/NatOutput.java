package org.netconform.reference.nat;

import java.util.List;

/** What one call into a {@link Nat} produced: packets to send on, and events for the log, in order. */
public record NatOutput(List<Emission> emissions, List<NatEvent> events) {

    public NatOutput {
        emissions = List.copyOf(emissions);
        events = List.copyOf(events);
    }

    /** The packets leaving on one side, in order. */
    public List<Packet> packets(Side side) {
        return emissions.stream().filter(e -> e.side() == side).map(Emission::packet).toList();
    }

    public boolean hasEvent(NatEvent.Kind kind) {
        return events.stream().anyMatch(e -> e.kind() == kind);
    }
}
