package org.netconform.spi.udp;

/**
 * What an operation on a {@link UdpEndpoint} observably did. Errors are values, not exceptions, so
 * the model and an adapter over a real stack can be compared call by call. Each error names the
 * errno and the JDK exception an adapter maps onto it.
 */
public enum UdpOutcome {
    /** The operation succeeded. */
    OK,
    /** A send without an address on a socket with no peer (EDESTADDRREQ, ENOTCONN; JDK NotYetConnectedException). */
    NOT_CONNECTED,
    /** The operation is refused because the socket is connected (EISCONN; JDK AlreadyConnectedException). The model never returns it; real stacks may (UDP-INFO-2, UDP-INFO-4). */
    ALREADY_CONNECTED,
    /** A pending ICMP port unreachable was reported (ECONNREFUSED; JDK PortUnreachableException). */
    PORT_UNREACHABLE,
    /** The local address is taken (EADDRINUSE; JDK BindException). */
    ADDRESS_IN_USE,
    /** The address is not local, or no ephemeral port is free (EADDRNOTAVAIL, EAGAIN on autobind). */
    ADDRESS_NOT_AVAILABLE,
    /** An invalid argument or state: already bound, port 0 as destination, option after bind (EINVAL; JDK AlreadyBoundException, IllegalArgumentException). */
    INVALID,
    /** The payload does not fit in one IPv4 UDP datagram (EMSGSIZE). */
    MESSAGE_TOO_LONG,
    /** No datagram within the timeout (EAGAIN/EWOULDBLOCK; JDK receive returning null, SocketTimeoutException). */
    WOULD_BLOCK,
    /** The socket is closed (EBADF; JDK ClosedChannelException). */
    CLOSED
}
