package org.netconform.suites.wsserver;

import java.util.Arrays;
import java.util.Optional;
import org.netconform.reference.websocket.HttpHeadCodec;
import org.netconform.reference.websocket.RawFrameHeader;

/**
 * The octets a server sent that are not yet parsed, and the parsing of them: the response head, then
 * frames as written (through {@link RawFrameHeader}, which reads what the reference decoder would
 * refuse). Bounded: a frame announced beyond the frame cap is not buffered.
 */
final class InboundBuffer {
    private static final int HEAD_CAP = 16 * 1024;

    /** What one parse attempt found. */
    sealed interface Parsed {
    }

    /** Not enough octets yet. */
    record NeedMore() implements Parsed {
    }

    /** A whole frame. */
    record Whole(InFrame frame) implements Parsed {
    }

    /** The server announced a frame over the cap; it is not read. */
    record OverCap(long length) implements Parsed {
    }

    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;

    /** Room for at least one more read, compacting or growing the buffer. */
    byte[] array() {
        if (end == buf.length) {
            if (start > 0) {
                compact();
            } else {
                buf = Arrays.copyOf(buf, Math.max(16 * 1024, buf.length * 2));
            }
        }
        return buf;
    }

    int writeOffset() {
        return end;
    }

    int writable() {
        return buf.length - end;
    }

    void wrote(int n) {
        end += n;
    }

    int available() {
        return end - start;
    }

    /** At most the first {@code max} octets not yet parsed. */
    byte[] unparsed(int max) {
        return Arrays.copyOfRange(buf, start, start + Math.min(max, end - start));
    }

    /** Lets go of the buffer (the session has ended); what was not parsed is dropped. */
    void release() {
        buf = new byte[0];
        start = 0;
        end = 0;
    }

    /**
     * The response head, when a whole one is buffered; empty when more is needed.
     *
     * @throws IllegalArgumentException when the head is over 16 KiB
     */
    Optional<byte[]> head() {
        int len = HttpHeadCodec.headLength(buf, start, end - start, HEAD_CAP);
        if (len < 0) {
            return Optional.empty();
        }
        byte[] head = Arrays.copyOfRange(buf, start, start + len);
        start += len;
        return Optional.of(head);
    }

    Parsed frame(long frameCap) {
        Optional<RawFrameHeader> h = RawFrameHeader.read(buf, start, end - start);
        if (h.isEmpty()) {
            return new NeedMore();
        }
        RawFrameHeader header = h.get();
        long length = header.length();
        if (length < 0 || length > frameCap) {
            return new OverCap(length);
        }
        int whole = header.headerLength() + (int) length;
        if (end - start < whole) {
            ensureCapacity(whole);
            return new NeedMore();
        }
        byte[] payload = header.payload(buf, start);
        start += whole;
        return new Whole(new InFrame(header.fin(), header.rsv(), header.opcode(), header.masked(),
                header.lengthOctets(), length, payload, System.nanoTime()));
    }

    private void ensureCapacity(int frameBytes) {
        if (start > 0 && buf.length - start < frameBytes) {
            compact();
        }
        if (buf.length < frameBytes) {
            buf = Arrays.copyOf(buf, Math.max(frameBytes, buf.length * 2));
        }
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }
}
