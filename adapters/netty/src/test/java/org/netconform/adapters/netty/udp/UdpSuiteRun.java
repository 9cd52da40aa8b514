package org.netconform.adapters.netty.udp;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.netconform.harness.ExecutionResult;
import org.netconform.harness.Targets;

/** Runs the UDP suite against one target through a JUnit Platform launcher and returns the judged results. */
final class UdpSuiteRun {
    static final String SUITES = "org.netconform.suites.udp";

    private UdpSuiteRun() {
    }

    static synchronized List<Map<String, String>> run(String target) {
        String before = System.getProperty(Targets.PROPERTY);
        System.setProperty(Targets.PROPERTY, target);
        List<Map<String, String>> out = Collections.synchronizedList(new ArrayList<>());
        try {
            LauncherFactory.create().execute(request().selectors(selectPackage(SUITES))
                    .configurationParameter("jqwik.reporting.usejunitplatform", "true").build(),
                    new TestExecutionListener() {
                        @Override
                        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                            String v = entry.getKeyValuePairs().get(ExecutionResult.KEY);
                            if (v != null) {
                                out.add(ExecutionResult.decode(v));
                            }
                        }
                    });
        } finally {
            if (before == null) {
                System.clearProperty(Targets.PROPERTY);
            } else {
                System.setProperty(Targets.PROPERTY, before);
            }
        }
        return out;
    }

    /** The process's open file descriptors, from /proc/self/fd. */
    static int openFileDescriptors() {
        return Objects.requireNonNull(new File("/proc/self/fd").list(), "/proc/self/fd").length;
    }

    /** What each open descriptor points at (socket:[inode], a file, ...), for a readable leak message. */
    static List<String> openFileDescriptorTargets() {
        List<String> out = new ArrayList<>();
        for (String fd : Objects.requireNonNull(new File("/proc/self/fd").list(), "/proc/self/fd")) {
            try {
                out.add(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd", fd)).toString());
            } catch (java.io.IOException e) {
                // closed meanwhile (the listing's own descriptor)
            }
        }
        Collections.sort(out);
        return out;
    }

    static String describe(Map<String, String> r) {
        return r.get("netconform.target") + " " + r.get("netconform.requirements") + " " + r.get("netconform.test") + " "
                + r.get("netconform.outcome") + " (baseline " + r.get("netconform.baseline") + ") "
                + Objects.toString(r.get("netconform.observed"), "") + " "
                + Objects.toString(r.get("netconform.reason"), "").lines().findFirst().orElse("");
    }
}
