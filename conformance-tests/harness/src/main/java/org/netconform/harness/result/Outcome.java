package org.netconform.harness.result;

import java.util.Locale;
import java.util.Optional;

/**
 * The outcomes of DESIGN.md, in their documented order. {@link #severity()} ranks them for a
 * matrix cell that aggregates several results: FAIL &gt; ERROR &gt; NON_STRICT &gt; UNSUPPORTED &gt;
 * INFORMATIONAL &gt; PASS, so nothing unchecked can look like PASS.
 */
public enum Outcome {
    PASS(1, "the target did what the requirement says"),
    FAIL(6, "a MUST was broken"),
    NON_STRICT(4, "a SHOULD (or a declared MAY) was not followed"),
    INFORMATIONAL(2, "an INFO requirement: what the target did is recorded, not judged"),
    UNSUPPORTED(3, "the adapter does not declare the layer or capability; skipped, with the reason"),
    ERROR(5, "the harness could not get an answer: timeout, crash, refused connection");

    private final int severity;
    private final String meaning;

    Outcome(int severity, String meaning) {
        this.severity = severity;
        this.meaning = meaning;
    }

    public int severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }

    /** The CSS class of the outcome's colour, e.g. {@code o-non-strict}. */
    public String css() {
        return "o-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Outcome> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The outcome to aggregate and colour by: an unknown or missing outcome counts as ERROR. */
    public static Outcome judged(String text) {
        return parse(text).orElse(ERROR);
    }

    public static Outcome worse(Outcome a, Outcome b) {
        return a.severity >= b.severity ? a : b;
    }
}
