package org.netconform.netlab.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.netconform.netlab.Arrival;
import org.netconform.netlab.Endpoint;

/**
 * The host's UDP sockets, each bound at the endpoint the harness named and kept until reset. One
 * selector thread reads them all and files every datagram under its nonce. Non-blocking channels,
 * because a probe connects and disconnects a socket while it is registered, which a thread blocked in
 * receive would prevent (it holds the channel's read lock).
 */
final class UdpSockets {
    private final Mailbox mailbox;
    private final Selector selector;
    private final Map<Endpoint, DatagramChannel> channels = new ConcurrentHashMap<>();
    private final Queue<Map.Entry<Endpoint, DatagramChannel>> toRegister = new ConcurrentLinkedQueue<>();
    private final Queue<CountDownLatch> selectRounds = new ConcurrentLinkedQueue<>();

    UdpSockets(Mailbox mailbox) throws IOException {
        this.mailbox = mailbox;
        this.selector = Selector.open();
        Thread loop = new Thread(this::readLoop, "udp-reader");
        loop.setDaemon(true);
        loop.start();
    }

    /** The socket at {@code local}, bound now if it is not open yet. */
    DatagramChannel open(Endpoint local) throws IOException {
        DatagramChannel existing = channels.get(local);
        if (existing != null) {
            return existing;
        }
        synchronized (channels) {
            existing = channels.get(local);
            if (existing != null) {
                return existing;
            }
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                ch.bind(new InetSocketAddress(local.address(), local.port()));
                ch.configureBlocking(false);
            } catch (IOException e) {
                ch.close();
                throw new IOException("cannot bind UDP " + local + ": " + e.getMessage(), e);
            }
            channels.put(local, ch);
            toRegister.add(Map.entry(local, ch));
            selector.wakeup();
            return ch;
        }
    }

    void send(Endpoint local, Endpoint to, String nonce) throws IOException {
        DatagramChannel ch = open(local);
        int n = ch.send(ByteBuffer.wrap(Payload.of(nonce)), new InetSocketAddress(to.address(), to.port()));
        if (n == 0) {
            throw new IOException("send buffer full on " + local);
        }
    }

    /**
     * Sends from {@code local} to {@code to} on the socket connected for the moment, so that an ICMP port
     * unreachable coming back surfaces as PortUnreachableException on its next read (Linux reports ICMP
     * errors only on connected UDP sockets); true when one did within {@code millis}.
     */
    boolean probeClosedPort(Endpoint local, Endpoint to, String nonce, long millis) throws IOException, InterruptedException {
        DatagramChannel ch = open(local);
        String key = icmpKey(local);
        mailbox.remove(key);
        ch.connect(new InetSocketAddress(to.address(), to.port()));
        try {
            ch.write(ByteBuffer.wrap(Payload.of(nonce)));
            return mailbox.await(key, millis) != null;
        } finally {
            // the socket stays bound at its port (an explicitly bound port survives disconnect on Linux)
            ch.disconnect();
        }
    }

    /**
     * Closes every socket; the next lab starts with none. A channel registered with a selector keeps its
     * port until the selector deregisters it on its next round, so this waits for that round: the next
     * lab may bind the same ports at once.
     */
    void closeAll() throws InterruptedException {
        synchronized (channels) {
            for (DatagramChannel ch : channels.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }
            channels.clear();
        }
        CountDownLatch round = new CountDownLatch(1);
        selectRounds.add(round);
        selector.wakeup();
        if (!round.await(5, TimeUnit.SECONDS)) {
            System.err.println("udp reader did not finish a round within 5 s after closing the sockets");
        }
    }

    private static String icmpKey(Endpoint local) {
        return "icmp " + local;
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        while (true) {
            try {
                // closes that asked before this round are complete once select has deregistered their keys
                List<CountDownLatch> closesBefore = new ArrayList<>();
                CountDownLatch round;
                while ((round = selectRounds.poll()) != null) {
                    closesBefore.add(round);
                }
                if (closesBefore.isEmpty()) {
                    selector.select();
                } else {
                    // their wakeup may have been spent on the last round: do not block on this one
                    selector.selectNow();
                }
                closesBefore.forEach(CountDownLatch::countDown);
                Map.Entry<Endpoint, DatagramChannel> pending;
                while ((pending = toRegister.poll()) != null) {
                    if (pending.getValue().isOpen()) {
                        pending.getValue().register(selector, SelectionKey.OP_READ, pending.getKey());
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        drain((DatagramChannel) key.channel(), (Endpoint) key.attachment(), buf);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                System.err.println("udp reader: " + e);
            }
        }
    }

    private void drain(DatagramChannel ch, Endpoint local, ByteBuffer buf) {
        while (ch.isOpen()) {
            buf.clear();
            SocketAddress from;
            try {
                from = ch.receive(buf);
            } catch (PortUnreachableException e) {
                mailbox.put(icmpKey(local), Boolean.TRUE);
                continue;
            } catch (IOException e) {
                if (ch.isOpen()) {
                    System.err.println("udp receive on " + local + ": " + e);
                }
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            String nonce = Payload.nonceIn(StandardCharsets.US_ASCII.decode(buf).toString());
            if (nonce != null) {
                mailbox.put("udp " + nonce, new Arrival(local, endpointOf((InetSocketAddress) from)));
            }
        }
    }

    static Endpoint endpointOf(InetSocketAddress a) {
        return new Endpoint(a.getAddress().getHostAddress(), a.getPort());
    }
}
