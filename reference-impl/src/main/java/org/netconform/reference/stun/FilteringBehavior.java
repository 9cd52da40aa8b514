package org.netconform.reference.stun;

/** RFC 4787 §5 filtering behaviour, in the words of the spec ({@code EIF}, {@code ADF}, {@code APDF}). */
public enum FilteringBehavior {
    ENDPOINT_INDEPENDENT("EIF"), ADDRESS_DEPENDENT("ADF"), ADDRESS_AND_PORT_DEPENDENT("APDF");

    private final String code;

    FilteringBehavior(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
