package org.netconform.suites.wsserver;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * What the server puts on the wire as a sender, checked on every frame it sent in the other cases (echoes,
 * Pongs, Closes, heartbeats): reserved bits and opcodes, length encoding, masking, control-frame rules,
 * fragmentation, UTF-8 and close codes. Autobahn never looks at these.
 */
@Execution(ExecutionMode.CONCURRENT)
class SenderTests {

    static List<WsCase> everything() {
        List<WsCase> all = new ArrayList<>();
        all.addAll(FramingTests.lengthCases());
        all.addAll(FramingTests.chopCases());
        all.addAll(FramingTests.maskKeyCases());
        all.addAll(ControlTests.pingCases());
        all.addAll(ControlTests.burstCases());
        all.addAll(FragmentationTests.deliveryCases());
        all.addAll(FragmentationTests.interleavedControlCases());
        all.addAll(FragmentationTests.autoFragmentCases());
        all.addAll(Utf8Tests.validCodePointCases());
        all.addAll(Utf8Tests.invalidSingleFrameCases());
        all.addAll(CloseTests.validCloseCases());
        all.addAll(CloseTests.protocolErrorCases());
        all.addAll(CloseTests.openCodeCases());
        all.addAll(HeartbeatTests.idleCases());
        return all;
    }

    static void check(WebSocketServerAdapter ws, String id, String expected) {
        CaseRunner.check(ws, expected + " (every frame the server sent in " + everything().size() + " cases)", everything(),
                s -> {
                    List<String> v = s.senderViolations.stream().filter(x -> x.startsWith(id + " ")).toList();
                    return v.isEmpty() ? WsCase.Verdict.ok(s.frames.size() + " frame(s) checked")
                            : WsCase.Verdict.broken(v.get(0) + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : ""));
                });
    }

    @ConformanceTest
    @Requirement("WS-FRAME-1")
    void serverFramesHaveNoReservedBits(WebSocketServerAdapter ws) {
        check(ws, "WS-FRAME-1", "RSV1-3 clear");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-3")
    void serverFramesUseOnlyDefinedOpcodes(WebSocketServerAdapter ws) {
        check(ws, "WS-FRAME-3", "opcodes 0, 1, 2, 8, 9, 10 only");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-5")
    void serverFramesUseMinimalLengths(WebSocketServerAdapter ws) {
        check(ws, "WS-FRAME-5", "payload lengths in the fewest octets");
    }

    @ConformanceTest
    @Requirement("WS-MASK-3")
    void serverFramesAreNotMasked(WebSocketServerAdapter ws) {
        check(ws, "WS-MASK-3", "MASK bit clear, no masking key");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-1")
    void serverControlFramesAreAtMost125Octets(WebSocketServerAdapter ws) {
        check(ws, "WS-CTRL-1", "control payloads of at most 125 octets");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-2")
    void serverControlFramesHaveFin(WebSocketServerAdapter ws) {
        check(ws, "WS-CTRL-2", "FIN set on every control frame");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-1")
    void serverMessagesAreWellFormedFrameSequences(WebSocketServerAdapter ws) {
        check(ws, "WS-FRAG-1", "no continuation frame without a message in progress");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-4")
    void serverMessagesDoNotInterleave(WebSocketServerAdapter ws) {
        check(ws, "WS-FRAG-4", "no data opcode inside a fragmented message");
    }

    @ConformanceTest
    @Requirement("WS-UTF8-1")
    void serverTextIsValidUtf8(WebSocketServerAdapter ws) {
        check(ws, "WS-UTF8-1", "text messages and Close reasons valid UTF-8");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-1")
    void serverClosePayloadsAreWellFormed(WebSocketServerAdapter ws) {
        check(ws, "WS-CLOSE-1", "Close payloads empty or a 2-octet code plus reason");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-4")
    void serverNeverSends1005Or1006Or1015(WebSocketServerAdapter ws) {
        check(ws, "WS-CLOSE-4", "no Close with 1005, 1006 or 1015");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-5")
    void serverCloseCodesAreValidOnTheWire(WebSocketServerAdapter ws) {
        check(ws, "WS-CLOSE-5", "close codes 1000-1003, 1007-1014 or 3000-4999");
    }
}
