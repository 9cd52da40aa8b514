package org.netconform.reference.nat;

/** The TCP flags the NAT's session tracking looks at (RFC 7857 section 2, RFC 6146 section 3.5.2). */
public enum TcpFlag {
    SYN,
    ACK,
    FIN,
    RST
}
