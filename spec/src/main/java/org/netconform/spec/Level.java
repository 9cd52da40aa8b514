package org.netconform.spec;

/** How binding a requirement is (RFC 2119 keywords, plus INFO for implementation-defined behaviour). */
public enum Level {
    MUST, SHOULD, MAY,
    /** Implementation-defined: what each target does is recorded side by side, never judged. */
    INFO;

    /** MUST and SHOULD must each be covered by at least one test. */
    public boolean needsTest() {
        return this == MUST || this == SHOULD;
    }
}
