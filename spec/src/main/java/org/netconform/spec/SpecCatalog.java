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
    private static volatile SpecCatalog bundled;

    private final Map<String, SpecRequirement> byId;

    private SpecCatalog(Map<String, SpecRequirement> byId) {
        this.byId = Collections.unmodifiableMap(byId);
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
            for (Path p : areas) {
                String name = p.getFileName().toString();
                all.addAll(SpecParser.parse(name.substring(0, name.length() - 3), name,
                        Files.readAllLines(p, StandardCharsets.UTF_8)));
            }
            return of(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec in " + dir, e);
        }
    }

    /** Builds a catalog from parsed requirements; a duplicate ID fails with both places. */
    public static SpecCatalog of(Collection<SpecRequirement> requirements) {
        Map<String, SpecRequirement> byId = new LinkedHashMap<>();
        for (SpecRequirement r : requirements) {
            SpecRequirement earlier = byId.putIfAbsent(r.id(), r);
            if (earlier != null) {
                throw new SpecFormatException(r.file(), r.line(),
                        "duplicate ID " + r.id() + " (first defined at " + earlier.file() + ":" + earlier.line() + ")");
            }
        }
        return new SpecCatalog(byId);
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
