package org.netconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.spec.SpecCatalog;

/** A result's grid (ResultMatrix) survives results.json and is drawn cell by cell, each colour with its label. */
class GridReportTest {
    @TempDir
    Path reportDir;

    private static final List<String> SIDES = List.of("EIM+EIF", "ADM+APDF");

    /** A 2 x 2 traversal grid with one cell of each kind but "not run" (ADM+APDF / ADM+APDF is missing). */
    static ResultMatrix traversal() {
        return new ResultMatrix("traversal-udp-virtual", "UDP hole punching", "reference NAT, virtual time",
                "side A", "side B", SIDES, SIDES, List.of(
                new ResultMatrix.Cell("EIM+EIF", "EIM+EIF", "UDP", "yes", "yes", true, null, null, "matrix/a.txt"),
                new ResultMatrix.Cell("EIM+EIF", "ADM+APDF", "UDP", "yes", "no", false, null, "bob never locked",
                        "matrix/b.txt"),
                new ResultMatrix.Cell("ADM+APDF", "EIM+EIF", "UDP", "no", "no", null, "the peers threw <boom>", null,
                        "matrix/c.txt")));
    }

    static CaseResult published(String id, String test, String outcome, ResultMatrix m) {
        return new CaseResult(List.of(id), test, "id-" + test, outcome, outcome, null, true, "e", "o", null, null,
                null, 5L, null, true, "HolePunchingAdapter", null, null, m);
    }

    private Document render(List<TargetResults> targets, String page) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new ReportPublisher(SpecCatalog.bundled(), quiet, quiet).publish(reportDir, targets);
        return Jsoup.parse(Files.readString(reportDir.resolve(page)));
    }

    private static Element cell(Document d, String row, String column) {
        for (Element tr : d.select("table.grid tbody tr")) {
            if (tr.selectFirst("th").text().equals(row)) {
                List<String> cols = d.select("table.grid thead th").eachText();
                return tr.select("td").get(cols.indexOf(column) - 1);
            }
        }
        throw new AssertionError("no row " + row);
    }

    @Test
    void theGridRoundTripsThroughResultsJsonAndThePublishedEntry() throws Exception {
        CaseResult r = published("TRAV-UDP-3", "TraversalMatrixScenarios.udp", "PASS", traversal());
        TargetResults t = new TargetResults(1, "reference", null, Instant.EPOCH.toString(), List.of(r));
        Path file = ResultsJson.write(reportDir, t);
        assertThat(ResultsJson.read(file).results().get(0).matrix()).isEqualTo(traversal());
        assertThat(Files.readString(file)).contains("\"matrix\"").contains("\"agrees\" : false")
                .contains("\"where\" : \"reference NAT, virtual time\"");
        // an error cell has no agrees at all: absent, not false and not true
        assertThat(Files.readString(file)).contains("\"error\" : \"the peers threw <boom>\"");
        PublishedResult entry = new PublishedResult("reference", null, r);
        assertThat(ResultJson.read(ResultJson.write(entry)).result().matrix()).isEqualTo(traversal());
    }

    @Test
    void aDisagreeingCellIsRedAndSaysSoAnErrorCellIsGreyNeverGreen() throws Exception {
        TargetResults t = new TargetResults(1, "reference", null, Instant.EPOCH.toString(),
                List.of(published("TRAV-UDP-3", "TraversalMatrixScenarios.udp", "PASS", traversal()),
                        // a second test publishing the same grid: drawn once
                        published("TRAV-UDP-4", "TraversalMatrixScenarios.udpInfo", "INFORMATIONAL", traversal())));
        Document d = render(List.of(t), GridPages.fileName("traversal-udp-virtual"));

        assertThat(d.select("table.grid")).hasSize(1);
        Element agree = cell(d, "EIM+EIF", "EIM+EIF");
        assertThat(agree.classNames()).contains("g-agree-yes");
        assertThat(agree.text()).contains("agree: yes");
        assertThat(agree.selectFirst("a").attr("href")).isEqualTo("reference/matrix/a.txt");

        Element disagree = cell(d, "EIM+EIF", "ADM+APDF");
        assertThat(disagree.classNames()).contains("g-disagree");
        assertThat(disagree.text()).contains("DISAGREES").contains("predicted yes · observed no");

        Element error = cell(d, "ADM+APDF", "EIM+EIF");
        assertThat(error.classNames()).contains("g-error").noneMatch(c -> c.startsWith("g-agree"));
        assertThat(error.text()).contains("error").contains("the peers threw <boom>").doesNotContain("agree");

        Element notRun = cell(d, "ADM+APDF", "ADM+APDF");
        assertThat(notRun.classNames()).contains("g-not-run").noneMatch(c -> c.startsWith("g-agree"));
        assertThat(notRun.text()).contains("not run");

        assertThat(d.select(".grid-counts").text()).contains("agree: yes: 1").contains("DISAGREES: 1")
                .contains("error: 1").contains("not run: 1");
        // the index and the NAT traversal area section link the grid
        Document index = Jsoup.parse(Files.readString(reportDir.resolve("index.html")));
        assertThat(index.select("#grids ~ ul.grids a").eachAttr("href")).contains("grid-traversal-udp-virtual.html");
        assertThat(index.select("section#area-nat-traversal ul.grids a").eachAttr("href"))
                .contains("grid-traversal-udp-virtual.html");
    }

    @Test
    void gridsWithoutColumnsAreMergedOverTheTargetsAColumnEach() throws Exception {
        ResultMatrix.Cell right = new ResultMatrix.Cell("EIM+EIF, no hairpin", null, "mapping", "EIM", "EIM", true,
                null, null, null);
        ResultMatrix.Cell wrong = new ResultMatrix.Cell("EIM+EIF, no hairpin", null, "mapping", "EIM", "ADM", false,
                null, null, null);
        ResultMatrix ref = new ResultMatrix("discovery-accuracy-virtual", "discovery", "reference NAT, virtual time",
                "NAT", "client", List.of("EIM+EIF, no hairpin"), List.of(), List.of(right));
        ResultMatrix other = new ResultMatrix(ref.id(), ref.title(), ref.where(), "NAT", "client", ref.rows(), List.of(),
                List.of(wrong));
        Document d = render(List.of(
                new TargetResults(1, "reference", null, Instant.EPOCH.toString(),
                        List.of(published("DISC-MAP-2", "D.mapping", "PASS", ref))),
                new TargetResults(1, "other-client", null, Instant.EPOCH.toString(),
                        List.of(published("DISC-MAP-2", "D.mapping", "FAIL", other)))),
                GridPages.fileName("discovery-accuracy-virtual"));

        assertThat(d.select("table.grid")).hasSize(1);
        assertThat(d.select("table.grid thead th").eachText()).containsSubsequence("reference", "other-client");
        Element correct = cell(d, "EIM+EIF, no hairpin", "reference");
        assertThat(correct.classNames()).contains("g-agree-yes");
        assertThat(correct.text()).contains("correct").contains("actual EIM · reported EIM").contains("no log");
        Element wrongCell = cell(d, "EIM+EIF, no hairpin", "other-client");
        assertThat(wrongCell.classNames()).contains("g-disagree");
        assertThat(wrongCell.text()).contains("WRONG").contains("reported ADM");
    }
}
