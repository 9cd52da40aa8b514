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

    static long waitFor(long octets) {
        return WsOptions.timeoutMs() + octets / 20_000;
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
        return WsCase.of(id, title, s -> {
            mustOpen(s);
            s.expected.addAll(List.of(expect));
            if (chop > 0) {
                s.sendChopped(title, octets, chop, 0);
            } else {
                s.send(title, octets);
            }
            s.awaitMessages(expect.length, waitFor(total));
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
     * Optionally sends valid messages first and waits for their echo, then sends the offending octets
     * (chopped into writes of {@code chop}, 0 = one write) and reads until the server ends the connection.
     */
    static WsCase fails(String id, String title, byte[] valid, int validMessages, byte[] bad, int chop) {
        return WsCase.of(id, title, s -> {
            mustOpen(s);
            if (validMessages > 0) {
                s.send("valid frames first", valid);
                s.awaitMessages(validMessages, WsOptions.timeoutMs());
            }
            s.echoedBefore = s.messages.size();
            s.offendingSentNanos = System.nanoTime();
            if (chop > 0) {
                s.sendChopped(title, bad, chop, 1);
            } else {
                s.send(title, bad);
            }
            s.readToEnd(WsOptions.timeoutMs());
        });
    }

    static WsCase fails(String id, String title, byte[] bad) {
        return fails(id, title, new byte[0], 0, bad, 0);
    }

    // ------------------------------------------------------------------ judges

    /** Every expected message came back with its type and exactly its payload. */
    static WsCase.Verdict echoed(WireSession s) {
        List<InMessage> want = s.expected;
        for (int i = 0; i < want.size(); i++) {
            if (i >= s.messages.size()) {
                String why = s.serverSentClose ? "the server closed with " + closeText(s)
                        : s.end != WireSession.End.OPEN ? "the connection ended: " + s.endDetail : "nothing within the timeout";
                return s.end == WireSession.End.GARBAGE ? WsCase.Verdict.noAnswer(s.endDetail)
                        : WsCase.Verdict.broken("message " + (i + 1) + " of " + want.size() + " not echoed: " + why);
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
        return WsCase.Verdict.ok(want.size() + " message(s) echoed intact");
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

    /** The server failed the connection: closed TCP, echoing nothing sent with or after the offending frame. */
    static WsCase.Verdict failedConnection(WireSession s) {
        if (s.messages.size() > s.echoedBefore) {
            return WsCase.Verdict.broken("the server processed data after the offending frame: it echoed "
                    + (s.messages.size() - s.echoedBefore) + " message(s)");
        }
        return switch (s.end) {
            case FIN, RESET -> WsCase.Verdict.ok("failed: " + (s.serverSentClose ? "Close " + closeText(s) + ", then " : "no Close, ")
                    + (s.end == WireSession.End.FIN ? "TCP FIN" : "TCP reset"));
            case TIMEOUT -> WsCase.Verdict.broken("the connection was still open " + WsOptions.timeoutMs()
                    + " ms after the offending frame" + (s.serverSentClose ? " (the server sent Close " + closeText(s)
                    + " but did not close TCP after the client's Close)" : " and the server sent no Close"));
            case GARBAGE -> WsCase.Verdict.noAnswer(s.endDetail);
            case OPEN -> WsCase.Verdict.noAnswer("case ended with the connection open");
        };
    }

    /** For SHOULDs on the close code of a failure: judged only where the server failed and sent a Close. */
    static WsCase.Judge closeCodeIs(int... codes) {
        return s -> {
            if (!failedConnection(s).passed()) {
                return WsCase.Verdict.notApplicable("the server did not fail the connection");
            }
            if (!s.serverSentClose) {
                return WsCase.Verdict.notApplicable("no Close frame (see WS-CLOSE-21)");
            }
            int c = s.serverClose.closeCode();
            for (int code : codes) {
                if (c == code) {
                    return WsCase.Verdict.ok("Close " + c);
                }
            }
            return WsCase.Verdict.broken("Close " + closeText(s) + ", expected " + Arrays.toString(codes));
        };
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
