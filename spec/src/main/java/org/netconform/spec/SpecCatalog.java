package org.netconform.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every requirement of the spec, by ID. The area files are packaged as resources under
 * {@code netconform/spec/} of this module's jar (or classes directory); {@code README.md} there holds
 * the conventions and no requirements.
 */
public final class SpecCatalog {
    static final String RESOURCE_DIR = "netconform/spec";
    /**
     * An area file with a line starting with this is a draft: its requirements are written but its
     * suites are not complete, and the traceability check lists its untested IDs without failing.
     */
    public static final String DRAFT_MARK = "Status: draft";
    private static volatile SpecCatalog bundled;

    private final Map<String, SpecRequirement> byId;
    private final java.util.Set<String> draftAreas;

    private SpecCatalog(Map<String, SpecRequirement> byId, java.util.Set<String> draftAreas) {
        this.byId = Collections.unmodifiableMap(byId);
        this.draftAreas = java.util.Set.copyOf(draftAreas);
    }

    /** The spec packaged with this module, parsed once per JVM. */
    public static SpecCatalog bundled() {
        SpecCatalog c = bundled;
        if (c == null) {
            synchronized (SpecCatalog.class) {
                if (bundled == null) {
                    bundled = fromDirectoryOrJar(locateBundled());
                }
                c = bundled;
            }
        }
        return c;
    }

    /** Parses every area file ({@code *.md} but README.md) in a directory. */
    public static SpecCatalog fromDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> areas = files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted().toList();
            List<SpecRequirement> all = new ArrayList<>();
            java.util.Set<String> drafts = new java.util.TreeSet<>();
            for (Path p : areas) {
                String name = p.getFileName().toString();
                String area = name.substring(0, name.length() - 3);
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                all.addAll(SpecParser.parse(area, name, lines));
                if (lines.stream().anyMatch(l -> l.strip().startsWith(DRAFT_MARK))) {
                    drafts.add(area);
                }
            }
            return of(all, drafts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec in " + dir, e);
        }
    }

    /** Builds a catalog from parsed requirements; a duplicate ID fails with both places. */
    public static SpecCatalog of(Collection<SpecRequirement> requirements) {
        return of(requirements, java.util.Set.of());
    }

    /** As {@link #of(Collection)}, with the areas whose file says {@value #DRAFT_MARK}. */
    public static SpecCatalog of(Collection<SpecRequirement> requirements, java.util.Set<String> draftAreas) {
        Map<String, SpecRequirement> byId = new LinkedHashMap<>();
        for (SpecRequirement r : requirements) {
            SpecRequirement earlier = byId.putIfAbsent(r.id(), r);
            if (earlier != null) {
                throw new SpecFormatException(r.file(), r.line(),
                        "duplicate ID " + r.id() + " (first defined at " + earlier.file() + ":" + earlier.line() + ")");
            }
        }
        return new SpecCatalog(byId, draftAreas);
    }

    public Optional<SpecRequirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public SpecRequirement get(String id) {
        SpecRequirement r = byId.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no requirement " + id + " in the spec");
        }
        return r;
    }

    /** Areas still in draft: see {@link #DRAFT_MARK}. */
    public java.util.Set<String> draftAreas() {
        return draftAreas;
    }

    public Collection<SpecRequirement> all() {
        return byId.values();
    }

    private static Path locateBundled() {
        try {
            var location = SpecCatalog.class.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the packaged spec", e);
        }
    }

    private static SpecCatalog fromDirectoryOrJar(Path codeSource) {
        if (Files.isDirectory(codeSource)) {
            return fromDirectory(codeSource.resolve(RESOURCE_DIR));
        }
        try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
            return fromDirectory(jar.getPath(RESOURCE_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + codeSource, e);
        }
    }
}
