package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateTest {
    private static CaseResult result(String outcome) {
        return new CaseResult(List.of("BO-ORDER-1"), "t", "id", outcome, null, null, null, null, null, null, null,
                null, null, null);
    }

    @Test
    void worstOutcomeWinsInDocumentedOrder() {
        List<String> order = List.of("PASS", "INFORMATIONAL", "UNSUPPORTED", "NON_STRICT", "ERROR", "FAIL");
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j <= i; j++) {
                assertThat(Aggregate.worst(List.of(result(order.get(i)), result(order.get(j)))).name())
                        .isEqualTo(order.get(i));
            }
        }
    }

    @Test
    void mixedCellsShowCounts() {
        Views.Cell cell = Aggregate.cell(List.of(result("PASS"), result("UNSUPPORTED"), result("PASS"), result("PASS")), "x");
        assertThat(cell.label()).isEqualTo("UNSUPPORTED");
        assertThat(cell.counts()).isEqualTo("PASS 3 · UNSUPPORTED 1");
        assertThat(cell.css()).isEqualTo("o-unsupported");
    }

    @Test
    void noResultIsNotRun() {
        Views.Cell cell = Aggregate.cell(List.of(), "x");
        assertThat(cell.notRun()).isTrue();
        assertThat(cell.label()).isEqualTo("not run");
    }

    @Test
    void cellsOfOneOutcomeShowNoCounts() {
        Views.Cell cell = Aggregate.cell(List.of(result("PASS"), result("PASS")), "x");
        assertThat(cell.label()).isEqualTo("PASS");
        assertThat(cell.counts()).isEmpty();
        assertThat(cell.mixed()).isFalse();
    }
}
