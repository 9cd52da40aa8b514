package org.netconform.reference.stun;

/** RFC 4787 §4.1 mapping behaviour, in the words of the spec ({@code EIM}, {@code ADM}, {@code APDM}). */
public enum MappingBehavior {
    ENDPOINT_INDEPENDENT("EIM"), ADDRESS_DEPENDENT("ADM"), ADDRESS_AND_PORT_DEPENDENT("APDM");

    private final String code;

    MappingBehavior(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
