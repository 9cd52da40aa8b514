package org.netconform.reference.nat.network;

/** The state of a virtual host's TCP connection, as far as the model needs it (RFC 793, simplified). */
public enum TcpState {
    /** Not yet connected. */
    CLOSED,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    /** This end sent a FIN and waits for the other's. */
    FIN_WAIT,
    /** The other end closed; this end answered with its own FIN and waits for the last ACK. */
    LAST_ACK,
    /** Closed normally (TIME_WAIT is not modelled). */
    FINISHED,
    /** A RST came (ECONNREFUSED while connecting, ECONNRESET after), or this end sent one. */
    RESET,
    /** An ICMP destination unreachable came while connecting (a hard error: the attempt is over). */
    UNREACHABLE;

    /** No more packets belong to the connection. */
    public boolean isOver() {
        return this == FINISHED || this == RESET || this == UNREACHABLE;
    }
}
