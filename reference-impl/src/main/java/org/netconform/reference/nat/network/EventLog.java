package org.netconform.reference.nat.network;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The event log of a virtual network, oldest first. It keeps the latest {@value #CAPACITY} events so
 * that a long property run cannot exhaust memory; {@link #dropped()} counts the ones it let go.
 */
public final class EventLog {
    public static final int CAPACITY = 100_000;

    private final Deque<NetworkEvent> events = new ArrayDeque<>();
    private long dropped;

    void add(NetworkEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(event);
    }

    public List<NetworkEvent> events() {
        return List.copyOf(events);
    }

    public long dropped() {
        return dropped;
    }

    /** One event per line. */
    public String render() {
        StringBuilder b = new StringBuilder();
        if (dropped > 0) {
            b.append("(").append(dropped).append(" earlier events not kept)\n");
        }
        for (NetworkEvent e : events) {
            b.append(e).append('\n');
        }
        return b.toString();
    }
}
