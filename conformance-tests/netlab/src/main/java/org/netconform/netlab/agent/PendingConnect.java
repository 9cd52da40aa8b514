package org.netconform.netlab.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.netconform.netlab.Endpoint;

/**
 * One TCP connect from a bound port, split in two so a simultaneous open can have its SYN on the wire
 * before the other side starts: {@link #start} binds and sends the SYN, {@link #finish} waits for the
 * handshake. SO_REUSEADDR and SO_REUSEPORT let the port be shared with a listener or another
 * connection, as hole punching does.
 */
final class PendingConnect {
    static final String ESTABLISHED = "established";
    static final String RESET = "reset";
    static final String ICMP = "icmp";
    static final String TIMEOUT = "timeout";
    static final String NO_ROUTE = "noroute";

    final Endpoint local;
    final Endpoint to;
    final SocketChannel channel;
    private final long icmpBefore;
    private String immediate;
    private String detail = "";

    private PendingConnect(Endpoint local, Endpoint to, SocketChannel channel, long icmpBefore) {
        this.local = local;
        this.to = to;
        this.channel = channel;
        this.icmpBefore = icmpBefore;
    }

    static PendingConnect start(Endpoint local, Endpoint to) throws IOException {
        long icmpBefore = IcmpCounter.destinationUnreachables();
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
        PendingConnect p = new PendingConnect(local, to, ch, icmpBefore);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ch.bind(new InetSocketAddress(local.address(), local.port()));
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind TCP " + local + ": " + e.getMessage(), e);
        }
        try {
            if (ch.connect(new InetSocketAddress(to.address(), to.port()))) {
                p.immediate = ESTABLISHED;
            }
        } catch (IOException e) {
            p.immediate = p.classify(e);
        }
        return p;
    }

    /** Waits up to {@code millis} for the handshake; the channel is closed unless it was established. */
    String finish(long millis) throws IOException {
        String result = immediate != null ? immediate : await(millis);
        if (!result.equals(ESTABLISHED)) {
            channel.close();
        }
        return result;
    }

    String detail() {
        return detail;
    }

    private String await(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return TIMEOUT;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                try {
                    if (channel.finishConnect()) {
                        return ESTABLISHED;
                    }
                } catch (IOException e) {
                    return classify(e);
                }
            }
        }
    }

    /** ECONNREFUSED is a RST unless an ICMP destination unreachable arrived meanwhile. */
    private String classify(IOException e) throws IOException {
        detail = e.toString();
        String message = String.valueOf(e.getMessage());
        boolean icmpArrived = IcmpCounter.destinationUnreachables() > icmpBefore && icmpBefore >= 0;
        if (e instanceof ConnectException && message.contains("refused")) {
            return icmpArrived ? ICMP : RESET;
        }
        if (e instanceof ConnectException && message.contains("timed out")) {
            return TIMEOUT;
        }
        if (e instanceof NoRouteToHostException || (e instanceof SocketException && message.contains("unreachable"))) {
            return icmpArrived ? ICMP : NO_ROUTE;
        }
        throw e;
    }
}
