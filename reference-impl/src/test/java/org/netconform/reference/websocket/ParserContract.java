package org.netconform.reference.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.netconform.spi.websocket.Role;

/**
 * The reference parsers' contract: whatever the octets, a parser returns or throws its own protocol exception
 * ({@link HttpHeadException} for HTTP heads, {@link WebSocketProtocolException} for frames, messages and Close
 * payloads, {@link HandshakeException} for a response the client refuses); anything else (an
 * IllegalArgumentException, an index out of bounds, ...) breaks it. The inputs: valid samples, random octets,
 * and samples with edits (octets flipped, inserted, removed, cut, digits and CR/LF/NUL thrown in). Shared by the
 * jqwik property {@code ParserContractTest} and the on-demand fuzz run {@link ParserFuzz}.
 */
final class ParserContract {
    /** What a parser made of one input. */
    enum Result { ACCEPTED, REFUSED }

    /** The parser under test. */
    enum Parser { RESPONSE, REQUEST, SERVER_FRAMES, CLIENT_FRAMES }

    /** An input that broke the contract: which parser, the octets, and what it threw. */
    static final class Breach extends AssertionError {
        private static final long serialVersionUID = 1L;

        Breach(Parser p, byte[] input, Throwable thrown) {
            super(p + " threw " + thrown + " (not its protocol exception) for " + input.length + " octets: "
                    + HexFormat.ofDelimiter(" ").formatHex(input, 0, Math.min(input.length, 200))
                    + (input.length > 200 ? " ..." : ""), thrown);
        }
    }

    /** One edit of a sample: kind 0 flip a bit, 1 insert, 2 remove, 3 cut, 4 overwrite with a tricky octet. */
    record Edit(int kind, int position, int value) {
    }

    private static final byte[] TRICKY = {'\r', '\n', 0, ' ', ':', '0', '1', '9', (byte) 0x7F, (byte) 0xFF, (byte) 0x80,
            '\t', '"', ';', ','};

    static final List<byte[]> RESPONSES = List.of(
            ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
            ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n\r\n"),
            ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
            ascii("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13, 8\r\n\r\n"),
            ascii("HTTP/1.0 099 Early\r\n\r\n"),
            ascii("HTTP/1.1 200\n\n"));
    static final List<byte[]> REQUESTS = List.of(
            ascii("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:7777\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"),
            ascii("GET /chat?x=1 HTTP/1.1\r\nHost: example.com\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://a.example\r\n"
                    + "Sec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Extensions: foo; bar=\"a\", baz\r\n\r\n"),
            ascii("POST / HTTP/1.0\r\n\r\n"));

    private ParserContract() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Valid frame streams as each role receives them: several frames, control frames between fragments. */
    static byte[] frames(Role receiver, Random r) {
        FrameEncoder enc = receiver == Role.SERVER ? new FrameEncoder(Role.CLIENT, r::nextInt, 0)
                : new FrameEncoder(Role.SERVER);
        List<Frame> fs = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> fs.add(Frame.text("héllo " + r.nextInt(1000)));
                case 1 -> fs.add(Frame.binary(bytes(r, r.nextInt(300))));
                case 2 -> {
                    fs.add(new Frame(false, Opcode.TEXT, ascii("frag")));
                    fs.add(Frame.ping(bytes(r, r.nextInt(10))));
                    fs.add(new Frame(true, Opcode.CONTINUATION, ascii("ment")));
                }
                case 3 -> fs.add(Frame.close(ClosePayload.of(1000 + r.nextInt(4), "bye")));
                default -> fs.add(Frame.binary(bytes(r, 126 + r.nextInt(70000))));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Frame f : fs) {
            out.writeBytes(enc.encode(f));
        }
        return out.toByteArray();
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** The sample with the edits applied (positions taken modulo the current length). */
    static byte[] apply(byte[] sample, List<Edit> edits) {
        byte[] b = sample.clone();
        for (Edit e : edits) {
            int len = b.length;
            int at = len == 0 ? 0 : Math.floorMod(e.position(), len);
            switch (e.kind()) {
                case 0 -> {
                    if (len > 0) {
                        b[at] ^= (byte) (1 << Math.floorMod(e.value(), 8));
                    }
                }
                case 1 -> {
                    byte[] c = new byte[len + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = TRICKY[Math.floorMod(e.value(), TRICKY.length)];
                    System.arraycopy(b, at, c, at + 1, len - at);
                    b = c;
                }
                case 2 -> {
                    if (len > 0) {
                        byte[] c = new byte[len - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, len - at - 1);
                        b = c;
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, at);
                default -> {
                    if (len > 0) {
                        b[at] = TRICKY[Math.floorMod(e.value(), TRICKY.length)];
                    }
                }
            }
        }
        return b;
    }

    /** Random edits for the fuzz run. */
    static List<Edit> edits(Random r) {
        int n = 1 + r.nextInt(r.nextInt(8) + 1);
        List<Edit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Edit(r.nextInt(5), r.nextInt(Integer.MAX_VALUE), r.nextInt(256)));
        }
        return out;
    }

    /** Runs the parser on the input: what it made of it, or a {@link Breach}. */
    static Result check(Parser p, byte[] input, List<Integer> chops) {
        try {
            return switch (p) {
                case RESPONSE -> response(input);
                case REQUEST -> request(input);
                case SERVER_FRAMES -> frames(Role.SERVER, input, chops);
                case CLIENT_FRAMES -> frames(Role.CLIENT, input, chops);
            };
        } catch (HttpHeadException | WebSocketProtocolException | HandshakeException refused) {
            return Result.REFUSED;
        } catch (RuntimeException | StackOverflowError e) {
            throw new Breach(p, input, e);
        }
    }

    private static Result response(byte[] input) {
        int len = HttpHeadCodec.headLength(input, 0, input.length, HttpHeadCodec.DEFAULT_MAX_HEAD);
        byte[] head = len > 0 ? java.util.Arrays.copyOf(input, len) : input;
        HttpResponseHead r = HttpHeadCodec.parseResponse(head);
        // the client's check of what it parsed throws only HandshakeException
        ClientHandshake.of("127.0.0.1:7777", "/ws", "dGhlIHNhbXBsZSBub25jZQ==").validate(r);
        return Result.ACCEPTED;
    }

    private static Result request(byte[] input) {
        int len = HttpHeadCodec.headLength(input, 0, input.length, HttpHeadCodec.DEFAULT_MAX_HEAD);
        byte[] head = len > 0 ? java.util.Arrays.copyOf(input, len) : input;
        HttpRequestHead req = HttpHeadCodec.parseRequest(head);
        // the server's handshake answers every parsed request with a response, never an exception
        ServerHandshake.Outcome o = new ServerHandshake(OriginPolicy.allowAll(), List.of("chat"), java.util.Set.of("foo"))
                .accept(req);
        ExtensionHeader.isValid(req.headers());
        HttpHeadCodec.serialize(o.response());
        return o.upgraded() ? Result.ACCEPTED : Result.REFUSED;
    }

    private static Result frames(Role receiver, byte[] input, List<Integer> chops) {
        FrameDecoder d = new FrameDecoder(DecoderConfig.receivingAs(receiver).withMaxFramePayload(1 << 20)
                .withMaxMessageSize(1 << 21));
        MessageAssembler a = new MessageAssembler(1 << 21, new MessageAssembler.Listener() {
            @Override
            public void onMessage(Message message) {
                message.payload();
            }

            @Override
            public void onControl(Frame frame) {
                if (frame.opcode() == Opcode.CLOSE) {
                    Optional.of(ClosePayload.decode(frame.payload()));
                }
            }
        });
        int at = 0;
        int i = 0;
        while (at < input.length) {
            int n = chops.isEmpty() ? input.length : Math.max(1, chops.get(i++ % chops.size()));
            n = Math.min(n, input.length - at);
            d.feed(ByteBuffer.wrap(input, at, n), a::accept);
            at += n;
        }
        return Result.ACCEPTED;
    }
}
