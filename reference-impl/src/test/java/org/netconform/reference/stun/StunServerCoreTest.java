package org.netconform.reference.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StunServerCoreTest {
    static final ServerAddresses TWO = ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 3478),
            new InetSocketAddress("127.0.0.2", 3479));
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    final StunServerCore core = new StunServerCore(TWO, StunServerConfig.defaults());

    private StunServerCore.Decision ask(InetSocketAddress at, StunMessage request) {
        return core.decide(new Datagram(CLIENT, at, StunCodec.encode(request)));
    }

    private static StunMessage responseOf(StunServerCore.Decision d) {
        return ((StunCodec.Parsed) StunCodec.parse(d.response().orElseThrow().data())).message();
    }

    @Test
    void answersABindingRequestWithEverythingDiscoveryNeeds() {
        TransactionId id = TransactionId.random();
        StunServerCore.Decision d = ask(TWO.primary(), StunMessage.bindingRequest(id));
        Datagram out = d.response().orElseThrow();
        assertThat(out.source()).isEqualTo(TWO.primary());
        assertThat(out.destination()).isEqualTo(CLIENT);
        StunMessage r = responseOf(d);
        assertThat(r.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(r.transactionId()).isEqualTo(id);
        assertThat(Attributes.readXorAddress(r.attribute(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow(), id)).isEqualTo(CLIENT);
        assertThat(Attributes.readAddress(r.attribute(AttributeType.MAPPED_ADDRESS).orElseThrow())).isEqualTo(CLIENT);
        assertThat(Attributes.readAddress(r.attribute(AttributeType.RESPONSE_ORIGIN).orElseThrow())).isEqualTo(TWO.primary());
        assertThat(Attributes.readAddress(r.attribute(AttributeType.OTHER_ADDRESS).orElseThrow())).isEqualTo(TWO.alternate().get());
        assertThat(r.has(AttributeType.SOFTWARE)).isTrue();
    }

    @Test
    void changeRequestFollowsTable1FromEveryEndpoint() {
        for (InetSocketAddress da : TWO.endpoints()) {
            InetSocketAddress other = TWO.other(da);
            for (ChangeRequest c : List.of(ChangeRequest.NONE, ChangeRequest.IP, ChangeRequest.PORT, ChangeRequest.BOTH)) {
                StunServerCore.Decision d = ask(da, StunMessage.bindingRequest(TransactionId.random(), c.attribute()));
                InetSocketAddress expected = new InetSocketAddress(c.changeIp() ? other.getAddress() : da.getAddress(),
                        c.changePort() ? other.getPort() : da.getPort());
                assertThat(d.response().orElseThrow().source()).as("%s at %s", c, da).isEqualTo(expected);
                StunMessage r = responseOf(d);
                assertThat(Attributes.readAddress(r.attribute(AttributeType.RESPONSE_ORIGIN).orElseThrow())).isEqualTo(expected);
                assertThat(Attributes.readAddress(r.attribute(AttributeType.OTHER_ADDRESS).orElseThrow())).isEqualTo(other);
            }
        }
    }

    @Test
    void unknownComprehensionRequiredGets420ListingEachOnce() {
        StunMessage req = StunMessage.bindingRequest(TransactionId.random(), new StunAttribute(0x7EEE, new byte[1]),
                new StunAttribute(0xFEEE, new byte[3]), new StunAttribute(0x7EEE, new byte[0]),
                new StunAttribute(AttributeType.RESPONSE_ADDRESS, new byte[8]));
        StunMessage r = responseOf(ask(TWO.primary(), req));
        assertThat(r.type()).isEqualTo(MessageType.BINDING_ERROR);
        assertThat(ErrorCode.read(r.attribute(AttributeType.ERROR_CODE).orElseThrow()).code()).isEqualTo(420);
        assertThat(Attributes.readUnknownAttributes(r.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()))
                .containsExactly(0x7EEE, AttributeType.RESPONSE_ADDRESS);
    }

    @Test
    void discardsWhatGetsNoResponse() {
        StunMessage ind = new StunMessage(MessageType.BINDING, StunClass.INDICATION, TransactionId.random(), List.of());
        assertThat(ask(TWO.primary(), ind).response()).isEmpty();
        StunMessage resp = new StunMessage(MessageType.BINDING, StunClass.SUCCESS, TransactionId.random(), List.of());
        assertThat(ask(TWO.primary(), resp).response()).isEmpty();
        StunMessage other = new StunMessage(0x123, StunClass.REQUEST, TransactionId.random(), List.of());
        assertThat(ask(TWO.primary(), other).response()).isEmpty();
        byte[] bad = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()));
        bad[3] = 4;
        assertThat(core.decide(new Datagram(CLIENT, TWO.primary(), bad)).response()).isEmpty();
    }

    @Test
    void responsePortPaddingAndTheirCombination() {
        StunServerCore.Decision rp = ask(TWO.primary(), StunMessage.bindingRequest(TransactionId.random(), Attributes.responsePort(41000)));
        assertThat(rp.response().orElseThrow().destination()).isEqualTo(new InetSocketAddress("127.0.0.1", 41000));
        StunMessage padded = responseOf(ask(TWO.primary(), StunMessage.bindingRequest(TransactionId.random(), Attributes.padding(8))));
        assertThat(padded.attribute(AttributeType.PADDING).orElseThrow().length()).isEqualTo(1500);
        StunMessage both = responseOf(ask(TWO.primary(), StunMessage.bindingRequest(TransactionId.random(),
                Attributes.responsePort(41000), Attributes.padding(8))));
        assertThat(ErrorCode.read(both.attribute(AttributeType.ERROR_CODE).orElseThrow()).code()).isEqualTo(400);
    }

    @Test
    void aSingleAddressServerRefusesChangeRequestAndNamesNoOtherAddress() {
        StunServerCore single = new StunServerCore(ServerAddresses.single(TWO.primary()), StunServerConfig.defaults());
        StunMessage plain = ((StunCodec.Parsed) StunCodec.parse(single.decide(new Datagram(CLIENT, TWO.primary(),
                StunCodec.encode(StunMessage.bindingRequest(TransactionId.random())))).response().orElseThrow().data())).message();
        assertThat(plain.has(AttributeType.OTHER_ADDRESS)).isFalse();
        StunMessage change = ((StunCodec.Parsed) StunCodec.parse(single.decide(new Datagram(CLIENT, TWO.primary(),
                StunCodec.encode(StunMessage.bindingRequest(TransactionId.random(), ChangeRequest.NONE.attribute()))))
                .response().orElseThrow().data())).message();
        assertThat(Attributes.readUnknownAttributes(change.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow()))
                .containsExactly(AttributeType.CHANGE_REQUEST);
    }

    @Test
    void classicRequestsGetRfc3489Attributes() {
        TransactionId id = TransactionId.randomClassic();
        byte[] out = ask(TWO.primary(), StunMessage.bindingRequest(id, ChangeRequest.IP.attribute())).response().orElseThrow().data();
        RawStunMessage raw = RawStunMessage.read(out);
        assertThat(raw.classicTransactionId()).isEqualTo(id);
        StunMessage r = ((StunCodec.Parsed) StunCodec.parse(out)).message();
        assertThat(r.has(AttributeType.XOR_MAPPED_ADDRESS)).isFalse();
        assertThat(Attributes.readAddress(r.attribute(AttributeType.MAPPED_ADDRESS).orElseThrow())).isEqualTo(CLIENT);
        assertThat(Attributes.readAddress(r.attribute(AttributeType.SOURCE_ADDRESS).orElseThrow()))
                .isEqualTo(new InetSocketAddress("127.0.0.2", 3478));
        assertThat(Attributes.readAddress(r.attribute(AttributeType.CHANGED_ADDRESS).orElseThrow())).isEqualTo(TWO.alternate().get());
        StunServerCore modernOnly = new StunServerCore(TWO, StunServerConfig.defaults().withClassicClients(false));
        assertThat(modernOnly.decide(new Datagram(CLIENT, TWO.primary(), StunCodec.encode(StunMessage.bindingRequest(id))))
                .response()).isEmpty();
    }

    @Test
    void fingerprintIsEchoedAndAWrongOneDiscarded() {
        byte[] req = StunCodec.encode(StunMessage.bindingRequest(TransactionId.random()), StunCodec.Options.FINGERPRINT);
        Optional<Datagram> out = core.decide(new Datagram(CLIENT, TWO.primary(), req)).response();
        assertThat(((StunCodec.Parsed) StunCodec.parse(out.orElseThrow().data(), true)).fingerprinted()).isTrue();
        req[req.length - 1] ^= 1;
        assertThat(core.decide(new Datagram(CLIENT, TWO.primary(), req)).response()).isEmpty();
    }
}
