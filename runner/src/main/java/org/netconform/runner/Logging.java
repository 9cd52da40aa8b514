package org.netconform.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/**
 * The console quieting of a conformance run: the targets are fed malformed input on purpose and log
 * about it. Applies the bundled logging.properties unless the JVM was given its own configuration.
 */
final class Logging {
    private Logging() {
    }

    static void quiet() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream in = Logging.class.getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("netconform: cannot apply the bundled logging configuration: " + e);
        }
    }
}
