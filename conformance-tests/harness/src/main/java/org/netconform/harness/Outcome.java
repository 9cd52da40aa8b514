package org.netconform.harness;

/** What one test found for one target. See DESIGN.md, "Outcomes". */
public enum Outcome {
    /** The target did what the requirement says. */
    PASS,
    /** A MUST was broken. */
    FAIL,
    /** A SHOULD (or a declared MAY) was not followed. */
    NON_STRICT,
    /** An INFO requirement: what the target did is recorded, not judged. */
    INFORMATIONAL,
    /** The adapter does not declare the layer or capability, or cannot run here: skipped, with the reason. */
    UNSUPPORTED,
    /** The harness could not get an answer: timeout, crash, refused connection. */
    ERROR
}
