package org.netconform.reference.nat;

/** An inclusive range of ports, 1..65535 (port 0 is never given out). */
public record PortRange(int first, int last) {
    public static final PortRange ALL = new PortRange(1, 65_535);
    /** RFC 4787 section 4.2.1: the well-known range 0-1023 (as source ports, 1-1023). */
    public static final PortRange WELL_KNOWN = new PortRange(1, 1023);
    /** RFC 4787 section 4.2.1: registered and dynamic ports together, 1024-65535. */
    public static final PortRange NOT_WELL_KNOWN = new PortRange(1024, 65_535);

    public PortRange {
        if (first < 1 || last > 65_535 || first > last) {
            throw new IllegalArgumentException("not a port range within 1..65535: " + first + "-" + last);
        }
    }

    public static PortRange of(int first, int last) {
        return new PortRange(first, last);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    /** The ports both ranges hold, or null when they do not overlap. */
    public PortRange intersect(PortRange other) {
        int f = Math.max(first, other.first);
        int l = Math.min(last, other.last);
        return f <= l ? new PortRange(f, l) : null;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
