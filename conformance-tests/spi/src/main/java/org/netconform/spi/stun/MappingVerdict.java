package org.netconform.spi.stun;

/** A discovery client's mapping verdict in the spec's words (RFC 4787 §4.1). */
public enum MappingVerdict {
    EIM, ADM, APDM,
    /** Not endpoint-independent, without telling ADM from APDM (what an RFC 3489 client can say). */
    ADM_OR_APDM
}
