package org.netconform.suites.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netconform.harness.Observation;
import org.netconform.harness.Values;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.TransactionId;

/**
 * The suite's side of the wire: a UDP socket on 127.0.0.1 with a free port, fresh for every test so
 * that nothing a previous test provoked can arrive. Every datagram sent and received goes to the
 * wire log. Timeouts: {@code -Dnetconform.stun.timeoutMs} (2000) for an answer that must come,
 * {@code -Dnetconform.stun.silenceMs} (1000) for watching that none comes.
 */
final class StunWire implements AutoCloseable {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** A datagram that arrived: from where, at which of the suite's sockets, and its lenient reading. */
    record Reply(InetSocketAddress source, InetSocketAddress at, byte[] data, RawStunMessage raw) {
        Optional<StunMessage> message() {
            return StunCodec.parse(data) instanceof StunCodec.Parsed p ? Optional.of(p.message()) : Optional.empty();
        }

        @Override
        public String toString() {
            return "from " + source + ": " + raw;
        }
    }

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Selector selector;

    StunWire() {
        this(LOOPBACK);
    }

    StunWire(InetSocketAddress bindTo) {
        try {
            channel = DatagramChannel.open().bind(bindTo);
            channel.configureBlocking(false);
            local = (InetSocketAddress) channel.getLocalAddress();
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the suite's UDP socket on " + bindTo, e);
        }
    }

    static Duration timeout() {
        return Duration.ofMillis(Long.getLong("netconform.stun.timeoutMs", 2000));
    }

    static Duration silence() {
        return Duration.ofMillis(Long.getLong("netconform.stun.silenceMs", 1000));
    }

    InetSocketAddress local() {
        return local;
    }

    void send(InetSocketAddress to, byte[] datagram) {
        Observation.wire(local + " -> " + to + "  " + describe(datagram));
        try {
            channel.send(ByteBuffer.wrap(datagram), to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + to, e);
        }
    }

    void send(InetSocketAddress to, StunMessage m) {
        send(to, StunCodec.encode(m));
    }

    /** The next datagram within {@code wait}, if any. */
    Optional<Reply> receive(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (true) {
                SocketAddress from = channel.receive(buf);
                if (from != null) {
                    buf.flip();
                    byte[] data = new byte[buf.remaining()];
                    buf.get(data);
                    Reply r = new Reply((InetSocketAddress) from, local, data, RawStunMessage.read(data));
                    Observation.wire(local + " <- " + from + "  " + describe(data));
                    return Optional.of(r);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every datagram within {@code window}. */
    List<Reply> collect(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<Reply> out = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            receive(Duration.ofNanos(left)).ifPresent(out::add);
        }
    }

    /** Sends and returns the first datagram back; none within the timeout is {@link NoAnswerException}. */
    Reply exchange(InetSocketAddress to, byte[] request) {
        send(to, request);
        return receive(timeout()).orElseThrow(() -> new NoAnswerException("no answer from " + to + " within "
                + timeout().toMillis() + " ms to " + describe(request)));
    }

    Reply exchange(InetSocketAddress to, StunMessage request) {
        return exchange(to, StunCodec.encode(request));
    }

    /**
     * A request the server must answer but might refuse to: the first datagram back, or empty when
     * none came while the server still answers a plain Binding request (its silence is its answer, to
     * be judged); a server that answers nothing at all is {@link NoAnswerException} (ERROR).
     */
    Optional<Reply> exchangeOrSilence(InetSocketAddress to, StunMessage request) {
        return exchangeOrSilence(to, StunCodec.encode(request));
    }

    Optional<Reply> exchangeOrSilence(InetSocketAddress to, byte[] request) {
        Optional<Reply> r = tryExchange(to, request, timeout());
        if (r.isEmpty()) {
            requireAlive(to);
        }
        return r;
    }

    /** The words for a request the server left unanswered while it answers plain ones. */
    static final String SILENT = "no response (while a plain Binding request is answered)";

    /** Sends and returns the first datagram back within the timeout, or empty. */
    Optional<Reply> tryExchange(InetSocketAddress to, byte[] request, Duration wait) {
        send(to, request);
        return receive(wait);
    }

    /**
     * After a datagram the server had to discard: is it still there? A valid Binding request must get
     * an answer, or the test cannot tell silence from a dead server (ERROR).
     */
    void requireAlive(InetSocketAddress server) {
        Observation.wire("(is the server still answering?)");
        send(server, StunMessage.bindingRequest(TransactionId.random()));
        if (receive(timeout()).isEmpty()) {
            throw new NoAnswerException("the server at " + server + " answered no valid Binding request within "
                    + timeout().toMillis() + " ms after the test's datagram: silence cannot be judged");
        }
    }

    static String describe(byte[] datagram) {
        return RawStunMessage.read(datagram) + "  [" + Values.hex(datagram, 48) + "]";
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
