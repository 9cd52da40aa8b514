package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netconform.harness.Baseline;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.Judge;
import org.netconform.harness.result.Outcome;

/** The baseline check fails in both directions, and says which ID and what to change. */
class BaselineCheckTest {
    private static final String SUITES = "org.netconform.suites.byteorder";

    @Test
    void aListedDeviationThatOccursMatchesTheBaseline() {
        List<PublishedResult> results = SuiteLauncher.run("broken-truncating-writer", SUITES).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("BO-WIDTH-2"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.outcome().name()).isEqualTo("FAIL");
                    assertThat(r.matchesBaseline()).isTrue();
                });
    }

    @Test
    void aNewFailureThatTheBaselineDoesNotListDiffers() {
        List<PublishedResult> results = SuiteLauncher.run("broken-little-endian-writer", SUITES).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("BO-ORDER-1"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.outcome().name()).isEqualTo("FAIL");
                    assertThat(r.matchesBaseline()).isFalse();
                });
    }

    @Test
    void aListedDeviationThatNoLongerOccursDiffers() {
        List<PublishedResult> results = SuiteLauncher.run("stale-baseline", SUITES).results();
        assertThat(results).filteredOn(r -> r.requirements().contains("BO-ORDER-1"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.outcome().name()).isEqualTo("PASS");
                    assertThat(r.matchesBaseline()).isFalse();
                    assertThat(r.result().baseline()).isEqualTo("FAIL");
                });
        // everything else of this correct target matches its (otherwise empty) baseline
        assertThat(results).filteredOn(r -> !r.requirements().contains("BO-ORDER-1"))
                .allSatisfy(r -> assertThat(r.matchesBaseline()).as(r.toString()).isTrue());
    }

    @Test
    void theFailureMessageSaysWhatToChange() {
        PublishedResult newFailure = judged(Outcome.FAIL, Outcome.PASS, null, "wrote 67 45 23 01");
        assertThat(Judge.mismatch(newFailure, null)).hasMessageContaining("[lib] BO-ORDER-1 observed FAIL, expected PASS")
                .hasMessageContaining("record it in its baseline (netconform/baselines/lib.tsv; for a URL or a target of your own: --baseline FILE / -Dnetconform.baseline=FILE)")
                .hasMessageContaining("BO-ORDER-1@x  FAIL  <one line of why>");
        PublishedResult stale = judged(Outcome.PASS, Outcome.FAIL, "wrote LE", null);
        assertThat(Judge.mismatch(stale, null)).hasMessageContaining("baseline (netconform/baselines/lib.tsv) expects FAIL (wrote LE)")
                .hasMessageContaining("no longer occurs");
        assertThat(Judge.mismatch(judged(Outcome.FAIL, Outcome.FAIL, "wrote LE", null), null)).isNull();
    }

    private static PublishedResult judged(Outcome outcome, Outcome baseline, String why, String reason) {
        return new PublishedResult("lib", "d", new CaseResult(List.of("BO-ORDER-1"), "ByteOrderScenarios.x", null,
                outcome.name(), baseline.name(), why, outcome == baseline, null, null, reason, null, null, 1L, null, true));
    }

    @Test
    void malformedBaselinesAreRefusedWithFileAndLine() {
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "# c\nBO-ORDER-1 FAIL\n"))
                .hasMessage("b.tsv:2: a baseline line is 'ID[@test] OUTCOME why', got: BO-ORDER-1 FAIL");
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "BO-ORDER-1 BROKEN why\n"))
                .hasMessage("b.tsv:1: unknown outcome 'BROKEN'; outcomes: PASS, FAIL, NON_STRICT, INFORMATIONAL, UNSUPPORTED, ERROR");
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "BO-ORDER-1 NON-STRICT why\n"))
                .hasMessageStartingWith("b.tsv:1: unknown outcome 'NON-STRICT' (did you mean NON_STRICT?)");
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "BO-ORDER-1 FAIL a\nBO-ORDER-1 FAIL b\n"))
                .hasMessage("b.tsv:2: BO-ORDER-1 is listed twice (first at line 1)");
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "\nWS-CLOSE-99 FAIL a\n"))
                .hasMessageStartingWith("b.tsv:2: no requirement WS-CLOSE-99 in the spec");
        assertThatThrownBy(() -> Baseline.parse("b.tsv", "BO-ORDR-1@x FAIL a\n"))
                .hasMessage("b.tsv:1: no requirement BO-ORDR-1 in the spec (did you mean BO-ORDER-1?)");
    }
}
