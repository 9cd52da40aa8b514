package org.netconform.reference.websocket;

/**
 * Incremental, fail-fast UTF-8 validation (RFC 3629, as RFC 6455 §5.6 and §8.1 require of text
 * messages).
 *
 * <p>Input may be cut anywhere, including inside a code point, so a text message can be checked
 * fragment by fragment as it arrives. Validation stops at the first octet that cannot continue a
 * well-formed sequence: e.g. {@code C0} itself (it could only start an overlong), the {@code 80}
 * of {@code E0 80}, the {@code A0} of {@code ED A0} (a surrogate), the {@code 90} of {@code F4 90}
 * (above U+10FFFF). That is what lets an endpoint fail the connection as soon as the bad octet is
 * seen rather than at the end of the message (§8.1).
 *
 * <p>The state is the number of continuation octets still expected plus the allowed range of the
 * next one; the ranges are those of the Unicode Standard, Table 3-7 (well-formed byte sequences).
 * Once invalid, the validator stays invalid until {@link #reset()}.
 */
public final class Utf8Validator {

    /** Returned by {@link #feed(byte[], int, int)} when every octet was acceptable. */
    public static final int VALID = -1;

    private int pending;       // continuation octets still needed for the current code point
    private int lo = 0x80;     // allowed range for the next continuation octet
    private int hi = 0xBF;
    private boolean failed;

    /**
     * Checks the next octets.
     *
     * @return {@link #VALID}, or the index in {@code b} of the first octet that is not acceptable
     */
    public int feed(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (failed) {
            return off;
        }
        int end = off + len;
        int i = off;
        while (i < end) {
            if (pending == 0) {
                // ASCII fast path: most text is mostly ASCII
                while (i < end && b[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            if (!accept(b[i] & 0xFF)) {
                failed = true;
                return i;
            }
            i++;
        }
        return VALID;
    }

    /** Checks one octet; false if it is not acceptable. */
    public boolean feed(byte octet) {
        if (failed) {
            return false;
        }
        if (!accept(octet & 0xFF)) {
            failed = true;
        }
        return !failed;
    }

    private boolean accept(int c) {
        if (pending > 0) {
            if (c < lo || c > hi) {
                return false;
            }
            pending--;
            lo = 0x80;
            hi = 0xBF;
            return true;
        }
        if (c < 0x80) {
            return true;
        }
        // lead octets; the narrowed second-octet ranges exclude overlongs, surrogates and > U+10FFFF
        if (c >= 0xC2 && c <= 0xDF) {
            pending = 1;
        } else if (c == 0xE0) {
            pending = 2;
            lo = 0xA0;
        } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
            pending = 2;
        } else if (c == 0xED) {
            pending = 2;
            hi = 0x9F;
        } else if (c == 0xF0) {
            pending = 3;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            pending = 3;
        } else if (c == 0xF4) {
            pending = 3;
            hi = 0x8F;
        } else {
            // 80-BF without a lead, C0/C1 (always overlong), F5-FF (beyond U+10FFFF)
            return false;
        }
        return true;
    }

    /** Whether all input so far was acceptable. */
    public boolean isValidSoFar() {
        return !failed;
    }

    /** Whether the input so far is valid and ends on a code point boundary (a complete text). */
    public boolean isComplete() {
        return !failed && pending == 0;
    }

    public void reset() {
        pending = 0;
        lo = 0x80;
        hi = 0xBF;
        failed = false;
    }

    /** Whether {@code len} octets at {@code off} are complete, valid UTF-8. */
    public static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(b, off, len) == VALID && v.isComplete();
    }

    public static boolean isValid(byte[] b) {
        return isValid(b, 0, b.length);
    }
}
