package org.netconform.reference.nat;

/**
 * A requirement a {@link NatConfig} gives up.
 *
 * @param requirement where it is stated, e.g. {@code RFC 4787 REQ-1}
 * @param level       MUST (MUST and MUST NOT) or SHOULD (SHOULD, SHOULD NOT, RECOMMENDED: RFC 2119
 *                    gives them one meaning)
 * @param detail      what the configuration does instead
 */
public record Deviation(String requirement, Level level, String detail) {

    public enum Level {
        MUST,
        SHOULD
    }

    @Override
    public String toString() {
        return requirement + " (" + level + "): " + detail;
    }
}
