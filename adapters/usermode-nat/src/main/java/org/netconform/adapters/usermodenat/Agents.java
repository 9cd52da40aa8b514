package org.netconform.adapters.usermodenat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netconform.adapters.usermodenat.agent.NamespaceAgent;
import org.netconform.spi.nat.NatLabException;

/**
 * Starts a {@link NamespaceAgent} inside a namespace: the JVM running the harness, again, with only the
 * agent's classes and Jackson on its class path and flags that favour a quick start over peak speed.
 */
final class Agents {
    /** A JVM's start on a loaded two-core machine, and its first answer. */
    static final Duration HELLO_DEADLINE = Duration.ofSeconds(30);

    private Agents() {
    }

    static StdioShim start(String namespace, Path log) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, java(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx64m", "-Xss512k",
                "-cp", classPath(), NamespaceAgent.class.getName()));
        return StdioShim.start("agent in " + namespace, command, log, HELLO_DEADLINE);
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Where the agent's classes and Jackson's three jars were loaded from (directories or jars). */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(NamespaceAgent.class, ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new NatLabException("cannot find where " + c.getName() + " was loaded from", e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
