package org.netconform.spi.stun;

/** A discovery client's filtering verdict in the spec's words (RFC 4787 §5). */
public enum FilteringVerdict {
    EIF, ADF, APDF
}
