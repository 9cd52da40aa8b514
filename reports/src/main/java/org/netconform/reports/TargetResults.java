package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The content of one {@code <reportDir>/<target>/results.json}. See RESULTS-SCHEMA.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "target", "targetDescription", "generatedAt", "results"})
public record TargetResults(int schema, String target, String targetDescription, String generatedAt,
                            List<CaseResult> results) {

    public static final int SCHEMA = 1;

    public TargetResults {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
