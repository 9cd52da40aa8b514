package org.netconform.suites.wsserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.netconform.harness.result.ReportFiles;

/**
 * The report's page of each case of one target, {@code cases/<case>.txt} beside the target's results.json:
 * what the case sent, how every requirement that judged this one run labelled it and why, the unsolicited
 * messages, and the whole wire log. One run is judged for several requirements, so the same case shows up
 * on several requirement pages with different labels; its page lists them side by side. Also keeps
 * {@code cases/index.txt}, a line per case. Wire logs live only here, so results.json stays small.
 */
final class CaseFiles {
    static final String DIR = "cases/";
    static final String INDEX = DIR + "index.txt";

    /** The label a requirement gave one case, and why. */
    private record Judged(String requirement, String test, String label, String detail) {
    }

    private static final class Entry {
        CaseRunner.Done done;
        final Map<String, Judged> verdicts = new TreeMap<>();
    }

    private final String target;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    CaseFiles(String target) {
        this.target = target;
    }

    static String path(String caseId) {
        return DIR + ReportFiles.fileName(caseId, ".txt");
    }

    /** Records how {@code requirement} (tested by {@code test}) labelled the case, and rewrites its page. */
    Optional<String> judged(CaseRunner.Done d, String requirement, String test, String label, String detail) {
        Entry e = entries.computeIfAbsent(d.wsCase().id(), k -> new Entry());
        synchronized (e) {
            if (e.done != d) {
                // a case run again (after a crash) starts a fresh page
                if (e.done != null) {
                    e.verdicts.clear();
                }
                e.done = d;
            }
            e.verdicts.put(requirement + " " + test, new Judged(requirement, test, label, detail));
            return ReportFiles.write(target, path(d.wsCase().id()), page(d, e));
        }
    }

    private String page(CaseRunner.Done d, Entry e) {
        StringBuilder b = new StringBuilder();
        WsCase c = d.wsCase();
        b.append("case ").append(c.id()).append(" · ").append(c.title()).append('\n');
        b.append("target ").append(target).append(", ").append(d.ms()).append(" ms");
        if (d.attempt() > 1) {
            b.append(", run ").append(d.attempt()).append(" times (an earlier run was spoiled: the server stopped, or "
                    + "reported that its handler for that connection failed; see the wire log)");
        }
        b.append("\n\n");
        b.append("How each requirement judged this one run (labels: see index.txt):\n");
        // requirements that gave the same label for the same reason share a line (the sender checks mostly do)
        Map<String, List<Judged>> same = new java.util.LinkedHashMap<>();
        for (Judged j : e.verdicts.values()) {
            same.computeIfAbsent(j.label() + "\u0000" + j.detail(), k -> new ArrayList<>()).add(j);
        }
        same.values().forEach(js -> b.append("  ").append(pad(js.get(0).label(), 14)).append(' ')
                .append(String.join(", ", js.stream().map(Judged::requirement).toList())).append(": ")
                .append(js.get(0).detail()).append('\n'));
        WireSession s = d.session();
        if (!s.unsolicitedMessages.isEmpty()) {
            b.append("\nunsolicited: ").append(s.unsolicitedMessages.size()).append(" message(s) the server sent on its own, ")
                    .append("set apart from the echoes (").append(s.unsolicited.describe()).append(")\n");
        }
        if (d.error() != null) {
            b.append("\nharness: ").append(d.error().getMessage() == null ? d.error().toString() : d.error().getMessage())
                    .append('\n');
        }
        b.append("\nwire log:\n").append(s.log());
        // what a server sent (a reason phrase, an error's message) is shown escaped, here as everywhere
        return org.netconform.harness.Values.printable(b.toString());
    }

    /** Rewrites the index of every case recorded so far: id, title and the labels it got. */
    void writeIndex() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(entries).forEach((id, e) -> {
            synchronized (e) {
                if (e.done == null) {
                    return;
                }
                StringBuilder l = new StringBuilder(path(id)).append("  ").append(e.done.wsCase().title()).append(":");
                long ok = e.verdicts.values().stream().filter(j -> j.label().equals("OK")).count();
                if (ok > 0) {
                    l.append(" OK for ").append(ok);
                }
                Map<String, List<String>> others = new TreeMap<>();
                e.verdicts.values().stream().filter(j -> !j.label().equals("OK"))
                        .forEach(j -> others.computeIfAbsent(j.label(), k -> new ArrayList<>()).add(j.requirement()));
                others.forEach((label, ids) -> l.append("; ").append(label).append(' ').append(String.join(", ", ids)));
                lines.add(l.toString());
            }
        });
        ReportFiles.write(target, INDEX, "every case run against " + target + " (" + lines.size() + "), with the label "
                + "each requirement gave it\n" + LEGEND + "\n" + String.join("\n", lines) + "\n");
    }

    /** What the labels mean: one run is judged for several requirements, each for one aspect of it. */
    static final String LEGEND = """

            One run of a case is judged for several requirements, each for one aspect of it, so the same case can
            be OK for one requirement and BROKEN or NOT_APPLICABLE for another; a case's page says why each.
            OK: the run does what that requirement asks. BROKEN: it breaks that requirement (FAIL for a MUST,
            NON_STRICT for a SHOULD). NOT_APPLICABLE: the requirement does not speak to what happened (a close code
            is judged only where the server failed the connection; the reason names what did happen and which
            requirement judges it). NO_ANSWER: nothing to judge (a timeout, a refused connection, a server that
            stopped); the test is ERROR unless another case breaks it. RECORDED: an INFO requirement's record.
            """;

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}
