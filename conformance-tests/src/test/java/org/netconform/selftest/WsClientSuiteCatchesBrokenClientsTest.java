package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client suite passes the reference client and catches each broken client with the intended ID. */
class WsClientSuiteCatchesBrokenClientsTest {
    private static final String SUITES = "org.netconform.suites.wsclient";

    @Test
    void referenceClientPassesEveryRequirementItIsJudgedOn() {
        List<SuiteRun.Result> results = SuiteRun.run(SUITES, "reference");
        results.stream().filter(r -> !r.outcome().equals("PASS")).forEach(r -> System.out.println("  " + r));
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(results).extracting(r -> r.requirements().get(0))
                .contains("WS-HS-16", "WS-MASK-1", "WS-MASK-7", "WS-FRAME-2", "WS-CLOSE-11", "WS-UTF8-2");
    }
}
