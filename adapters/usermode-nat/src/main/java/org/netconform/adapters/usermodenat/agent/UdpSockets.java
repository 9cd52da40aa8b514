package org.netconform.adapters.usermodenat.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's UDP sockets: bound on first use at a named endpoint and kept until the agent ends, each
 * with a reader thread that files what arrives under its payload (the lab's nonce).
 */
final class UdpSockets implements AutoCloseable {
    /** What one socket read: where, from whom. */
    record Receipt(String at, String source) {
    }

    /** Receipts kept for the lab to ask about; the oldest go first, so a flood cannot grow the agent. */
    private static final int KEPT = 4096;

    private final Map<String, DatagramSocket> sockets = new LinkedHashMap<>();
    private final Map<String, Receipt> receipts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Receipt> eldest) {
            return size() > KEPT;
        }
    };

    synchronized DatagramSocket socket(String at) throws IOException {
        DatagramSocket s = sockets.get(at);
        if (s == null) {
            s = new DatagramSocket(null);
            // a closed-port probe binds the same endpoint again beside this socket
            s.setReuseAddress(true);
            s.bind(Endpoints.parse(at));
            sockets.put(at, s);
            DatagramSocket reading = s;
            Thread t = new Thread(() -> read(at, reading), "udp " + at);
            t.setDaemon(true);
            t.start();
        }
        return s;
    }

    private void read(String at, DatagramSocket s) {
        byte[] buffer = new byte[2048];
        while (!s.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                s.receive(p);
            } catch (IOException e) {
                if (s.isClosed()) {
                    return;
                }
                // an ICMP error queued on this socket surfaces here; it is no datagram, keep reading
                continue;
            }
            String payload = new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.UTF_8);
            synchronized (this) {
                receipts.put(payload, new Receipt(at, Endpoints.format(p.getSocketAddress())));
                notifyAll();
            }
        }
    }

    void send(String from, String to, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        socket(from).send(new DatagramPacket(bytes, bytes.length, Endpoints.parse(to)));
    }

    /** The receipt of the datagram carrying {@code payload}, waiting up to {@code waitMs}; null if none came. */
    synchronized Receipt receive(String payload, long waitMs) throws InterruptedException {
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (!receipts.containsKey(payload)) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return receipts.remove(payload);
    }

    /**
     * Sends from a fresh socket connected to {@code to} (bound at {@code from} beside any socket there) and
     * reports whether an ICMP port unreachable came back within {@code waitMs}: Linux reports it to a
     * connected UDP socket as ECONNREFUSED, which Java throws as PortUnreachableException.
     */
    boolean closedPort(String from, String to, long waitMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(true);
            s.bind(Endpoints.parse(from));
            InetSocketAddress target = Endpoints.parse(to);
            s.connect(target);
            byte[] probe = "netconform closed-port probe".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(probe, probe.length, target));
            s.setSoTimeout((int) Math.max(1, waitMs));
            try {
                s.receive(new DatagramPacket(new byte[512], 512));
                return false;
            } catch (PortUnreachableException e) {
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }

    @Override
    public synchronized void close() {
        sockets.values().forEach(DatagramSocket::close);
        sockets.clear();
    }
}
