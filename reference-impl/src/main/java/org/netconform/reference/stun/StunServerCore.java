package org.netconform.reference.stun;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference STUN server as a pure function: a datagram received at one of the server's endpoints
 * in, the decision out (a response, or why nothing is sent). No sockets and no clock; hosting is
 * {@link UdpStunServer}'s job on real sockets and an in-process network's in virtual time.
 *
 * <p>In order, as RFC 8489 §6.3 and RFC 5780 §6.1 have it:
 * <ol>
 * <li>A datagram that is not a well-formed STUN message (§5, §14; a wrong FINGERPRINT, §6.3) is
 *     silently discarded.</li>
 * <li>Indications get no response (§6.3.2); responses match no transaction of a server and are
 *     discarded (§6.3); a method other than Binding is not supported and discarded (§6.3). A classic
 *     request is discarded when classic clients are off.</li>
 * <li>Unknown comprehension-required attributes get 420 with UNKNOWN-ATTRIBUTES (§6.3.1). Known are
 *     the attributes of RFC 8489 and CHANGE-REQUEST (with an alternate address), RESPONSE-PORT and
 *     PADDING (when supported) of RFC 5780; RFC 3489's RESPONSE-ADDRESS is unknown (RFC 5389 §12.2).
 *     Known attributes the server does not use (USERNAME, MESSAGE-INTEGRITY, ...) are ignored
 *     (§6.3, SHOULD).</li>
 * <li>A known attribute with a malformed value, and RESPONSE-PORT together with PADDING
 *     (RFC 5780 §6.1), get 400.</li>
 * <li>Otherwise a success response: XOR-MAPPED-ADDRESS and MAPPED-ADDRESS of the source,
 *     RESPONSE-ORIGIN, OTHER-ADDRESS (with an alternate), PADDING when asked, SOFTWARE, and
 *     FINGERPRINT by policy; from the endpoint CHANGE-REQUEST selects (Table 1), to the source IP
 *     address and the port RESPONSE-PORT names or the source port. A classic request gets RFC 3489's
 *     MAPPED-ADDRESS, SOURCE-ADDRESS and CHANGED-ADDRESS instead, and its 128-bit ID back.</li>
 * </ol>
 * Error responses go from the endpoint that received the request to its source.
 */
public final class StunServerCore implements StunDatagramHandler {
    /** The outcome for one datagram: the response sent (if any) and why, in words. */
    public record Decision(Optional<Datagram> response, Optional<StunMessage> message, String why) {
        static Decision discard(String why) {
            return new Decision(Optional.empty(), Optional.empty(), why);
        }
    }

    private static final Set<Integer> ALWAYS_KNOWN = Set.of(AttributeType.MAPPED_ADDRESS, AttributeType.USERNAME,
            AttributeType.MESSAGE_INTEGRITY, AttributeType.ERROR_CODE, AttributeType.UNKNOWN_ATTRIBUTES,
            AttributeType.REALM, AttributeType.NONCE, AttributeType.MESSAGE_INTEGRITY_SHA256,
            AttributeType.PASSWORD_ALGORITHM, AttributeType.USERHASH, AttributeType.XOR_MAPPED_ADDRESS);

    private final ServerAddresses addresses;
    private final StunServerConfig config;

    public StunServerCore(ServerAddresses addresses, StunServerConfig config) {
        this.addresses = addresses;
        this.config = config;
    }

    public ServerAddresses addresses() {
        return addresses;
    }

    public StunServerConfig config() {
        return config;
    }

    @Override
    public List<Datagram> handle(Datagram received) {
        return decide(received).response().map(List::of).orElse(List.of());
    }

    public Decision decide(Datagram received) {
        InetSocketAddress da = received.destination();
        InetSocketAddress source = received.source();
        if (!addresses.serves(da)) {
            return Decision.discard("received at " + da + ", which is none of the server's endpoints");
        }
        StunCodec.Parse parse = StunCodec.parse(received.data());
        if (parse instanceof StunCodec.Refused r) {
            return Decision.discard("not a well-formed STUN message (" + r.detail() + ")");
        }
        StunCodec.Parsed parsed = (StunCodec.Parsed) parse;
        StunMessage request = parsed.message();
        if (request.cls() == StunClass.INDICATION) {
            return Decision.discard("an indication gets no response");
        }
        if (request.cls().isResponse()) {
            return Decision.discard("a " + request.cls().name().toLowerCase() + " response matches no transaction");
        }
        if (!request.isBinding()) {
            return Decision.discard(String.format("method 0x%03X is not supported", request.method()));
        }
        if (request.classic() && !config.classicClients()) {
            return Decision.discard("a classic (RFC 3489) request, and classic clients are off");
        }
        List<Integer> unknown = unknownRequired(request);
        if (!unknown.isEmpty()) {
            return error(request, da, source, new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"),
                    Attributes.unknownAttributes(unknown), parsed.fingerprinted(),
                    "unknown comprehension-required " + unknown.stream().map(AttributeType::name).toList());
        }
        ChangeRequest change = ChangeRequest.NONE;
        Optional<Integer> responsePort = Optional.empty();
        try {
            Optional<StunAttribute> cr = request.attribute(AttributeType.CHANGE_REQUEST);
            if (cr.isPresent()) {
                change = ChangeRequest.read(cr.get());
            }
            Optional<StunAttribute> rp = config.responsePort() ? request.attribute(AttributeType.RESPONSE_PORT)
                    : Optional.empty();
            if (rp.isPresent()) {
                int port = Attributes.readResponsePort(rp.get());
                if (port == 0) {
                    throw new StunFormatException("RESPONSE-PORT 0 names no port");
                }
                responsePort = Optional.of(port);
            }
        } catch (StunFormatException e) {
            return error(request, da, source, new ErrorCode(ErrorCode.BAD_REQUEST, "Bad Request"), null,
                    parsed.fingerprinted(), e.getMessage());
        }
        boolean padding = config.padding() && request.has(AttributeType.PADDING);
        if (padding && responsePort.isPresent()) {
            return error(request, da, source, new ErrorCode(ErrorCode.BAD_REQUEST, "Bad Request"), null,
                    parsed.fingerprinted(), "RESPONSE-PORT together with PADDING (RFC 5780 §6.1)");
        }
        InetSocketAddress from = addresses.responseSource(da, change);
        InetSocketAddress to = new InetSocketAddress(source.getAddress(), responsePort.orElse(source.getPort()));
        List<StunAttribute> attrs = new ArrayList<>();
        if (request.classic()) {
            attrs.add(Attributes.address(AttributeType.MAPPED_ADDRESS, source));
            attrs.add(Attributes.address(AttributeType.SOURCE_ADDRESS, from));
            addresses.alternate().ifPresent(a -> attrs.add(Attributes.address(AttributeType.CHANGED_ADDRESS, addresses.other(da))));
        } else {
            attrs.add(Attributes.xorMapped(source, request.transactionId()));
            attrs.add(Attributes.address(AttributeType.MAPPED_ADDRESS, source));
            attrs.add(Attributes.address(AttributeType.RESPONSE_ORIGIN, from));
            addresses.alternate().ifPresent(a -> attrs.add(Attributes.address(AttributeType.OTHER_ADDRESS, addresses.other(da))));
        }
        if (padding) {
            attrs.add(Attributes.padding(config.paddingLength()));
        }
        config.software().ifPresent(s -> attrs.add(Attributes.software(s)));
        StunMessage response = new StunMessage(MessageType.BINDING, StunClass.SUCCESS, request.transactionId(), attrs);
        byte[] bytes = StunCodec.encode(response, options(parsed.fingerprinted(), request.classic()));
        String why = "success from " + from + " to " + to + (change == ChangeRequest.NONE ? "" : " (" + change + ")")
                + (responsePort.isPresent() ? " (RESPONSE-PORT " + responsePort.get() + ")" : "");
        return new Decision(Optional.of(new Datagram(from, to, bytes)), Optional.of(response), why);
    }

    private Decision error(StunMessage request, InetSocketAddress da, InetSocketAddress source, ErrorCode code,
                           StunAttribute extra, boolean fingerprinted, String why) {
        List<StunAttribute> attrs = new ArrayList<>();
        attrs.add(code.attribute());
        if (extra != null) {
            attrs.add(extra);
        }
        config.software().ifPresent(s -> attrs.add(Attributes.software(s)));
        StunMessage response = new StunMessage(request.method(), StunClass.ERROR, request.transactionId(), attrs);
        byte[] bytes = StunCodec.encode(response, options(fingerprinted, request.classic()));
        return new Decision(Optional.of(new Datagram(da, source, bytes)), Optional.of(response), code + ": " + why);
    }

    private StunCodec.Options options(boolean requestHadFingerprint, boolean classic) {
        boolean fp = !classic && switch (config.fingerprint()) {
            case ECHO -> requestHadFingerprint;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        return fp ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN;
    }

    /** The unknown comprehension-required types of a request, each once, in order of appearance. */
    List<Integer> unknownRequired(StunMessage request) {
        Set<Integer> unknown = new LinkedHashSet<>();
        for (StunAttribute a : request.attributes()) {
            if (a.comprehensionRequired() && !known(a.type())) {
                unknown.add(a.type());
            }
        }
        return List.copyOf(unknown);
    }

    private boolean known(int type) {
        if (ALWAYS_KNOWN.contains(type)) {
            return true;
        }
        return switch (type) {
            case AttributeType.CHANGE_REQUEST -> addresses.alternate().isPresent();
            case AttributeType.RESPONSE_PORT -> config.responsePort();
            case AttributeType.PADDING -> config.padding();
            default -> false;
        };
    }
}
