package org.netconform.suites.udp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;
import org.netconform.spi.udp.UdpEndpoint;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpOutcome;
import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.udp.UdpStackAdapter;

/**
 * What one UDP test works with: the target's stack, the suite's helper sockets (on the kernel, or on
 * the target's stack when it is in process), timeouts, and every socket opened, closed at the end.
 * Every address is on 127.0.0.0/8 and every port is ephemeral (or one just released by the kernel).
 */
public final class UdpWorld implements AutoCloseable {
    /** How long a datagram or an error that should come may take (a receive returns as soon as it comes). */
    public static final Duration ARRIVES = Duration.ofMillis(1000);
    /** How long the suite waits to conclude that nothing comes. */
    public static final Duration QUIET = Duration.ofMillis(30);
    /** Time for an ICMP answer to come back on loopback before a send that should see it. */
    private static final long SETTLE_MS = 10;

    public static final String LOOPBACK = "127.0.0.1";
    public static final String LOOPBACK_2 = "127.0.0.2";

    private final UdpStackAdapter adapter;
    private final UdpStack stack;
    private final UdpStack helpers;
    private final Deque<UdpEndpoint> opened = new ArrayDeque<>();

    public UdpWorld(UdpStackAdapter adapter) {
        this.adapter = adapter;
        this.stack = adapter.stack();
        this.helpers = adapter.inProcess() ? stack : new LoopbackHelpers();
    }

    public UdpStack stack() {
        return stack;
    }

    public boolean inProcess() {
        return adapter.inProcess();
    }

    public boolean can(String capability) {
        return adapter.capabilities().contains(capability);
    }

    // ------------------------------------------------------------ target sockets

    /** A new unbound socket of the target. */
    public UdpEndpoint socket() {
        return track(stack.open());
    }

    /** A new socket of the target with these options set before any bind. */
    public UdpEndpoint socket(Set<UdpOption> options) {
        return track(stack.open(options));
    }

    /** A target socket bound to 127.0.0.1 with an ephemeral port. */
    public UdpEndpoint bound() {
        return bound(socket(), UdpAddress.of(LOOPBACK, 0));
    }

    /** A target socket bound to the wildcard address with an ephemeral port. */
    public UdpEndpoint boundWildcard() {
        return bound(socket(), UdpAddress.wildcard(0));
    }

    /**
     * A target socket bound explicitly to 127.0.0.1 and a non-zero port: a port the kernel assigned to
     * a helper and released (retried if someone else took it meanwhile).
     */
    public UdpEndpoint boundExplicitly() {
        for (int attempt = 0; ; attempt++) {
            UdpAddress port = closedPort();
            UdpEndpoint s = socket();
            UdpResult<Void> r = s.bind(port);
            if (r.isOk()) {
                return s;
            }
            if (r.outcome() != UdpOutcome.ADDRESS_IN_USE || attempt >= 5) {
                throw new IllegalStateException("cannot bind " + port + " explicitly: " + r);
            }
        }
    }

    public UdpEndpoint bound(UdpEndpoint s, UdpAddress at) {
        UdpResult<Void> r = s.bind(at);
        if (!r.isOk()) {
            throw new IllegalStateException("setup: the target cannot bind " + at + ": " + r);
        }
        return s;
    }

    // ------------------------------------------------------------ helper sockets

    /** A helper socket bound to 127.0.0.1 with an ephemeral port. */
    public UdpEndpoint helper() {
        return helper(LOOPBACK);
    }

    /** A helper socket bound to the given loopback address with an ephemeral port. */
    public UdpEndpoint helper(String ip) {
        return helperAt(UdpAddress.of(ip, 0));
    }

    /** A helper socket bound to this address (throws if it cannot). */
    public UdpEndpoint helperAt(UdpAddress at) {
        UdpEndpoint h = track(helpers.open());
        UdpResult<Void> r = h.bind(at);
        if (!r.isOk()) {
            throw new IllegalStateException("setup: a helper cannot bind " + at + ": " + r);
        }
        return h;
    }

    /** 127.0.0.1 and a port where no socket is: a helper bound it, noted it and closed it. */
    public UdpAddress closedPort() {
        UdpEndpoint h = helper();
        UdpAddress a = to(h);
        h.close();
        opened.remove(h);
        return a;
    }

    // ------------------------------------------------------------ observing

    /** Where to send to reach this socket: its local address, a wildcard shown as 127.0.0.1. */
    public static UdpAddress to(UdpEndpoint e) {
        UdpAddress a = e.localAddress().orElseThrow(() -> new AssertionError("the socket reports no local address"));
        return a.isWildcard() ? UdpAddress.of(LOOPBACK, a.port()) : a;
    }

    /** Every datagram that comes within {@link #QUIET} of the previous one (or one error), in order. */
    public static List<UdpResult<Datagram>> drain(UdpEndpoint e) {
        List<UdpResult<Datagram>> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            UdpResult<Datagram> r = e.receive(QUIET);
            if (r.outcome() == UdpOutcome.WOULD_BLOCK) {
                break;
            }
            out.add(r);
            if (!r.isOk() && r.outcome() != UdpOutcome.PORT_UNREACHABLE) {
                break;
            }
        }
        return out;
    }

    /** Lets an ICMP answer come back before the next call (nothing to wait for in process). */
    public void settle() {
        if (!adapter.inProcess()) {
            try {
                Thread.sleep(SETTLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A readable rendering of a receive result: the text and source, or the outcome. */
    public static String show(UdpResult<Datagram> r) {
        if (!r.isOk()) {
            return r.outcome().name();
        }
        Datagram d = r.value();
        return "\"" + d.text() + "\" from " + d.source();
    }

    private UdpEndpoint track(UdpEndpoint e) {
        opened.push(e);
        return e;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
