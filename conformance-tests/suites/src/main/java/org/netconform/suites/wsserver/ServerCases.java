package org.netconform.suites.wsserver;

import org.netconform.harness.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.netconform.reference.websocket.RawFrameWriter;

/** Building blocks of the endpoint cases: frames, scripts and the standard judges. */
final class ServerCases {
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 0xA;

    private ServerCases() {
    }

    // ------------------------------------------------------------------ frames (masked, as a client sends)

    static byte[] frame(int opcode, byte[] payload) {
        return WireSession.masked(RawFrameWriter.frame().opcode(opcode).payload(payload));
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return WireSession.masked(RawFrameWriter.frame().fin(fin).opcode(opcode).payload(payload));
    }

    static byte[] rsvFrame(int rsv, int opcode, byte[] payload) {
        return WireSession.masked(RawFrameWriter.frame().rsv(rsv).opcode(opcode).payload(payload));
    }

    static byte[] text(String s) {
        return frame(TEXT, utf8(s));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] closePayload(int code, byte[] reason) {
        return WireSession.closePayload(code, reason);
    }

    /** Deterministic pseudo-random binary payload. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Deterministic pseudo-random valid UTF-8 text of exactly n octets (ASCII plus 2- and 3-octet code points). */
    static byte[] randomText(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int len = 0;
        while (len < n) {
            int left = n - len;
            int kind = r.nextInt(4);
            if (kind == 3 && left >= 3) {
                sb.append((char) (0x4E00 + r.nextInt(0x5000)));
                len += 3;
            } else if (kind == 2 && left >= 2) {
                sb.append((char) (0x0400 + r.nextInt(0x100)));
                len += 2;
            } else {
                sb.append((char) ('a' + r.nextInt(26)));
                len += 1;
            }
        }
        return utf8(sb.toString());
    }

    /** A message split into frames of {@code size} octets (the last may be shorter; at least one frame). */
    static byte[] fragmented(int opcode, byte[] payload, int size) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        do {
            int end = Math.min(payload.length, at + size);
            frames.add(frame(end == payload.length, at == 0 ? opcode : 0, Arrays.copyOfRange(payload, at, end)));
            at = end;
        } while (at < payload.length);
        return concat(frames.toArray(byte[][]::new));
    }

    static InMessage msg(int opcode, byte[] payload) {
        return new InMessage(opcode, payload, 1);
    }

    /**
     * How long to wait for the answer to {@code octets} of payload in {@code frames} frames: the timeout, plus
     * 1 ms per 20 000 octets and 1 ms per frame, so a large or finely fragmented message gets the time its
     * size needs (a slow but correct server is not judged on the clock).
     */
    static long waitFor(long octets, long frames) {
        return WsOptions.timeoutMs() + octets / 20_000 + frames;
    }

    static long waitFor(long octets) {
        return waitFor(octets, 1);
    }

    /** The frames a client wrote into {@code octets} (whole frames only), unmasked, as (fin, opcode, payload). */
    static List<InFrame> clientFrames(byte[] octets) {
        List<InFrame> out = new ArrayList<>();
        int at = 0;
        while (at < octets.length) {
            java.util.Optional<org.netconform.reference.websocket.RawFrameHeader> h =
                    org.netconform.reference.websocket.RawFrameHeader.read(octets, at, octets.length - at);
            if (h.isEmpty() || h.get().length() < 0 || at + h.get().headerLength() + h.get().length() > octets.length) {
                break;
            }
            org.netconform.reference.websocket.RawFrameHeader f = h.get();
            out.add(new InFrame(f.fin(), f.rsv(), f.opcode(), f.masked(), f.lengthOctets(), f.length(),
                    f.payload(octets, at), 0));
            at += f.headerLength() + (int) f.length();
        }
        return out;
    }

    /** The data messages the whole client frames in {@code octets} make up (what a server must echo). */
    static List<InMessage> clientMessages(byte[] octets) {
        List<InMessage> out = new ArrayList<>();
        java.io.ByteArrayOutputStream buf = null;
        int opcode = -1;
        int frames = 0;
        for (InFrame f : clientFrames(octets)) {
            if (f.isControl()) {
                continue;
            }
            if (f.opcode() != 0) {
                opcode = f.opcode();
                buf = new java.io.ByteArrayOutputStream();
                frames = 0;
            }
            if (buf == null) {
                continue;
            }
            buf.writeBytes(f.payload());
            frames++;
            if (f.fin()) {
                out.add(new InMessage(opcode, buf.toByteArray(), frames));
                buf = null;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ scripts

    static void mustOpen(WireSession s) throws IOException {
        if (!s.open()) {
            throw new IllegalStateException("the server did not upgrade a valid handshake: "
                    + (s.response == null ? s.endDetail.isEmpty() ? "no response" : s.endDetail
                    : s.response.status() + " " + s.response.reason()));
        }
    }

    /**
     * Sends octets in writes of {@code chop} (0 = one write), expects the messages echoed, then closes
     * normally (Close 1000, waits for the server's Close and its TCP close).
     */
    static WsCase echo(String id, String title, byte[] octets, int chop, InMessage... expect) {
        long total = Arrays.stream(expect).mapToLong(m -> m.payload().length).sum();
        List<InFrame> sent = clientFrames(octets);
        long frames = sent.size();
        long largestFrame = sent.stream().mapToLong(InFrame::length).max().orElse(0);
        long largestMessage = Arrays.stream(expect).mapToLong(m -> m.payload().length).max().orElse(0);
        return WsCase.of(id, title, s -> {
            mustOpen(s);
            s.expected.addAll(List.of(expect));
            if (s.declaredMaxFrame >= 0 && largestFrame > s.declaredMaxFrame
                    || s.declaredMaxMessage >= 0 && largestMessage > s.declaredMaxMessage) {
                s.beyondLimit = (largestMessage > s.declaredMaxMessage && s.declaredMaxMessage >= 0
                        ? "a message of " + largestMessage + " octets, over the declared maxMessageSize " + s.declaredMaxMessage
                        : "a frame of " + largestFrame + " octets, over the declared maxFramePayload " + s.declaredMaxFrame);
                s.note("beyond the declared limits (" + s.beyondLimit + "): the server is expected to fail with 1009");
                s.echoedBefore = 0;
                s.offendingSentNanos = System.nanoTime();
                s.send(title, octets);
                s.readToEnd(waitFor(total, frames));
                return;
            }
            if (chop > 0) {
                s.sendChopped(title, octets, chop, 0);
            } else {
                s.send(title, octets);
            }
            s.awaitMessages(expect.length, waitFor(total, frames) + (chop > 0 ? octets.length / chop / 10 : 0));
            closeNormally(s);
        }).caps(Math.max(1024 * 1024, total + 1024), 2 * total + WsOptions.caseOctets());
    }

    static void closeNormally(WireSession s) throws IOException {
        if (s.end == WireSession.End.OPEN && !s.serverSentClose) {
            s.sendClose(1000, "");
        }
        s.readToEnd(WsOptions.timeoutMs());
    }

    /**
     * Optionally sends valid messages first and confirms their echo, then sends the offending octets (chopped
     * into writes of {@code chop}, 0 = one write) and reads until the server ends the connection. When the
     * valid prefix is not echoed the offending octets are not sent: the case then says what happened to the
     * prefix instead of blaming the offending frame. When the connection is still open after the timeout, a
     * probe Ping shows whether the server still processes input.
     */
    static WsCase fails(String id, String title, byte[] valid, int validMessages, byte[] bad, int chop) {
        List<InMessage> prefix = validMessages > 0 ? clientMessages(valid) : List.of();
        if (prefix.size() != validMessages) {
            throw new IllegalArgumentException(id + ": " + validMessages + " valid messages announced, " + prefix.size()
                    + " in the octets");
        }
        return WsCase.of(id, title, s -> {
            mustOpen(s);
            Offending o = new Offending(bad);
            s.offending = o;
            if (validMessages > 0) {
                s.expected.addAll(prefix);
                s.send("valid frames first", valid);
                s.awaitMessages(validMessages, WsOptions.timeoutMs());
                WsCase.Verdict v = echoed(s);
                if (!v.passed()) {
                    o.prefixProblem = v;
                    s.note("the valid message(s) before the offending frame were not echoed as sent (" + v.detail()
                            + "); the offending frame is not sent");
                    closeNormally(s);
                    return;
                }
            }
            s.echoedBefore = s.messages.size();
            s.offendingSentNanos = System.nanoTime();
            if (chop > 0) {
                s.sendChopped(title, bad, chop, 1);
            } else {
                s.send(title, bad);
            }
            s.watch(WsOptions.timeoutMs());
            probeIfOpen(s, o);
            // whatever the probe showed, the connection is still open past the timeout: that is how it ended
            s.readToEnd(1);
        });
    }

    /** The connection is still open after the timeout: a Ping shows whether the server still processes input. */
    static void probeIfOpen(WireSession s, Offending o) throws IOException {
        if (s.end != WireSession.End.OPEN || s.serverSentClose) {
            return;
        }
        o.probeSentNanos = System.nanoTime();
        int before = s.pongs().size();
        s.send("probe: a Ping, to see whether the server still processes input", frame(PING, PROBE));
        s.awaitPongs(before + 1, Math.min(250, WsOptions.timeoutMs()));
        o.probeAnswered = s.pongs().size() > before;
    }

    static final byte[] PROBE = utf8("netconform-probe");

    static WsCase fails(String id, String title, byte[] bad) {
        return fails(id, title, new byte[0], 0, bad, 0);
    }

    // ------------------------------------------------------------------ judges

    /**
     * Every expected message came back with its type and exactly its payload. A message that did not come back
     * is FAIL when the server closed instead (it refused a valid message), and ERROR when the connection simply
     * stayed open past the deadline: a timeout is not a verdict.
     */
    static WsCase.Verdict echoed(WireSession s) {
        if (s.beyondLimit != null) {
            return refusedWith1009(s);
        }
        List<InMessage> want = s.expected.stream().filter(m -> m.opcode() == TEXT || m.opcode() == BINARY).toList();
        for (int i = 0; i < want.size(); i++) {
            if (i >= s.messages.size()) {
                String which = "message " + (i + 1) + " of " + want.size() + " (" + want.get(i).payload().length
                        + " octets)";
                if (s.end == WireSession.End.GARBAGE) {
                    return WsCase.Verdict.noAnswer(which + " not echoed: " + s.endDetail);
                }
                if (s.serverSentClose) {
                    return WsCase.Verdict.broken(which + " not echoed: the server closed with " + closeText(s)
                            + unsolicitedNote(s));
                }
                if (s.end == WireSession.End.FIN || s.end == WireSession.End.RESET) {
                    return WsCase.Verdict.broken(which + " not echoed: the server ended the connection (" + s.endDetail
                            + ") without a Close" + unsolicitedNote(s));
                }
                return WsCase.Verdict.noAnswer(which + " not echoed within " + s.lastWaitMs
                        + " ms, the connection still open: a timeout (a slow or hung server), not a verdict"
                        + (s.unparsedOctets() > 0 ? "; " + s.unparsedOctets() + " octets of an unfinished frame had arrived"
                        : "") + unsolicitedNote(s) + "; -Dnetconform.ws.timeoutMs sets the time allowed");
            }
            InMessage got = s.messages.get(i);
            InMessage exp = want.get(i);
            if (got.opcode() != exp.opcode()) {
                return WsCase.Verdict.broken("message " + (i + 1) + " came back with opcode " + got.opcode()
                        + ", sent " + exp.opcode());
            }
            if (!Arrays.equals(got.payload(), exp.payload())) {
                return WsCase.Verdict.broken("message " + (i + 1) + " came back with different content: "
                        + got.payload().length + " octets " + Values.hex(got.payload(), 16) + ", sent "
                        + exp.payload().length + " octets " + Values.hex(exp.payload(), 16) + firstDiff(got, exp));
            }
        }
        return WsCase.Verdict.ok(want.size() + " message(s) echoed intact" + unsolicitedNote(s));
    }

    /**
     * A message beyond the adapter's declared limits: the server is to fail the connection with 1009 (WS-LIMIT-3,
     * -4), and that is what this case judges instead of a missing echo. Any other refusal, or an echo of what the
     * declaration says is too big, is not for the requirement at hand (WS-LIMIT-3 and -4 judge limits): it is
     * reported, not applicable here; a connection left open is a timeout.
     */
    static WsCase.Verdict refusedWith1009(WireSession s) {
        String what = "beyond the declared limits (" + s.beyondLimit + ")";
        if (!s.messages.isEmpty()) {
            return WsCase.Verdict.notApplicable(what + ": echoed all the same, so the declared limit is not what the "
                    + "server enforces (see WS-LIMIT-3)");
        }
        WsCase.Verdict failed = failedConnection(s);
        if (failed.outcome() == org.netconform.harness.result.Outcome.ERROR) {
            return failed;
        }
        if (failed.passed() && s.serverSentClose && s.serverClose.closeCode() == 1009) {
            return WsCase.Verdict.ok(what + ": refused with 1009, as declared");
        }
        return WsCase.Verdict.notApplicable(what + ", refused otherwise than with 1009 (" + failed.detail()
                + "; see WS-LIMIT-4)");
    }

    static String unsolicitedNote(WireSession s) {
        int n = s.unsolicitedMessages.size();
        return n == 0 ? "" : " (" + n + " unsolicited message(s) of the server's own set apart, not taken as echoes)";
    }

    private static String firstDiff(InMessage a, InMessage b) {
        int n = Math.min(a.payload().length, b.payload().length);
        for (int i = 0; i < n; i++) {
            if (a.payload()[i] != b.payload()[i]) {
                return " (first difference at octet " + i + ")";
            }
        }
        return "";
    }

    /**
     * The server failed the connection, judged on the wire: the valid prefix (if any) was echoed first; after
     * the offending frame nothing was echoed and nothing answered (no Pong to a Ping in or after it, no Close
     * that completes a closing handshake an invalid Close started: none without status, not 1000, not the
     * offending code echoed); and TCP was closed. Which code a failing Close carries is judged by the SHOULDs
     * on close codes (WS-CLOSE-21, -22, -23, WS-LIMIT-4) and the sender checks (WS-CLOSE-4, -5).
     */
    static WsCase.Verdict failedConnection(WireSession s) {
        Offending o = s.offending;
        if (o != null && o.prefixProblem != null) {
            return WsCase.Verdict.noAnswer("not judged: the valid message(s) sent before the offending frame were not "
                    + "echoed (" + o.prefixProblem.detail() + "), so the offending frame was not sent");
        }
        if (s.messages.size() > s.echoedBefore) {
            InMessage m = s.messages.get(s.echoedBefore);
            return WsCase.Verdict.broken("the server processed data after the offending frame: it echoed "
                    + (s.messages.size() - s.echoedBefore) + " message(s), the first " + (m.opcode() == TEXT ? "text" : "binary")
                    + " of " + m.payload().length + " octets " + Values.hex(m.payload(), 16) + unsolicitedNote(s));
        }
        if (s.offendingSentNanos > 0) {
            long until = o != null && o.probeSentNanos > 0 ? o.probeSentNanos : Long.MAX_VALUE;
            List<InFrame> answers = s.frames.stream().filter(f -> f.opcode() == PONG && f.atNanos() >= s.offendingSentNanos
                    && f.atNanos() < until).toList();
            if (!answers.isEmpty()) {
                return WsCase.Verdict.broken("the server answered a Ping sent with or after the offending frame: "
                        + WireLog.describe(answers.get(0)));
            }
        }
        if (o != null && s.serverSentClose && s.serverClose.atNanos() >= s.offendingSentNanos) {
            List<Integer> codes = o.closeCodes();
            int c = s.serverClose.closeCode();
            if (!codes.isEmpty() && (c == -1 || c == 1000 || codes.contains(c))) {
                return WsCase.Verdict.broken("the server answered the invalid Close as a valid one: Close " + closeText(s)
                        + " in response to Close " + codes.stream().map(ServerCases::codeText).toList()
                        + " completes a closing handshake instead of failing the connection");
            }
        }
        String probe = o == null || o.probeSentNanos == 0 ? "" : o.probeAnswered
                ? "; it still answered a Ping sent after the timeout" : "; a Ping sent after the timeout got no answer either";
        return switch (s.end) {
            case FIN, RESET -> WsCase.Verdict.ok("failed: " + (s.serverSentClose ? "Close " + closeText(s) + ", then " : "no Close, ")
                    + (s.end == WireSession.End.FIN ? "TCP FIN" : "TCP reset") + unsolicitedNote(s));
            case TIMEOUT -> WsCase.Verdict.broken("the connection was still open " + WsOptions.timeoutMs()
                    + " ms after the offending frame" + (s.serverSentClose ? " (the server sent Close " + closeText(s)
                    + " but did not close TCP after the client's Close)" : ": the server sent no Close and did not close TCP")
                    + probe);
            case GARBAGE -> WsCase.Verdict.noAnswer(s.endDetail);
            case OPEN -> WsCase.Verdict.noAnswer("case ended with the connection open");
        };
    }

    static String codeText(int code) {
        return code == -1 ? "without status" : code == -2 ? "with a 1-octet payload" : String.valueOf(code);
    }

    /**
     * For SHOULDs on the close code of a failure: judged only where the server failed and sent a Close; the code
     * must be one of {@code codes}, and anything else is reported with what was seen.
     */
    static WsCase.Judge closeCodeIs(int... codes) {
        return s -> {
            WsCase.Verdict failed = failedConnection(s);
            if (!failed.passed()) {
                return failed.outcome() == org.netconform.harness.result.Outcome.ERROR ? failed
                        : WsCase.Verdict.notApplicable("not judged here: the server did not fail the connection ("
                        + failed.detail() + ")");
            }
            if (!s.serverSentClose) {
                return WsCase.Verdict.notApplicable("not judged here: the server failed without a Close frame (see WS-CLOSE-21)");
            }
            int c = s.serverClose.closeCode();
            for (int code : codes) {
                if (c == code) {
                    return WsCase.Verdict.ok("Close " + c);
                }
            }
            return WsCase.Verdict.broken("Close " + closeText(s) + ", expected " + (codes.length == 1 ? codes[0]
                    : Arrays.toString(codes)) + (c >= 0 && !org.netconform.reference.websocket.CloseCodes.isValidOnWire(c)
                    ? " (and " + c + " is not valid on the wire, see WS-CLOSE-5)" : ""));
        };
    }

    /**
     * For WS-CLOSE-21 (a failure is announced with a Close carrying a status code): judged where the server
     * failed; a Close with a code valid on the wire passes whichever code it is (the code's own SHOULD says which
     * one fits); no Close, a Close without status or with a code never valid on the wire is reported as seen.
     */
    static WsCase.Verdict failedWithAValidCode(WireSession s) {
        WsCase.Verdict failed = failedConnection(s);
        if (!failed.passed()) {
            return failed.outcome() == org.netconform.harness.result.Outcome.ERROR ? failed
                    : WsCase.Verdict.notApplicable("not judged here: the server did not fail the connection ("
                    + failed.detail() + ")");
        }
        if (!s.serverSentClose) {
            return WsCase.Verdict.broken("TCP closed without a Close frame");
        }
        int c = s.serverClose.closeCode();
        if (c < 0) {
            return WsCase.Verdict.broken("a Close " + codeText(c) + ": no status code");
        }
        return org.netconform.reference.websocket.CloseCodes.isValidOnWire(c)
                ? WsCase.Verdict.ok("Close " + closeText(s))
                : WsCase.Verdict.broken("Close " + closeText(s) + ": " + c + " is not a status code valid on the wire");
    }

    static String closeText(WireSession s) {
        if (s.serverClose == null) {
            return "none";
        }
        int c = s.serverClose.closeCode();
        return c == -1 ? "without status" : c == -2 ? "with a 1-octet payload" : String.valueOf(c)
                + (s.serverClose.payload().length > 2 ? " \"" + new String(s.serverClose.payload(), 2,
                s.serverClose.payload().length - 2, StandardCharsets.UTF_8) + "\"" : "");
    }

    /** What happened, in one line, for INFO records. */
    static String summary(WireSession s) {
        String echoed = s.messages.size() > s.echoedBefore ? "accepted (echoed)" : "";
        String close = s.serverSentClose ? "Close " + closeText(s) + (s.serverClosedFirst ? " (server first)" : "") : "no Close";
        return (echoed.isEmpty() ? "" : echoed + "; ") + close + "; " + s.end + (s.endDetail.isEmpty() ? "" : " (" + s.endDetail + ")");
    }
}
