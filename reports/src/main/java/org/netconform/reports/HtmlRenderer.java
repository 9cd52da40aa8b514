package org.netconform.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the views with the mustache templates under {@code org/netconform/reports/templates}.
 * Templates use {@code {{ }}} only, which HTML-escapes every value.
 */
public final class HtmlRenderer {
    public static final String INDEX = "index.html";

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("org/netconform/reports/templates");

    private final Mustache index = FACTORY.compile("index.mustache");
    private final Mustache requirement = FACTORY.compile("requirement.mustache");
    private final Mustache info = FACTORY.compile("info.mustache");
    private final Mustache deviations = FACTORY.compile("deviations.mustache");
    private final Mustache grid = FACTORY.compile("grid.mustache");

    /** Writes index.html, info.html, deviations.html, grid-*.html and requirements/*.html; returns index.html. */
    public Path render(Path reportDir, ReportModelBuilder model) throws IOException {
        Files.createDirectories(reportDir.resolve("requirements"));
        for (Views.RequirementPage page : model.requirementPages()) {
            write(requirement, page, reportDir.resolve(page.fileName()));
        }
        write(info, model.info(), reportDir.resolve("info.html"));
        for (GridViews.Page page : model.gridPages()) {
            write(grid, page, reportDir.resolve(page.fileName()));
        }
        write(index, model.failures(), reportDir.resolve(ReportModelBuilder.FAILURES_PAGE));
        for (Views.IndexPage page : model.areaPages()) {
            write(index, page, reportDir.resolve(page.fileName()));
        }
        for (Views.IndexPage page : model.targetPages()) {
            write(index, page, reportDir.resolve(page.fileName()));
        }
        try (var in = HtmlRenderer.class.getResourceAsStream("templates/filter.js")) {
            Files.write(reportDir.resolve("filter.js"), in.readAllBytes());
        }
        write(deviations, model.deviations(), reportDir.resolve(ReportModelBuilder.DEVIATIONS_PAGE));
        Path indexFile = reportDir.resolve(INDEX);
        write(index, model.index(), indexFile);
        return indexFile;
    }

    private static void write(Mustache template, Object view, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            template.execute(w, view);
        }
    }
}
