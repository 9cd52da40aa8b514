package org.netconform.suites.nat;

/** Names the special-purpose IPv4 range an address is in (NAT-INFO-14). */
final class AddressRanges {
    private AddressRanges() {
    }

    private record Range(String prefix, int length, String name) {
        boolean contains(long address) {
            long base = parse(prefix);
            long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
            return (address & mask) == (base & mask);
        }
    }

    private static final Range[] RANGES = {
        new Range("10.0.0.0", 8, "(RFC 1918 private)"),
        new Range("172.16.0.0", 12, "(RFC 1918 private)"),
        new Range("192.168.0.0", 16, "(RFC 1918 private)"),
        new Range("100.64.0.0", 10, "(RFC 6598 shared)"),
        new Range("192.0.2.0", 24, "(RFC 5737 documentation)"),
        new Range("198.51.100.0", 24, "(RFC 5737 documentation)"),
        new Range("203.0.113.0", 24, "(RFC 5737 documentation)"),
    };

    static String name(String dotted) {
        long a = parse(dotted);
        for (Range r : RANGES) {
            if (r.contains(a)) {
                return r.name();
            }
        }
        return "(other)";
    }

    private static long parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dotted);
        }
        long v = 0;
        for (String p : parts) {
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }
}
