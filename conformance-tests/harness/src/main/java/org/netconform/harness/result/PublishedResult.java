package org.netconform.harness.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One test against one target, judged: what the harness publishes to the JUnit Platform (one report
 * entry, key {@value #KEY}, its value this record as JSON; both Jupiter and jqwik can publish a single
 * key) and what every reader (the report listener, {@code SuiteLauncher}) reads back, through
 * {@link ResultJson}, as this same type.
 */
@JsonPropertyOrder({"target", "targetDescription", "result"})
public record PublishedResult(String target, String targetDescription, CaseResult result) {
    public static final String KEY = "netconform.result";

    @JsonIgnore
    public List<String> requirements() {
        return result.requirements();
    }

    /** The test, as {@code Class.method}. */
    @JsonIgnore
    public String test() {
        return result.test();
    }

    @JsonIgnore
    public Outcome outcome() {
        return result.judged();
    }

    @JsonIgnore
    public String reason() {
        return result.reason();
    }

    @JsonIgnore
    public String observed() {
        return result.observed();
    }

    @JsonIgnore
    public boolean matchesBaseline() {
        return !result.differsFromBaseline();
    }

    @Override
    public String toString() {
        String why = observed() != null ? observed() : reason();
        return target + " " + String.join(",", requirements()) + " " + test() + " " + result.outcome()
                + (matchesBaseline() ? "" : " (baseline: " + result.baseline() + ")")
                + (why == null ? "" : ": " + why.lines().findFirst().orElse(""));
    }
}
