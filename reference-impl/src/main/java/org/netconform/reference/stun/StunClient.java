package org.netconform.reference.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A STUN client transaction over a {@link StunTransport} (RFC 8489 §6.2.1, §6.3): sends a request,
 * retransmits it unchanged on the {@link RetransmissionPolicy}'s schedule, and ends with the first
 * matching response, or fails. Whatever else arrives meanwhile is discarded: datagrams that are not
 * STUN, requests and indications, responses with another transaction ID (§6.3). A success response
 * with an unknown comprehension-required attribute, and an error response without ERROR-CODE or with
 * one, fail the transaction (§6.3.3, §6.3.4). It never reads a clock or sleeps but through the
 * transport, so in virtual time it costs no real time.
 */
public final class StunClient {
    /** The comprehension-required attributes this client understands in a response. */
    private static final Set<Integer> KNOWN = Set.of(AttributeType.MAPPED_ADDRESS, AttributeType.XOR_MAPPED_ADDRESS,
            AttributeType.ERROR_CODE, AttributeType.UNKNOWN_ATTRIBUTES, AttributeType.USERNAME,
            AttributeType.MESSAGE_INTEGRITY, AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.REALM,
            AttributeType.NONCE, AttributeType.PASSWORD_ALGORITHM, AttributeType.USERHASH, AttributeType.PADDING,
            AttributeType.CHANGE_REQUEST, AttributeType.RESPONSE_PORT);
    /** RFC 3489's, known in responses to classic requests. */
    private static final Set<Integer> KNOWN_CLASSIC = Set.of(AttributeType.SOURCE_ADDRESS, AttributeType.CHANGED_ADDRESS);

    /** How a transaction ended. */
    public sealed interface Outcome permits Response, Timeout, Failed {
        /** How many times the request was sent. */
        int transmissions();
    }

    /** A matching success or error response, the socket it arrived at and who sent it. */
    public record Response(StunMessage message, Datagram datagram, StunTransport.StunSocket at, int transmissions,
                           long elapsedMillis) implements Outcome {
        public boolean success() {
            return message.cls() == StunClass.SUCCESS;
        }

        /** The reflexive address: XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from a server that sends only that. */
        public Optional<InetSocketAddress> mapped() {
            Optional<StunAttribute> xor = message.attribute(AttributeType.XOR_MAPPED_ADDRESS);
            try {
                if (xor.isPresent()) {
                    return Optional.of(Attributes.readXorAddress(xor.get(), message.transactionId()));
                }
                return message.attribute(AttributeType.MAPPED_ADDRESS).map(Attributes::readAddress);
            } catch (StunFormatException e) {
                return Optional.empty();
            }
        }

        /** An attribute of the MAPPED-ADDRESS format, if present and readable. */
        public Optional<InetSocketAddress> address(int type) {
            try {
                return message.attribute(type).map(Attributes::readAddress);
            } catch (StunFormatException e) {
                return Optional.empty();
            }
        }

        public Optional<ErrorCode> error() {
            try {
                return message.attribute(AttributeType.ERROR_CODE).map(ErrorCode::read);
            } catch (StunFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** No response after the whole schedule. */
    public record Timeout(int transmissions) implements Outcome {
    }

    /** A response that fails the transaction (§6.3.3, §6.3.4). */
    public record Failed(String reason, int transmissions) implements Outcome {
    }

    private final StunTransport transport;
    private final RetransmissionPolicy policy;
    private final List<String> log = new ArrayList<>();

    public StunClient(StunTransport transport, RetransmissionPolicy policy) {
        this.transport = transport;
        this.policy = policy;
    }

    public RetransmissionPolicy policy() {
        return policy;
    }

    /** Lines saying what was sent and received, for a transcript. */
    public List<String> log() {
        return log;
    }

    /** One transaction: {@code request} from {@code socket} to {@code server}, responses awaited on the same socket. */
    public Outcome transact(StunTransport.StunSocket socket, InetSocketAddress server, StunMessage request) throws IOException {
        return transact(socket, server, request, List.of(socket));
    }

    /**
     * One transaction whose response may arrive at any of {@code listen} (RESPONSE-PORT asks for another
     * port than the sender's, RFC 5780 §4.6).
     */
    public Outcome transact(StunTransport.StunSocket socket, InetSocketAddress server, StunMessage request,
                            List<StunTransport.StunSocket> listen) throws IOException {
        byte[] bytes = StunCodec.encode(request);
        List<Duration> schedule = policy.sendTimes();
        long start = transport.nowMillis();
        int sent = 0;
        while (true) {
            long now = transport.nowMillis() - start;
            if (sent < schedule.size() && now >= schedule.get(sent).toMillis()) {
                socket.send(server, bytes);
                sent++;
                log.add(String.format("t+%d ms %s -> %s %s%s", now, socket.localAddress(), server,
                        MessageType.describe(request.type()), sent > 1 ? " (retransmission " + (sent - 1) + ")" : ""));
                continue;
            }
            long next = sent < schedule.size() ? schedule.get(sent).toMillis() : policy.giveUpAfter().toMillis();
            if (sent >= schedule.size() && now >= next) {
                log.add(String.format("t+%d ms no response after %d transmissions", now, sent));
                return new Timeout(sent);
            }
            Optional<StunTransport.Received> got = transport.receive(listen, Duration.ofMillis(Math.max(1, next - now)));
            if (got.isEmpty()) {
                continue;
            }
            Datagram d = got.get().datagram();
            StunCodec.Parse parse = StunCodec.parse(d.data());
            if (!(parse instanceof StunCodec.Parsed parsed)) {
                log.add("discarded from " + d.source() + ": " + ((StunCodec.Refused) parse).detail());
                continue;
            }
            StunMessage m = parsed.message();
            if (!m.cls().isResponse() || !m.transactionId().equals(request.transactionId()) || m.method() != request.method()) {
                log.add("discarded from " + d.source() + ": " + m + " is no response to " + request.transactionId());
                continue;
            }
            long elapsed = transport.nowMillis() - start;
            List<Integer> unknown = unknownRequired(m, request.classic());
            if (m.cls() == StunClass.SUCCESS && !unknown.isEmpty()) {
                log.add("failed: the success response carries unknown comprehension-required "
                        + unknown.stream().map(AttributeType::name).toList());
                return new Failed("success response with unknown comprehension-required attribute(s) "
                        + unknown.stream().map(AttributeType::name).toList() + " (RFC 8489 §6.3.3)", sent);
            }
            if (m.cls() == StunClass.ERROR && (!unknown.isEmpty() || !m.has(AttributeType.ERROR_CODE))) {
                log.add("failed: unusable error response " + m);
                return new Failed("error response " + (unknown.isEmpty() ? "without ERROR-CODE"
                        : "with unknown comprehension-required attribute(s)") + " (RFC 8489 §6.3.4)", sent);
            }
            log.add(String.format("t+%d ms %s <- %s at %s: %s", elapsed, got.get().socket().localAddress(), d.source(),
                    d.destination(), m));
            return new Response(m, d, got.get().socket(), sent, elapsed);
        }
    }

    private static List<Integer> unknownRequired(StunMessage m, boolean classic) {
        return m.attributes().stream().map(StunAttribute::type)
                .filter(t -> AttributeType.comprehensionRequired(t) && !KNOWN.contains(t)
                        && !(classic && KNOWN_CLASSIC.contains(t)))
                .distinct().toList();
    }
}
