package org.netconform.suites.wsserver;

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
class ServerSenderScenarios {

    static void check(WebSocketServerAdapter ws, SenderRule rule, String expected) {
        List<WsCase> every = ServerCaseCatalog.all(ws);
        CaseRunner.check(ws, expected + " (every frame the server sent in every case: " + every.size() + " cases)", every,
                s -> {
                    List<SenderViolation> v = s.senderViolations.stream().filter(x -> x.rule() == rule).toList();
                    if (s.frames.isEmpty()) {
                        return WsCase.Verdict.notApplicable("no frame from the server in this case");
                    }
                    return v.isEmpty() ? WsCase.Verdict.ok(s.frames.size() + " frame(s) checked")
                            : WsCase.Verdict.broken(v.get(0) + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : ""));
                }, true);
    }

    @ConformanceTest
    @Requirement("WS-FRAME-1")
    void serverFramesHaveNoReservedBits(WebSocketServerAdapter ws) {
        check(ws, SenderRule.RSV_CLEAR, "RSV1-3 clear");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-3")
    void serverFramesUseOnlyDefinedOpcodes(WebSocketServerAdapter ws) {
        check(ws, SenderRule.DEFINED_OPCODE, "opcodes 0, 1, 2, 8, 9, 10 only");
    }

    @ConformanceTest
    @Requirement("WS-FRAME-5")
    void serverFramesUseMinimalLengths(WebSocketServerAdapter ws) {
        check(ws, SenderRule.MINIMAL_LENGTH, "payload lengths in the fewest octets");
    }

    @ConformanceTest
    @Requirement("WS-MASK-3")
    void serverFramesAreNotMasked(WebSocketServerAdapter ws) {
        check(ws, SenderRule.UNMASKED, "MASK bit clear, no masking key");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-1")
    void serverControlFramesAreAtMost125Octets(WebSocketServerAdapter ws) {
        check(ws, SenderRule.CONTROL_AT_MOST_125, "control payloads of at most 125 octets");
    }

    @ConformanceTest
    @Requirement("WS-CTRL-2")
    void serverControlFramesHaveFin(WebSocketServerAdapter ws) {
        check(ws, SenderRule.CONTROL_HAS_FIN, "FIN set on every control frame");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-1")
    void serverMessagesAreWellFormedFrameSequences(WebSocketServerAdapter ws) {
        check(ws, SenderRule.CONTINUATION_IN_MESSAGE, "no continuation frame without a message in progress");
    }

    @ConformanceTest
    @Requirement("WS-FRAG-4")
    void serverMessagesDoNotInterleave(WebSocketServerAdapter ws) {
        check(ws, SenderRule.NO_INTERLEAVED_MESSAGES, "no data opcode inside a fragmented message");
    }

    @ConformanceTest
    @Requirement("WS-UTF8-1")
    void serverTextIsValidUtf8(WebSocketServerAdapter ws) {
        check(ws, SenderRule.VALID_UTF8, "text messages and Close reasons valid UTF-8");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-1")
    void serverClosePayloadsAreWellFormed(WebSocketServerAdapter ws) {
        check(ws, SenderRule.CLOSE_PAYLOAD_WELL_FORMED, "Close payloads empty or a 2-octet code plus reason");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-4")
    void serverNeverSends1005Or1006Or1015(WebSocketServerAdapter ws) {
        check(ws, SenderRule.NO_RESERVED_CLOSE_CODE, "no Close with 1005, 1006 or 1015");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-5")
    void serverCloseCodesAreValidOnTheWire(WebSocketServerAdapter ws) {
        check(ws, SenderRule.CLOSE_CODE_VALID, "close codes 1000-1003, 1007-1014 or 3000-4999");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-14")
    void serverSendsNoDataFrameAfterItsClose(WebSocketServerAdapter ws) {
        check(ws, SenderRule.NO_DATA_AFTER_CLOSE, "no data frame (echo or its own message) after the server's Close");
    }

    @ConformanceTest
    @Requirement("WS-CLOSE-15")
    void serverSendsOneCloseAtMost(WebSocketServerAdapter ws) {
        check(ws, SenderRule.ONE_CLOSE, "at most one Close frame from the server per connection");
    }
}
