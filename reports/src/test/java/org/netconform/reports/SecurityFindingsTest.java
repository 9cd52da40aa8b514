package org.netconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.harness.result.CaseResult;
import org.netconform.spec.SpecCatalog;

/** Security findings are a section of the index page and a list in summary.json, apart from the verdicts. */
class SecurityFindingsTest {
    @TempDir
    Path reportDir;

    static CaseResult result(String id, String outcome, String observed, String reason) {
        return new CaseResult(List.of(id), "ServerSecurityScenarios.t" + id, "id-" + id, outcome, outcome, null, true,
                "recorded", observed, reason, null, null, 1L, null);
    }

    @Test
    void findingsAreShownOnTheIndexAndListedInSummaryJson() throws Exception {
        TargetResults seed = new TargetResults(1, "seed-gorilla", "the seed", Instant.EPOCH.toString(), List.of(
                result("WS-SEC-5", "INFORMATIONAL", "SECURITY FINDING: accepts Origin: http://evil.example (any Origin)\n"
                        + "S.3.1 ...: accepted (101)", null),
                result("WS-SEC-7", "INFORMATIONAL", "no finding: every unmasked frame failed the connection", null),
                result("WS-FRAME-8", "PASS", "SECURITY FINDING: not a WS-SEC requirement, so not a finding", null)));
        TargetResults ref = new TargetResults(1, "reference", "in-tree", Instant.EPOCH.toString(), List.of(
                result("WS-SEC-5", "INFORMATIONAL", "no finding: a cross-site Origin and Origin: null are refused", null),
                result("WS-SEC-3", "FAIL", "1 of 2 cases as required", "S.3.1 Origin: http://evil.example: answered 101")));

        List<SecurityFindings.Finding> found = SecurityFindings.of(List.of(seed, ref));
        assertThat(found).extracting(SecurityFindings.Finding::target, SecurityFindings.Finding::requirement)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("seed-gorilla", "WS-SEC-5"),
                        org.assertj.core.groups.Tuple.tuple("reference", "WS-SEC-3"));
        assertThat(found.get(0).finding()).isEqualTo("accepts Origin: http://evil.example (any Origin)");

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new ReportPublisher(SpecCatalog.bundled(), quiet, quiet).publish(reportDir, List.of(seed, ref));
        String index = Files.readString(reportDir.resolve("index.html"));
        assertThat(index).contains("<h2>Security findings</h2>").contains("accepts Origin: http://evil.example (any Origin)")
                .doesNotContain("not a WS-SEC requirement");
        String summary = Files.readString(reportDir.resolve(SummaryJson.FILE_NAME));
        assertThat(summary).contains("\"securityFindings\"").contains("\"requirement\" : \"WS-SEC-5\"");
    }
}
