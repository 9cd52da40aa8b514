package org.netconform.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netconform.reports.Fixtures.HOSTILE_ATTR;
import static org.netconform.reports.Fixtures.HOSTILE_SCRIPT;

class ConformanceReportListenerTest {
    @TempDir
    Path reportDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ConformanceReportListener listener;

    @BeforeEach
    void setUp() {
        listener = listener(reportDir);
    }

    private ConformanceReportListener listener(Path dir) {
        return new ConformanceReportListener(() -> dir, Fixtures::catalog,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void runTwoTargets() {
        listener.testPlanExecutionStarted(null);
        Fixtures.publishTwoTargets(listener);
        listener.testPlanExecutionFinished(null);
        assertThat(err()).isEmpty();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Document html(String relative) throws IOException {
        Path file = reportDir.resolve(relative);
        return Jsoup.parse(file.toFile(), "UTF-8");
    }

    private Element matrixRow(Document index, String id) {
        Element row = index.getElementById(id);
        assertThat(row).as("matrix row " + id).isNotNull();
        return row;
    }

    @Test
    void writesResultsJsonPerTarget() throws IOException {
        runTwoTargets();

        ObjectMapper json = new ObjectMapper();
        JsonNode ref = json.readTree(reportDir.resolve("reference/results.json").toFile());
        assertThat(ref.get("schema").asInt()).isEqualTo(1);
        assertThat(ref.get("target").asText()).isEqualTo("reference");
        assertThat(ref.get("targetDescription").asText()).isEqualTo("reference adapter");
        assertThat(ref.get("generatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(ref.get("results")).hasSize(4);

        JsonNode roundTrip = findByTest(ref, "ByteOrderSuite.roundTrips");
        assertThat(roundTrip.get("requirements")).extracting(JsonNode::asText).containsExactly("BO-ORDER-2", "BO-ORDER-3");
        assertThat(roundTrip.get("outcome").asText()).isEqualTo("PASS");
        assertThat(roundTrip.get("seed").asText()).isEqualTo("-4711");
        assertThat(roundTrip.get("counterexample").asText()).isEqualTo("u16 0x8081");
        assertThat(roundTrip.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(roundTrip.get("durationMs").asLong()).isEqualTo(7);
        assertThat(roundTrip.get("testId").asText()).contains("[method:ByteOrderSuite.roundTrips]");
        assertThat(roundTrip.has("wireLog")).isFalse();

        JsonNode wire = findByTest(ref, "ByteOrderSuite.writesNetworkOrder");
        assertThat(wire.get("wireLog").asText()).isEqualTo("-> 01 23 45 67\n<- ok");
        assertThat(wire.get("expected").asText()).isEqualTo("01 23 45 67");

        JsonNode netty = json.readTree(reportDir.resolve("netty/results.json").toFile());
        assertThat(netty.get("results")).hasSize(8);
        JsonNode fail = findByTest(netty, "ByteOrderSuite.refusesOverflow");
        assertThat(fail.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(fail.get("baseline").asText()).isEqualTo("PASS");
        assertThat(fail.get("matchesBaseline").isBoolean()).isTrue();
        assertThat(fail.get("matchesBaseline").asBoolean()).isFalse();
        JsonNode view = findByTest(netty, "ByteOrderSuite.sliceKeepsOrder");
        assertThat(view.get("baselineWhy").asText()).isEqualTo("slices revert to big-endian");
        assertThat(findByTest(netty, "Hostile." + HOSTILE_SCRIPT + HOSTILE_ATTR).get("observed").asText())
                .isEqualTo(HOSTILE_SCRIPT + HOSTILE_ATTR);

        // the typed model reads back what was written
        assertThat(ResultsJson.readAll(reportDir, System.err)).extracting(TargetResults::target)
                .containsExactly("reference", "netty");
    }

    private static JsonNode findByTest(JsonNode file, String test) {
        for (JsonNode r : file.get("results")) {
            if (r.get("test").asText().equals(test)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + test);
    }

    @Test
    void printsSummaryWithIndexPath() {
        runTwoTargets();

        Path index = reportDir.resolve("index.html").toAbsolutePath();
        assertThat(index).isRegularFile();
        List<String> lines = out().lines().toList();
        assertThat(lines).contains("netconform report: file://" + index);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("netconform report: file://" + index);
        assertThat(lines).contains("netconform: netty: does not conform (2 MUST failures, 1 ERROR); 8 results, PASS 2, FAIL 2, NON_STRICT 1, "
                + "INFORMATIONAL 1, UNSUPPORTED 1, ERROR 1; 4 differ from the baseline; 0 not covered");
        assertThat(lines).anyMatch(l -> l.startsWith("netconform: reference: conforms except SHOULDs (1 SHOULD not followed); 4 results, PASS 2, FAIL 0, NON_STRICT 1"));
        assertThat(lines).contains("netconform: 5 results differ from the baselines in total");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        runTwoTargets();

        List<Path> pages;
        try (Stream<Path> files = Files.walk(reportDir)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        // index, info, deviations, failures, one per covered area (byte-order) and per target (2), one page per
        // requirement of the spec, and two for the IDs not in the spec
        assertThat(pages).hasSize(4 + 1 + 2 + Fixtures.catalog().all().size() + 2);
        int links = 0;
        for (Path page : pages) {
            Document doc = Jsoup.parse(page.toFile(), "UTF-8");
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href");
                if (href.startsWith("https://www.rfc-editor.org/rfc/") || href.startsWith("https://man7.org/linux/man-pages/")) {
                    continue; // a requirement's source: the RFC section or man page
                }
                assertThat(href).as(page + ": " + href).doesNotContain(":").doesNotStartWith("/");
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                assertThat(target).as(page + " links to " + href).isRegularFile();
                assertThat(target.startsWith(reportDir)).as(page + " links outside: " + href).isTrue();
                if (hash >= 0) {
                    String fragment = href.substring(hash + 1);
                    Document linked = Jsoup.parse(target.toFile(), "UTF-8");
                    assertThat(linked.getElementById(fragment)).as(page + " links to a missing anchor " + href).isNotNull();
                }
                links++;
            }
        }
        assertThat(links).isGreaterThan(100);
    }

    @Test
    void hostileStringsAreEscaped() throws IOException {
        runTwoTargets();

        try (Stream<Path> files = Files.walk(reportDir)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(page.toFile(), "UTF-8");
                // the filter's own static script file, nothing inline
                assertThat(doc.select("script").stream().filter(x -> !x.attr("src").endsWith("filter.js") || !x.data().isEmpty()))
                        .as(page.toString()).isEmpty();
                assertThat(doc.select("img")).as(page.toString()).isEmpty();
                assertThat(doc.select("[onerror]")).as(page.toString()).isEmpty();
            }
        }
        Document page = html("requirements/BO-WIDTH-1.html");
        assertThat(page.select(".result h3").text()).contains("Hostile." + HOSTILE_SCRIPT + HOSTILE_ATTR);
        assertThat(page.select(".result pre").eachText()).contains(HOSTILE_SCRIPT + HOSTILE_ATTR, HOSTILE_ATTR);
        assertThat(Files.readString(reportDir.resolve("requirements/BO-WIDTH-1.html")))
                .doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void matrixShowsAggregatesBaselineMarksNotRunAndWithdrawn() throws IOException {
        runTwoTargets();
        Document index = html("index.html");

        assertThat(index.select("#area-byte-order table.matrix thead th").eachText())
                .containsExactly("requirement", "level", "text", "reference", "netty");
        // every requirement of a covered area has a row; areas no target covers have none
        for (var r : Fixtures.catalog().all()) {
            if (r.area().equals("byte-order")) {
                matrixRow(index, r.id());
            } else {
                assertThat(index.getElementById(r.id())).as(r.id()).isNull();
            }
        }
        Elements cells = cells(index, "BO-ORDER-1");
        assertThat(cells.get(0).text()).isEqualTo("PASS");
        assertThat(cells.get(0).hasClass("o-pass")).isTrue();
        assertThat(cells.get(1).text()).contains("UNSUPPORTED").contains("PASS 1 · UNSUPPORTED 1").contains("≠ baseline");
        assertThat(cells.get(1).hasClass("o-unsupported")).isTrue();

        Elements view = cells(index, "BO-VIEW-1");
        assertThat(view.get(0).text()).isEqualTo("not run");
        assertThat(view.get(0).hasClass("o-not-run")).isTrue();
        assertThat(view.get(1).text()).contains("NON_STRICT").contains("baseline").doesNotContain("≠");

        assertThat(cells(index, "BO-WIDTH-2").get(1).text()).contains("FAIL").contains("≠ baseline");
        assertThat(cells(index, "BO-LE-1").get(1).hasClass("o-error")).isTrue();
        assertThat(cells(index, "BO-TRUNC-1").eachText()).containsExactly("not run", "not run");

        Element withdrawn = matrixRow(index, Fixtures.WITHDRAWN_ID);
        assertThat(withdrawn.hasClass("withdrawn")).isTrue();
        assertThat(withdrawn.text()).contains("withdrawn").contains("superseded by BO-ORDER-1");

        // IDs that tests name but the spec lacks get rows and safe page names
        assertThat(matrixRow(index, "BO-NOPE-9").select("a").first().attr("href")).isEqualTo("requirements/BO-NOPE-9.html");
        assertThat(matrixRow(index, "../../evil id").select("a").first().attr("href"))
                .matches("requirements/x-[0-9a-f]+\\.html");

        // summary per area and level, and the legend
        assertThat(summaryArea(index, "byte-order").select("tbody tr").eachText())
                .anyMatch(t -> t.startsWith("MUST") && t.contains("FAIL 2") && t.contains("not run"));
        assertThat(index.select("table.legend").text()).contains("PASS", "FAIL", "NON_STRICT", "INFORMATIONAL",
                "UNSUPPORTED", "ERROR", "not run", "≠ baseline");
    }

    private static Element summaryArea(Document index, String area) {
        return index.select(".summary-area").stream().filter(d -> d.selectFirst("h3").text().startsWith(area))
                .findFirst().orElseThrow(() -> new AssertionError("no summary for " + area));
    }

    private Elements cells(Document index, String id) {
        return matrixRow(index, id).select("td.cell");
    }

    @Test
    void requirementPageShowsEveryResult() throws IOException {
        runTwoTargets();
        Document page = html("requirements/BO-ORDER-1.html");

        assertThat(page.select("a[href='../index.html#BO-ORDER-1']")).isNotEmpty();
        assertThat(page.select("dl.fields").first().text()).contains("MUST", "writer", "codec", "RFC 791",
                "byte-order.md:13");
        Element netty = page.getElementById("target-netty");
        assertThat(netty).isNotNull();
        assertThat(page.select(".result")).hasSize(3);
        assertThat(page.select("pre.wirelog").text()).contains("-> 01 23 45 67");
        assertThat(page.text()).contains("adapter declares no endpoint layer");

        Document roundTrip = html("requirements/BO-ORDER-3.html");
        assertThat(roundTrip.text()).contains("-4711", "u16 0x8081", "7 ms");
        assertThat(roundTrip.select("a[href='BO-ORDER-2.html']")).isNotEmpty();
        Document truncation = html("requirements/BO-TRUNC-1.html");
        assertThat(truncation.text()).contains("not run");
    }

    @Test
    void infoTableShowsObservedValuesSideBySide() throws IOException {
        runTwoTargets();
        Document info = html("info.html");

        assertThat(info.select("#area-byte-order table.info thead th").eachText())
                .containsExactly("requirement", "text", "reference", "netty");
        Element row = info.select("#area-byte-order table.info tbody tr").stream()
                .filter(r -> r.select("td").first().text().startsWith("BO-INFO-1")).findFirst().orElseThrow();
        var cells = row.select("td");
        assertThat(cells.get(2).select("pre").text()).isEqualTo("throws IllegalArgumentException");
        assertThat(cells.get(3).select("pre").text()).isEqualTo("truncates to the low octets");
    }

    @Test
    void aLaterRunReplacesTheReportSoNoStaleTargetShowsUp() throws IOException {
        runTwoTargets();
        ConformanceReportListener second = listener(reportDir);
        second.testPlanExecutionStarted(null);
        Fixtures.publish(second, "ws://127.0.0.1:9001/", "BO-ORDER-1", "ByteOrderSuite.writesNetworkOrder", "PASS");
        second.testPlanExecutionFinished(null);

        try (Stream<Path> dirs = Files.list(reportDir)) {
            assertThat(dirs.filter(d -> Files.isRegularFile(d.resolve("results.json"))).count()).isEqualTo(1);
        }
        assertThat(reportDir.resolve("summary.json")).content().contains("ws://127.0.0.1:9001/").doesNotContain("\"netty\"");
        assertThat(html("index.html").text()).doesNotContain("netty");
    }

    @Test
    void aDirectoryOfOtherFilesIsNeverReplaced() throws IOException {
        Path mine = reportDir.resolve("user-files");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ReportDirectory.replace(mine)).hasMessageContaining("holds no netconform report");
        assertThat(mine.resolve("notes.txt")).exists();
    }

    @Test
    void doesNothingWithoutEntries() throws IOException {
        listener.testPlanExecutionStarted(null);
        listener.reportingEntryPublished(Fixtures.test("Other.thing"), org.junit.platform.engine.reporting.ReportEntry.from("key", "v"));
        listener.testPlanExecutionFinished(null);

        try (Stream<Path> files = Files.list(reportDir)) {
            assertThat(files).isEmpty();
        }
        assertThat(out()).isEmpty();
        assertThat(err()).isEmpty();
    }

    @Test
    void neverThrowsIntoTheLauncher() throws IOException {
        Path notADirectory = Files.writeString(reportDir.resolve("file"), "x");
        ConformanceReportListener broken = listener(notADirectory);
        broken.testPlanExecutionStarted(null);
        Fixtures.publishTwoTargets(broken);
        broken.testPlanExecutionFinished(null);

        assertThat(err()).contains("netconform: cannot write the conformance report");
    }
}
