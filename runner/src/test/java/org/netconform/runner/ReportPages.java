package org.netconform.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Parses every page of a report and resolves every link in it: the file exists, and so does the anchor. */
final class ReportPages {
    private ReportPages() {
    }

    static void checkEveryPageAndLink(Path reportDir) throws IOException {
        List<Path> pages;
        try (Stream<Path> s = Files.walk(reportDir)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(pages).as("pages").isNotEmpty();
        Map<Path, Document> docs = new HashMap<>();
        for (Path p : pages) {
            docs.put(p.toAbsolutePath().normalize(), Jsoup.parse(p.toFile(), "UTF-8"));
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (var e : docs.entrySet()) {
            for (Element a : e.getValue().select("a[href]")) {
                String href = a.attr("href");
                links++;
                if (href.startsWith("https://") || href.startsWith("http://")) {
                    if (!href.startsWith("https://www.rfc-editor.org/rfc/") && !href.startsWith("https://man7.org/")) {
                        broken.add(e.getKey() + ": an external link that is not an RFC or man page: " + href);
                    }
                    continue;
                }
                URI u = URI.create(href);
                Path target = u.getPath() == null || u.getPath().isEmpty() ? e.getKey()
                        : e.getKey().getParent().resolve(u.getPath()).normalize();
                Document d = docs.get(target);
                if (d == null && !target.toString().endsWith(".html") && Files.isRegularFile(target)) {
                    // a file beside the results (a case's page, a long wire log, the stack traces): it exists
                    continue;
                }
                if (d == null) {
                    broken.add(e.getKey() + ": " + href + " -> no page " + target);
                } else if (u.getFragment() != null && !u.getFragment().isEmpty()
                        && d.getElementById(u.getFragment()) == null) {
                    broken.add(e.getKey() + ": " + href + " -> no id '" + u.getFragment() + "' in " + target);
                }
            }
        }
        assertThat(links).as("links").isPositive();
        assertThat(broken.stream().limit(20).collect(Collectors.toList())).as("broken links of " + links).isEmpty();
        Set<String> ids = docs.values().stream().flatMap(d -> d.select("[id]").eachAttr("id").stream()).collect(Collectors.toSet());
        assertThat(ids).isNotEmpty();
    }
}
