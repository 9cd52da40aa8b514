package org.netconform.reference.nat;

/** How a NAT picks an external port when it does not (or cannot) keep the internal one. */
public enum PortAllocation {
    /**
     * A seeded pseudo-random port: RFC 7857 section 9 (following RFC 6056) asks a NAT to obfuscate a
     * port it has to change, and RFC 6888 REQ-15 to make ports hard to guess.
     */
    RANDOM,
    /** The next free port after the last one given out on that address (predictable; older NATs). */
    SEQUENTIAL
}
