package org.netconform.reference.udp;

/**
 * Why a socket has its local port. Real stacks choose ephemeral port numbers differently, so a
 * comparison names a port by its role ("the port socket s2 got at connect") rather than its number.
 */
public enum PortOrigin {
    /** bind() with a non-zero port. */
    EXPLICIT,
    /** bind() with port 0. */
    BIND_EPHEMERAL,
    /** Implicit bind by connect() (ip(7) "connect(2) was called on a socket that was not previously bound"). */
    CONNECT,
    /** Implicit bind by a send (ip(7) "sendto(2) is called on a datagram socket that was not previously bound"). */
    SEND
}
