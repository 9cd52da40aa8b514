package org.netconform.suites.wsclient.fuzz;

/** How the fuzzing server hands its octets to TCP (Autobahn's chop modes). */
public enum Chop {
    /** All frames of a step in one write. */
    WHOLE,
    /** One write per frame. */
    PER_FRAME,
    /** One write per octet, TCP_NODELAY: the client must reassemble frames from single octets. */
    PER_OCTET
}
