package org.netconform.spi.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A received datagram: its source and its payload (copied in and out; instances are immutable). */
public final class Datagram {
    private final UdpAddress source;
    private final byte[] payload;

    public Datagram(UdpAddress source, byte[] payload) {
        this.source = Objects.requireNonNull(source, "source");
        this.payload = payload.clone();
    }

    public UdpAddress source() {
        return source;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    /** The payload decoded as UTF-8, convenient for tests that send text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && source.equals(d.source) && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String shown = payload.length <= 32 ? HexFormat.ofDelimiter(" ").formatHex(payload)
                : HexFormat.ofDelimiter(" ").formatHex(payload, 0, 32) + " ...";
        return "Datagram[from " + source + ", " + payload.length + " octets: " + shown + "]";
    }
}
