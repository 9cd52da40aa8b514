package org.netconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netconform.harness.result.CaseResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit XML says whether a target conforms (not whether it drifted from its baseline), and the verdicts. */
class JUnitXmlAndVerdictTest {

    private static CaseResult r(String id, String test, String outcome, String baseline, String why) {
        return new CaseResult(List.of(id), test, "[engine:x]/" + test, outcome, baseline, why, outcome.equals(baseline),
                null, "seen " + outcome, "because \u0001" + outcome, null, null, 1500L, null, true);
    }

    private static final TargetResults T = new TargetResults(1, "lib", "a library", "2026-01-01T00:00:00Z", List.of(
            r("BO-ORDER-1", "S.pass", "PASS", "PASS", null),
            r("BO-ORDER-3", "S.listed", "FAIL", "FAIL", "signed getters"),
            r("BO-EXTRA-1", "S.should", "NON_STRICT", "PASS", null),
            r("BO-VIEW-1", "S.skip", "UNSUPPORTED", "UNSUPPORTED", null),
            r("BO-VEC-1", "S.error", "ERROR", "PASS", null)));

    private static Element testcase(Document d, String name) {
        var list = d.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no test case " + name);
    }

    private static Document parse(Path f) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
    }

    @Test
    void conformanceNotDriftAndNonStrictFailsOnlyWhenStrict(@TempDir Path dir) throws Exception {
        Path plain = JUnitXml.write(dir.resolve("plain"), List.of(T), false).get(0);
        Path strict = JUnitXml.write(dir.resolve("strict"), List.of(T), true).get(0);
        Document d = parse(plain);
        Element suite = d.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element listed = testcase(d, "lib · BO-ORDER-3 · S.listed");
        Element failure = (Element) listed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("FAIL (known deviation: signed getters)");
        assertThat(testcase(d, "lib · BO-EXTRA-1 · S.should").getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) testcase(d, "lib · BO-VIEW-1 · S.skip").getElementsByTagName("skipped").item(0))
                .getAttribute("message")).contains("because");
        assertThat(testcase(d, "lib · BO-VEC-1 · S.error").getElementsByTagName("error").getLength()).isOne();
        assertThat(testcase(d, "lib · BO-ORDER-1 · S.pass").getAttribute("time")).isEqualTo("1.500");
        assertThat(Files.readString(plain)).doesNotContain("\u0001");

        Document s = parse(strict);
        assertThat(s.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(testcase(s, "lib · BO-EXTRA-1 · S.should").getElementsByTagName("failure").getLength()).isOne();
    }

    @Test
    void verdicts() {
        assertThat(Verdict.of(T.results()).text()).isEqualTo("does not conform (1 MUST failure, 1 ERROR)");
        assertThat(Verdict.of(List.of(r("A-1", "a", "PASS", "PASS", null))).kind()).isEqualTo(Verdict.Kind.CONFORMS);
        assertThat(Verdict.of(List.of(r("A-1", "a", "NON_STRICT", "PASS", null))).text())
                .isEqualTo("conforms except SHOULDs (1 SHOULD not followed)");
        assertThat(Verdict.of(List.of(r("A-1", "a", "ERROR", "PASS", null), r("A-2", "b", "PASS", "PASS", null))).text())
                .isEqualTo("incomplete (1 ERROR)");
        assertThat(Verdict.of(List.of(r("A-1", "a", "UNSUPPORTED", "UNSUPPORTED", null))).text())
                .isEqualTo("incomplete (nothing judged)");
        assertThat(Verdict.of(List.of()).kind()).isEqualTo(Verdict.Kind.INCOMPLETE);
    }
}
