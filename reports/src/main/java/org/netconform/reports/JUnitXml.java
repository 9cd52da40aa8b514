package org.netconform.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.Outcome;

/**
 * {@code <reportDir>/junit/TEST-netconform-<target>.xml}: the JUnit XML of conformance, not of baseline
 * drift. One test case per requirement and target, named {@code target · requirement · case}: FAIL is a
 * failure, NON_STRICT a failure only in strict mode (else a pass with a note), UNSUPPORTED a skip with its
 * reason, ERROR an error; a known deviation carries its baseline reason. Results of areas the target
 * offers no adapter for are left out: they say nothing about it.
 */
public final class JUnitXml {
    public static final String DIR = "junit";

    private JUnitXml() {
    }

    private record Case(String name, String classname, double seconds, Outcome outcome, String message, String detail,
                        String baselineWhy) {
    }

    public static List<Path> write(Path reportDir, List<TargetResults> targets, boolean strict) throws IOException {
        Path dir = reportDir.resolve(DIR);
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (TargetResults t : targets) {
            Path f = dir.resolve("TEST-netconform-" + SafeNames.targetDir(t.target()) + ".xml");
            write(f, t, strict);
            out.add(f);
        }
        return out;
    }

    static void write(Path file, TargetResults t, boolean strict) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (CaseResult r : t.results()) {
            if (!r.inCoveredArea()) {
                continue;
            }
            String test = r.test() == null ? "?" : r.test();
            for (String id : r.requirements().isEmpty() ? List.of("?") : r.requirements()) {
                String known = r.matchesListedDeviation() ? r.baselineWhy() : null;
                String detail = join(r.expected() == null ? null : "expected: " + r.expected(),
                        r.observed() == null ? null : "observed: " + r.observed(),
                        r.reason() == null ? null : "reason: " + r.reason(),
                        r.seed() == null ? null : "seed: " + r.seed(),
                        r.counterexample() == null ? null : "counterexample: " + r.counterexample(),
                        known == null ? null : "known deviation (baseline): " + known,
                        r.differsFromBaseline() ? "differs from the baseline, which expects " + r.baseline() : null);
                String message = r.judged().name() + (known != null ? " (known deviation: " + known + ")" : "")
                        + (r.reason() != null ? ": " + firstLine(r.reason()) : r.observed() != null ? ": " + firstLine(r.observed()) : "");
                cases.add(new Case(t.target() + " · " + id + " · " + test,
                        "netconform." + SafeNames.targetDir(t.target()) + "." + id.toLowerCase(Locale.ROOT).split("-")[0],
                        r.durationMs() == null ? 0 : r.durationMs() / 1000.0, r.judged(), message, detail, known));
            }
        }
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double time = 0;
        for (Case c : cases) {
            time += c.seconds();
            switch (c.outcome()) {
                case FAIL -> failures++;
                case NON_STRICT -> failures += strict ? 1 : 0;
                case ERROR -> errors++;
                case UNSUPPORTED -> skipped++;
                default -> {
                }
            }
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "netconform · " + clean(t.target()));
            w.writeAttribute("tests", Integer.toString(cases.size()));
            w.writeAttribute("failures", Integer.toString(failures));
            w.writeAttribute("errors", Integer.toString(errors));
            w.writeAttribute("skipped", Integer.toString(skipped));
            w.writeAttribute("time", String.format(Locale.ROOT, "%.3f", time));
            if (t.generatedAt() != null) {
                w.writeAttribute("timestamp", t.generatedAt());
            }
            w.writeCharacters("\n");
            w.writeStartElement("properties");
            property(w, "target", t.target());
            property(w, "description", t.targetDescription());
            property(w, "verdict", Verdict.of(t.results()).text());
            property(w, "strict", Boolean.toString(strict));
            w.writeEndElement();
            w.writeCharacters("\n");
            for (Case c : cases) {
                w.writeStartElement("testcase");
                w.writeAttribute("name", clean(c.name()));
                w.writeAttribute("classname", clean(c.classname()));
                w.writeAttribute("time", String.format(Locale.ROOT, "%.3f", c.seconds()));
                String kind = switch (c.outcome()) {
                    case FAIL -> "failure";
                    case NON_STRICT -> strict ? "failure" : null;
                    case ERROR -> "error";
                    case UNSUPPORTED -> "skipped";
                    default -> null;
                };
                if (kind != null) {
                    w.writeStartElement(kind);
                    w.writeAttribute("message", clean(c.message()));
                    if (!kind.equals("skipped")) {
                        w.writeAttribute("type", c.outcome().name());
                    }
                    if (c.detail() != null) {
                        w.writeCharacters(clean(c.detail()));
                    }
                    w.writeEndElement();
                } else if (c.detail() != null && (c.outcome() == Outcome.NON_STRICT || c.outcome() == Outcome.INFORMATIONAL)) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(clean(c.message() + "\n" + c.detail()));
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                b.append(b.length() == 0 ? "" : "\n").append(p);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String firstLine(String s) {
        String x = s.strip();
        int nl = x.indexOf('\n');
        x = nl >= 0 ? x.substring(0, nl) : x;
        return x.length() > 300 ? x.substring(0, 299) + "…" : x;
    }

    /** Only the characters XML 1.0 allows; others (a target's control octets) become U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            b.appendCodePoint(ok ? c : 0xFFFD);
        });
        return b.toString();
    }
}
