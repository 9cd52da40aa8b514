package org.netconform.reports;

import org.netconform.harness.result.CaseResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.reports.Fixtures.UDP_FAIL_WHY;
import static org.netconform.reports.Fixtures.UDP_ONLY;

/** Areas a target covers: per-area columns, draft areas, the deviations page, the printed summary. */
class CoverageReportTest {
    @TempDir
    Path reportDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void run() {
        ConformanceReportListener l = new ConformanceReportListener(() -> reportDir, Fixtures::catalog,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        l.testPlanExecutionStarted(null);
        Fixtures.publishTwoTargets(l);
        Fixtures.publishUdpOnly(l);
        l.testPlanExecutionFinished(null);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private Document html(String relative) throws IOException {
        return Jsoup.parse(reportDir.resolve(relative).toFile(), "UTF-8");
    }

    private static List<String> heads(Document doc, String css) {
        return doc.select(css).eachText();
    }

    @Test
    void resultsJsonSaysWhetherTheAreaIsCovered() throws IOException {
        JsonNode udp = new ObjectMapper().readTree(reportDir.resolve(UDP_ONLY + "/results.json").toFile());
        for (JsonNode r : udp.get("results")) {
            boolean byteOrder = r.get("requirements").get(0).asText().startsWith("BO-");
            assertThat(r.get("covered").isBoolean()).isTrue();
            assertThat(r.get("covered").asBoolean()).isEqualTo(!byteOrder);
        }
        // not reported: absent, and read as covered
        JsonNode netty = new ObjectMapper().readTree(reportDir.resolve("netty/results.json").toFile());
        assertThat(netty.get("results").get(0).has("covered")).isFalse();
        assertThat(ResultsJson.read(reportDir.resolve("netty/results.json")).results())
                .allMatch(CaseResult::inCoveredArea);
    }

    @Test
    void eachAreaHasOnlyItsCoveringTargetsAsColumns() throws IOException {
        Document index = html("index.html");

        assertThat(heads(index, "#area-byte-order table.matrix thead th")).containsExactly("requirement", "level",
                "text", "reference", "netty").doesNotContain(UDP_ONLY);
        assertThat(heads(index, "#area-udp-connect table.matrix thead th")).containsExactly("requirement", "level",
                "text", UDP_ONLY);
        assertThat(index.getElementById("BO-ORDER-1").select("td.cell")).hasSize(2);
        assertThat(index.getElementById("UDP-CONNECT-1").select("td.cell")).hasSize(1);
        // an area nobody covers says so in one line, without a table
        Element ws = index.getElementById("area-websocket");
        assertThat(ws.select("table")).isEmpty();
        assertThat(ws.text()).contains("No target covers websocket");

        // the summary, per area, has the same columns
        assertThat(summaryArea(index, "byte-order").select("thead th").eachText())
                .containsExactly("level", "req.", "reference", "netty");
        assertThat(summaryArea(index, "udp-connect").select("thead th").eachText())
                .containsExactly("level", "req.", UDP_ONLY);
        assertThat(summaryArea(index, "websocket").text()).contains("No target covers websocket");

        // the overview says which areas each target covers
        Element udpRow = index.select("table.targets tbody tr").stream()
                .filter(r -> r.child(0).text().equals(UDP_ONLY)).findFirst().orElseThrow();
        assertThat(udpRow.child(2).text()).isEqualTo("udp-connect");
        assertThat(udpRow.child(3).text()).isEqualTo("3");
        assertThat(udpRow.child(4).text()).isEqualTo("2");
    }

    private static Element summaryArea(Document index, String area) {
        return index.select(".summary-area").stream().filter(d -> d.selectFirst("h3").text().startsWith(area))
                .findFirst().orElseThrow(() -> new AssertionError("no summary for " + area));
    }

    @Test
    void draftAreasCarryABadgeAndTheirNote() throws IOException {
        assertThat(Fixtures.catalog().draftAreas()).contains("udp-connect").doesNotContain("byte-order");
        Document index = html("index.html");

        Element udpHeading = index.getElementById("area-udp-connect").selectFirst("h3");
        assertThat(udpHeading.select(".badge.draft").text()).isEqualTo("draft");
        assertThat(udpHeading.text()).contains("suites incomplete: untested requirements show as not run");
        assertThat(summaryArea(index, "udp-connect").select("h3 .badge.draft")).hasSize(1);
        assertThat(index.getElementById("area-byte-order").select(".badge.draft")).isEmpty();
        assertThat(summaryArea(index, "byte-order").select(".badge.draft")).isEmpty();
        assertThat(html("requirements/UDP-CONNECT-1.html").select(".badge.draft")).hasSize(1);
    }

    @Test
    void countsShowOnlyInMixedCells() throws IOException {
        Document index = html("index.html");

        Element twoPasses = index.getElementById("UDP-CONNECT-1").selectFirst("td.cell");
        assertThat(twoPasses.text()).isEqualTo("PASS");
        assertThat(twoPasses.select("small")).isEmpty();
        Element mixed = index.getElementById("BO-ORDER-1").select("td.cell").get(1);
        assertThat(mixed.select("small").text()).isEqualTo("PASS 1 · UNSUPPORTED 1");
    }

    @Test
    void notCoveredResultsAreLeftOutOfTheCounts() throws IOException {
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("netconform: " + UDP_ONLY + ": does not conform (1 MUST failure); 3 results, PASS 2, FAIL 1, NON_STRICT 0, "
                + "INFORMATIONAL 0, UNSUPPORTED 0, ERROR 0; 0 differ from the baseline; 2 not covered");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("netconform: 5 results differ from the baselines in total");
        assertThat(lines.get(lines.size() - 1)).startsWith("netconform report: file://");

        Document index = html("index.html");
        assertThat(summaryArea(index, "udp-connect").select("tbody tr").eachText())
                .anyMatch(t -> t.startsWith("MUST") && t.contains("PASS 1") && t.contains("FAIL 1"))
                .noneMatch(t -> t.contains("UNSUPPORTED"));
        assertThat(summaryArea(index, "byte-order").text()).doesNotContain(UDP_ONLY);
    }

    @Test
    void deviationsListWhatEachTargetReallyDoes() throws IOException {
        Document index = html("index.html");
        assertThat(index.select("a[href=deviations.html]")).isNotEmpty();
        Document dev = html("deviations.html");

        Element udp = dev.getElementById("target-" + UDP_ONLY);
        assertThat(udp.select("table.deviations tbody tr")).hasSize(1);
        Element fail = udp.selectFirst("table.deviations tbody tr");
        assertThat(fail.child(0).select("a").attr("href")).isEqualTo("requirements/UDP-CONNECT-2.html#target-" + UDP_ONLY);
        assertThat(fail.child(1).text()).isEqualTo("UdpSuite.connectDropsQueued");
        assertThat(fail.child(2).text()).isEqualTo("FAIL");
        assertThat(fail.child(3).text()).isEqualTo(UDP_FAIL_WHY);
        // the first line only
        assertThat(fail.child(4).text()).isEqualTo("observed: a datagram from another peer was received");
        // not-covered UNSUPPORTED results are not deviations
        assertThat(udp.text()).doesNotContain("declares no ByteOrder adapter");

        Element netty = dev.getElementById("target-netty");
        assertThat(netty.select("table.deviations tbody tr").eachText())
                .anyMatch(t -> t.contains("BO-VIEW-1") && t.contains("NON_STRICT") && t.contains("slices revert to big-endian"))
                .anyMatch(t -> t.contains("BO-WIDTH-2") && t.contains("FAIL") && t.contains("≠ baseline")
                        && t.contains("truncated to 0x34"))
                .anyMatch(t -> t.contains("UNSUPPORTED") && t.contains("adapter declares no endpoint layer"))
                .anyMatch(t -> t.contains("ERROR") && t.contains("timeout after 5 s"))
                .noneMatch(t -> t.contains("PASS") || t.contains("INFORMATIONAL"));
        assertThat(dev.getElementById("target-reference").select("tbody tr")).hasSize(1);
    }

    @Test
    void requirementPagesShowOnlyCoveringTargets() throws IOException {
        Document page = html("requirements/BO-ORDER-1.html");
        assertThat(page.getElementById("target-netty")).isNotNull();
        assertThat(page.getElementById("target-" + UDP_ONLY)).isNull();
        assertThat(page.select(".not-covering").text()).contains(UDP_ONLY).doesNotContain("netty");

        Document ws = html("requirements/WS-FRAME-1.html");
        assertThat(ws.text()).contains("No target covers the websocket area");
        assertThat(ws.select("a").eachAttr("href")).contains("../index.html#area-websocket");
    }

    @Test
    void specTablesKeepTheirLines() throws IOException {
        Document page = html("requirements/BO-VEC-1.html");
        Element table = page.selectFirst("blockquote.spec-text table.spec-table");
        assertThat(table).isNotNull();
        assertThat(table.select("thead th").eachText()).containsExactly("width", "value", "octets");
        assertThat(table.select("tbody tr")).hasSizeGreaterThan(5);
        assertThat(table.select("tbody tr").first().select("td").eachText()).containsExactly("u8", "0xFF", "`FF`");
        assertThat(page.select("blockquote.spec-text p.lines").text()).startsWith("The following vectors");

        String shortText = html("index.html").getElementById("BO-VEC-1").child(2).text();
        assertThat(shortText).isEqualTo("The following vectors hold both ways (write the value, read the octets):");
    }
}
