package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One ID checked by several suites: results of a suite whose adapter the target lacks do not colour the cell. */
class SharedIdAcrossSuitesTest {

    private static CaseResult result(String test, String outcome, Boolean covered) {
        return new CaseResult(List.of("BO-ORDER-1"), test, test, outcome, outcome, null, true, null, null, null, null,
                null, 1L, null, covered);
    }

    @Test
    void uncoveredResultsAreLeftOutWhenTheTargetHasItsOwn() {
        TargetResults server = new TargetResults(TargetResults.SCHEMA, "server", "a server", "now", List.of(
                result("ServerSuite.a", "PASS", true), result("ClientSuite.a", "UNSUPPORTED", false)));
        ReportModelBuilder b = new ReportModelBuilder(Fixtures.catalog(), List.of(server), "now");
        assertThat(b.results("BO-ORDER-1", "server")).extracting(CaseResult::outcome).containsExactly("PASS");
    }

    @Test
    void aTargetWithOnlyUncoveredResultsKeepsThem() {
        TargetResults other = new TargetResults(TargetResults.SCHEMA, "other", "x", "now", List.of(
                result("ClientSuite.a", "UNSUPPORTED", false)));
        ReportModelBuilder b = new ReportModelBuilder(Fixtures.catalog(), List.of(other), "now");
        assertThat(b.results("BO-ORDER-1", "other")).extracting(CaseResult::outcome).containsExactly("UNSUPPORTED");
    }
}
