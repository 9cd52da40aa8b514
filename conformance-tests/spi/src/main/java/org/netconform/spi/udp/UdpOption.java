package org.netconform.spi.udp;

/** Socket options the UDP area covers. Both must be set before bind (socket(7)). */
public enum UdpOption {
    /** SO_REUSEADDR ({@code StandardSocketOptions.SO_REUSEADDR}). */
    REUSE_ADDRESS,
    /** SO_REUSEPORT ({@code StandardSocketOptions.SO_REUSEPORT}). */
    REUSE_PORT
}
