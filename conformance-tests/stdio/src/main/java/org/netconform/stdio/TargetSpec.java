package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the harness knows of a stdio target before its program runs: its ID, description, the areas it
 * offers (layer and capabilities each), how long a request may take, and how to start it. Read from a
 * target file (JSON, see docs/stdio-protocol.md) or made from a program's hello.
 *
 * @param launch starts nothing: prepares the program (a build, an install) and returns how to start it,
 *               or why it cannot run here (UNSUPPORTED with that reason); called once, lazily
 */
public record TargetSpec(String id, String description, Map<String, Area> areas, Duration requestTimeout,
                         Supplier<Prepared> launch) {
    /** The areas of version 1, by the name the protocol gives them, with the layer each works at. */
    public static final Map<String, String> AREA_LAYERS = Map.of("byteorder", "codec", "udp", "model", "wscodec", "codec",
            "wsclient", "endpoint", "nat", "model");
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    public TargetSpec {
        areas = Map.copyOf(areas);
    }

    /** One area the target offers: its layer, capabilities, and its declaration as JSON for area-specific fields. */
    public record Area(String name, String layer, Set<String> capabilities, JsonNode declaration) {
        public Area {
            capabilities = Set.copyOf(capabilities);
        }

        /** An area of version 1 with these capabilities and nothing else declared. */
        public static Area of(String name, String... capabilities) {
            String layer = AREA_LAYERS.get(name);
            if (layer == null) {
                throw new IllegalArgumentException("unknown area " + name);
            }
            com.fasterxml.jackson.databind.node.ObjectNode decl = Json.object().put("layer", layer);
            com.fasterxml.jackson.databind.node.ArrayNode caps = decl.putArray("capabilities");
            for (String c : capabilities) {
                caps.add(c);
            }
            return new Area(name, layer, Set.of(capabilities), decl);
        }
    }

    /** A prepared program: how to start it, or why it cannot run here. */
    public record Prepared(ShimProcess.Launch launch, String unavailable) {
        public static Prepared ready(List<String> command, Path directory, Map<String, String> environment) {
            return new Prepared(new ShimProcess.Launch(command, directory, environment), null);
        }

        public static Prepared unavailable(String reason) {
            return new Prepared(null, reason);
        }

        /** The command line of a ready program. */
        public List<String> command() {
            return launch.command();
        }

        /** Its working directory (null: the harness's). */
        public Path directory() {
            return launch.directory();
        }
    }

    /** The areas of a hello result or a target file's {@code areas} object. */
    static Map<String, Area> areasOf(JsonNode areas, String where) {
        Map<String, Area> out = new LinkedHashMap<>();
        if (areas == null || !areas.isObject()) {
            throw new IllegalArgumentException(where + ": 'areas' must be an object of area name to declaration");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = areas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String layer = AREA_LAYERS.get(name);
            if (layer == null) {
                throw new IllegalArgumentException(where + ": unknown area '" + name + "' (known: " + AREA_LAYERS.keySet() + ")");
            }
            JsonNode decl = e.getValue();
            String declared = decl.path("layer").asText(layer);
            if (!declared.equals(layer)) {
                throw new IllegalArgumentException(where + ": area " + name + " works at the " + layer + " layer, not " + declared);
            }
            Set<String> caps = new LinkedHashSet<>();
            decl.path("capabilities").forEach(c -> caps.add(c.asText()));
            out.put(name, new Area(name, layer, caps, decl));
        }
        return out;
    }

    /**
     * Reads a target file:
     * <pre>{"id": "...", "description": "...", "command": ["python3", "adapter.py"], "directory": ".",
     *  "environment": {}, "requestTimeoutMs": 5000, "areas": {"byteorder": {"capabilities": []}}}</pre>
     * Relative paths (the directory, and a command's first word that names a file beside the target file)
     * are taken from the file's folder.
     */
    public static TargetSpec fromFile(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read target file " + file + ": " + e.getMessage(), e);
        }
        String where = file.toString();
        Path base = file.toAbsolutePath().getParent();
        String id = root.path("id").asText("");
        if (!id.matches("[a-z0-9][a-z0-9.\\-]*")) {
            throw new IllegalArgumentException(where + ": 'id' must be lower-case letters, digits, '.' and '-': '" + id + "'");
        }
        List<String> command = new ArrayList<>();
        root.path("command").forEach(c -> command.add(c.asText()));
        if (command.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'command' must be a non-empty array of strings");
        }
        Path dir = base.resolve(root.path("directory").asText("."));
        Map<String, String> env = new LinkedHashMap<>();
        root.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Duration timeout = Duration.ofMillis(root.path("requestTimeoutMs").asLong(DEFAULT_REQUEST_TIMEOUT.toMillis()));
        String description = root.path("description").asText("stdio target " + String.join(" ", command));
        Map<String, Area> areas = areasOf(root.get("areas"), where);
        return new TargetSpec(id, description, areas, timeout, () -> Prepared.ready(command, dir, env));
    }
}
