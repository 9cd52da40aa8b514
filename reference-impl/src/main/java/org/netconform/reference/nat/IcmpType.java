package org.netconform.reference.nat;

/** The ICMP errors the model produces and translates (type 3, destination unreachable; RFC 792). */
public enum IcmpType {
    /** Type 3 code 1: what RFC 6888 REQ-11b asks a CGN to send when a quota refuses a mapping. */
    HOST_UNREACHABLE(3, 1),
    /** Type 3 code 3: a host with no socket at the port; RFC 5382 REQ-4 for an unsolicited SYN. */
    PORT_UNREACHABLE(3, 3);

    private final int type;
    private final int code;

    IcmpType(int type, int code) {
        this.type = type;
        this.code = code;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }
}
