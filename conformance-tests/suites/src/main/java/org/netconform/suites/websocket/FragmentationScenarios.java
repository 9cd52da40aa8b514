package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.List;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.RawFrameHeader;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Fragmentation (§5.4) and control frames (§5.5): Autobahn 2.x and 5.x at the codec layer, plus the sender side. */
public class FragmentationScenarios {

    @ConformanceTest
    @Requirement("WS-FRAG-1")
    void senderWritesFinAndOpcodesAsAsked(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            record Want(Outgoing o, boolean fin, int op) {
            }
            for (Want w : List.of(new Want(Outgoing.text("whole"), true, 1), new Want(Outgoing.binary(In.filled(3, 0)), true, 2),
                    new Want(Outgoing.text("fir", false), false, 1), new Want(Outgoing.continuation(In.utf8("st"), false), false, 0),
                    new Want(Outgoing.continuation(In.utf8("!"), true), true, 0),
                    new Want(Outgoing.binary(In.filled(3, 0), false), false, 2))) {
                RawFrameHeader h = RawFrameHeader.of(FramingScenarios.encodeLogged(enc, role, w.o()));
                if (h.fin() != w.fin() || h.opcode() != w.op()) {
                    bad.add(role + " " + w.o().describe() + ": FIN " + h.fin() + ", opcode " + h.opcode());
                }
            }
        }
        Check.all("whole message: FIN + opcode 1/2; first fragment: no FIN + 1/2; middle: no FIN + 0; last: FIN + 0", bad,
                "as expected");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-2")
    void fragmentedMessagesAreReassembled(WebSocketCodec codec) {
        Wire.require(codec);
        byte[] hello = In.utf8("Hello, fragments");
        RawFrameWriter[] oneOctetEach = new RawFrameWriter[hello.length];
        for (int i = 0; i < hello.length; i++) {
            oneOctetEach[i] = In.raw(i == 0 ? CodecEvent.TEXT : CodecEvent.CONTINUATION, i == hello.length - 1,
                    new byte[] {hello[i]});
        }
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("text in one-octet fragments", In.stream(oneOctetEach)),
                List.of(Checks.text(hello)));
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("binary in 3 fragments with empty ones between",
                In.stream(In.raw(2, false, In.filled(10, 1)), In.cont(new byte[0], false), In.cont(In.filled(20, 2), false),
                        In.cont(new byte[0], true))),
                List.of(Checks.binary(Wire.concat(List.of(In.filled(10, 1), In.filled(20, 2))))));
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("text made only of empty fragments",
                In.stream(In.text(new byte[0], false), In.cont(new byte[0], false), In.cont(new byte[0], true))),
                List.of(Checks.text("")));
        Checks.mustDeliver(codec, Checks.BOTH, Checks.Case.of("unfragmented then fragmented then unfragmented",
                In.stream(In.text("a"), In.raw(2, false, In.filled(2, 0)), In.cont(In.filled(2, 5), true), In.text("b"))),
                List.of(Checks.text("a"), Checks.binary(Wire.concat(List.of(In.filled(2, 0), In.filled(2, 5)))), Checks.text("b")));
    }

    @ConformanceTest
    @Requirement("WS-FRAG-3")
    void controlFramesBetweenFragments(WebSocketCodec codec) {
        Wire.require(codec);
        Checks.mustDeliver(codec, Checks.BOTH, Limits.DEFAULT, Checks.Case.of("text fragments with ping, pong and ping between",
                In.stream(In.text(In.utf8("frag"), false), In.ping(In.utf8("p1")), In.cont(In.utf8("men"), false),
                        In.pong(In.utf8("unsolicited")), In.ping(new byte[0]), In.cont(In.utf8("ted"), true))),
                List.of(Checks.text("fragmented")), List.of(CodecEvent.PING, CodecEvent.PONG, CodecEvent.PING));
        // a peer sends no data after its Close (§5.5.1), so the message stays incomplete: the Close is what counts
        Checks.mustDeliver(codec, Checks.BOTH, Limits.DEFAULT, Checks.Case.of("binary fragment, then a close",
                In.stream(In.raw(2, false, In.filled(3, 0)), In.close(In.closeBody(1000, In.utf8("bye"))))),
                List.of(), List.of(CodecEvent.CLOSE));
    }

    @ConformanceTest
    @Requirement("WS-FRAG-4")
    void senderKeepsTheFragmentSequence(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            List<Outgoing> seq = List.of(Outgoing.text("one ", false), Outgoing.ping(In.utf8("hb")),
                    Outgoing.continuation(In.utf8("two "), false), Outgoing.pong(new byte[0]),
                    Outgoing.continuation(In.utf8("three"), true));
            List<Integer> ops = new ArrayList<>();
            List<byte[]> frames = new ArrayList<>();
            for (Outgoing o : seq) {
                byte[] f = FramingScenarios.encodeLogged(enc, role, o);
                frames.add(f);
                ops.add(RawFrameHeader.of(f).opcode());
            }
            if (!ops.equals(List.of(1, 9, 0, 10, 0))) {
                bad.add(role + " wrote opcodes " + ops);
            }
            Wire.Result r = Wire.decode(codec, role.peer(), Wire.Chop.WHOLE, frames);
            if (!r.messages().equals(List.of(Checks.text("one two three")))) {
                bad.add(role.peer() + " decoder read back " + r.summary());
            }
        }
        Check.all("after a first fragment only continuation and control opcodes until FIN: 1 9 0 A 0", bad, "as expected");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-5")
    void continuationWithNothingToContinueFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.FRAGMENT_ASSEMBLY);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                Checks.Case.of("continuation with FIN, nothing in progress", In.stream(In.cont(In.utf8("x"), true))),
                Checks.Case.of("continuation without FIN, nothing in progress", In.stream(In.cont(In.utf8("x"), false))),
                new Checks.Case("whole text, then a continuation", In.stream(In.text("done"), In.cont(In.utf8("x"), true)), 1)));
    }

    @ConformanceTest
    @Requirement("WS-FRAG-6")
    void dataFrameInsideAFragmentedMessageFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.FRAGMENT_ASSEMBLY);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                new Checks.Case("text fragment, then a text frame", In.stream(In.text(In.utf8("a"), false), In.text("b")), 1),
                new Checks.Case("text fragment, then a binary fragment",
                        In.stream(In.text(In.utf8("a"), false), In.raw(2, false, In.utf8("b"))), 1),
                new Checks.Case("two text-opcode fragments (Autobahn 5.18)",
                        In.stream(In.text(In.utf8("frag1"), false), In.text(In.utf8("frag2"), true)), 1)));
    }

    @ConformanceTest
    @Requirement("WS-CTRL-1")
    void encoderRefusesOversizedControlFrames(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.SEND_VALIDATION);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (Outgoing o : List.of(Outgoing.ping(In.filled(126, 0)), Outgoing.pong(In.filled(126, 0)),
                    Outgoing.ping(In.filled(1000, 0)), Outgoing.close(1000, new String(In.ascii(124))))) {
                try {
                    byte[] f = enc.encode(o);
                    RawFrameHeader h = RawFrameHeader.of(f);
                    if (h.length() > 125) {
                        bad.add(role + " sent " + o.describe() + " as a " + h.length() + "-octet control frame");
                    }
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " -> " + Wire.octets(f));
                } catch (RuntimeException refused) {
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " refused: " + refused);
                }
            }
            // 125 octets is still fine
            RawFrameHeader h = RawFrameHeader.of(enc.encode(Outgoing.ping(In.filled(125, 0))));
            if (h.length() != 125) {
                bad.add(role + " wrote a 125-octet ping as " + h.length());
            }
        }
        Check.all("126-octet Ping/Pong and a Close with a 124-octet reason refused (125 octets is fine)", bad, "refused");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-2")
    void controlFramesCarryFin(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            for (Outgoing o : List.of(Outgoing.ping(In.utf8("p")), Outgoing.pong(In.utf8("p")), Outgoing.close(1000, ""),
                    Outgoing.closeEmpty())) {
                if (!RawFrameHeader.of(FramingScenarios.encodeLogged(enc, role, o)).fin()) {
                    bad.add(role + " " + o.describe() + " without FIN");
                }
            }
        }
        Check.all("FIN set in every control frame", bad, "as expected");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-2")
    void fragmentedControlRequestIsRefusedOrFinalised(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.SEND_VALIDATION);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            WebSocketCodec.Encoder enc = codec.encoder(role);
            // asked for a fragmented control frame: refuse, or write it with FIN anyway
            for (int op : new int[] {CodecEvent.PING, CodecEvent.PONG}) {
                Outgoing o = Outgoing.fragmentedControl(op, In.utf8("p"));
                try {
                    byte[] f = enc.encode(o);
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " -> " + Wire.octets(f));
                    if (!RawFrameHeader.of(f).fin()) {
                        bad.add(role + " wrote " + o.describe() + " as a fragmented control frame");
                    }
                } catch (RuntimeException refused) {
                    Wire.log(role.name().toLowerCase() + " " + o.describe() + " refused: " + refused);
                }
            }
        }
        Check.all("a Ping or Pong asked for without FIN is refused, or written with FIN anyway", bad, "as expected");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-3")
    void oversizedControlFrameFails(WebSocketCodec codec) {
        Wire.require(codec);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                Checks.Case.of("ping of 126 octets (Autobahn 2.5)", In.stream(In.ping(In.filled(126, 0)))),
                Checks.Case.of("pong of 126 octets", In.stream(In.pong(In.filled(126, 0)))),
                Checks.Case.of("close 1000 with a 124-octet reason (Autobahn 7.3.6)",
                        In.stream(In.close(In.closeBody(1000, In.ascii(124))))),
                Checks.Case.of("ping claiming 126 octets in 16 bits, 126 sent",
                        In.stream(In.ping(In.filled(126, 1)).lengthEncoding(RawFrameWriter.LengthEncoding.EXTENDED_16)))));
    }

    @ConformanceTest
    @Requirement("WS-CTRL-4")
    void fragmentedControlFrameFails(WebSocketCodec codec) {
        Wire.require(codec);
        Checks.mustFail(codec, Checks.BOTH, List.of(
                Checks.Case.of("ping without FIN", In.stream(In.raw(CodecEvent.PING, false, In.utf8("p")))),
                Checks.Case.of("pong without FIN", In.stream(In.raw(CodecEvent.PONG, false, In.utf8("p")))),
                Checks.Case.of("close without FIN", In.stream(In.raw(CodecEvent.CLOSE, false, In.closeBody(1000, new byte[0])))),
                Checks.Case.of("ping in two fragments (Autobahn 5.1)",
                        In.stream(In.raw(CodecEvent.PING, false, In.utf8("frag")), In.cont(In.utf8("ment"), true))),
                new Checks.Case("text fragment, then a ping without FIN",
                        In.stream(In.text(In.utf8("a"), false), In.raw(CodecEvent.PING, false, In.utf8("p"))), 1)));
    }

    @ConformanceTest
    @Requirement("WS-CTRL-8")
    void unsolicitedPongIsAccepted(WebSocketCodec codec) {
        Wire.require(codec);
        Checks.mustDeliver(codec, Checks.BOTH, Limits.DEFAULT, Checks.Case.of("pong, text, 125-octet pong, binary",
                In.stream(In.pong(In.utf8("unsolicited")), In.text("after"), In.pong(In.filled(125, 0)),
                        In.binary(In.filled(4, 1)))),
                List.of(Checks.text("after"), Checks.binary(In.filled(4, 1))), List.of(CodecEvent.PONG, CodecEvent.PONG));
    }
}
