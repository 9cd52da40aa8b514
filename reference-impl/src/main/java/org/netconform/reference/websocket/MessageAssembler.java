package org.netconform.reference.websocket;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns decoded frames into messages, enforcing the fragmentation rules of RFC 6455 §5.4 and the
 * UTF-8 rule for text (§5.6, §8.1).
 *
 * <ul>
 *   <li>A CONTINUATION with no message in progress, or a TEXT/BINARY while one is in progress,
 *       fails with 1002 (§5.4).</li>
 *   <li>Control frames may arrive between fragments (§5.4); they are delivered at once, not held
 *       until the message ends. A CLOSE body is validated on the way ({@link ClosePayload#decode}),
 *       so a bad one fails with 1002 or 1007.</li>
 *   <li>Text is checked fragment by fragment with one {@link Utf8Validator}, so a code point may be
 *       split across fragments, and invalid UTF-8 fails with 1007 in the fragment that holds the
 *       first bad octet, not at the end of the message. A code point left incomplete by the final
 *       fragment also fails with 1007.</li>
 *   <li>A message whose joined payload would exceed the limit fails with 1009 before its octets
 *       are buffered.</li>
 * </ul>
 * After a failure the assembler stays failed and rethrows the same exception. Not thread-safe.
 */
public final class MessageAssembler {

    /** Receives what the assembler produces, in wire order. */
    public interface Listener {
        void onMessage(Message message);

        /** A PING, PONG or CLOSE frame, delivered as soon as it arrives (§5.4, §5.5). */
        void onControl(Frame frame);
    }

    private final long maxMessageSize;
    private final Listener listener;
    private final Utf8Validator utf8 = new Utf8Validator();

    private Opcode inProgress;  // type of the message being assembled, or null
    private byte[] buffer = new byte[0];
    private int size;
    private WebSocketProtocolException failure;

    public MessageAssembler(long maxMessageSize, Listener listener) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("negative maxMessageSize");
        }
        this.maxMessageSize = Math.min(maxMessageSize, DecoderConfig.MAX_ARRAY_PAYLOAD);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Takes the next frame in wire order.
     *
     * @throws WebSocketProtocolException 1002, 1007 or 1009 as described in the class comment
     */
    public void accept(Frame frame) {
        if (failure != null) {
            throw failure;
        }
        try {
            dispatch(frame);
        } catch (WebSocketProtocolException e) {
            failure = e;
            buffer = new byte[0];
            throw e;
        }
    }

    /** Whether a fragmented message has started and not yet ended. */
    public boolean isMessageInProgress() {
        return inProgress != null;
    }

    public boolean isFailed() {
        return failure != null;
    }

    private void dispatch(Frame frame) {
        Opcode op = frame.opcode();
        if (op.isControl()) {
            if (op == Opcode.CLOSE) {
                ClosePayload.decode(frame.payload());
            }
            listener.onControl(frame);
            return;
        }
        if (op == Opcode.CONTINUATION) {
            if (inProgress == null) {
                throw WebSocketProtocolException.protocolError("continuation frame without a message to continue");
            }
        } else {
            if (inProgress != null) {
                throw WebSocketProtocolException.protocolError("new " + op + " frame while a fragmented message is in progress");
            }
            inProgress = op;
            size = 0;
            utf8.reset();
            if (frame.fin()) {
                // an unfragmented message (the usual case): its frame's payload is the message, no joining copy
                whole(op, frame);
                return;
            }
        }
        append(frame);
        if (frame.fin()) {
            if (inProgress == Opcode.TEXT && !utf8.isComplete()) {
                throw WebSocketProtocolException.invalidPayload("text message ends inside a code point");
            }
            Message m = new Message(inProgress, Arrays.copyOf(buffer, size));
            inProgress = null;
            buffer = new byte[0];
            size = 0;
            listener.onMessage(m);
        }
    }

    private void whole(Opcode op, Frame frame) {
        int n = frame.payloadLength();
        if (n > maxMessageSize) {
            throw WebSocketProtocolException.tooBig("message over limit " + maxMessageSize);
        }
        byte[] p = frame.payloadArray();
        if (op == Opcode.TEXT) {
            int bad = utf8.feed(p, 0, n);
            if (bad != Utf8Validator.VALID) {
                throw WebSocketProtocolException.invalidPayload("invalid UTF-8 at octet " + bad + " of the text message");
            }
            if (!utf8.isComplete()) {
                throw WebSocketProtocolException.invalidPayload("text message ends inside a code point");
            }
        }
        inProgress = null;
        listener.onMessage(new Message(op, p));
    }

    private void append(Frame frame) {
        int n = frame.payloadLength();
        if (size + (long) n > maxMessageSize) {
            throw WebSocketProtocolException.tooBig("message over limit " + maxMessageSize);
        }
        if (size + n > buffer.length) {
            int grown = (int) Math.min(maxMessageSize, Math.max(size + (long) n, buffer.length * 2L));
            buffer = Arrays.copyOf(buffer, grown);
        }
        frame.copyPayloadTo(buffer, size);
        if (inProgress == Opcode.TEXT) {
            int bad = utf8.feed(buffer, size, n);
            if (bad != Utf8Validator.VALID) {
                throw WebSocketProtocolException.invalidPayload("invalid UTF-8 at octet " + (bad) + " of the text message");
            }
        }
        size += n;
    }
}
