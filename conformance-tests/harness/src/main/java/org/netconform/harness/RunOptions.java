package org.netconform.harness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every {@code netconform.*} property of a run, with its group, default and meaning: the one list the
 * README's options table is checked against, and the one place a run's options are validated, once,
 * before any case runs. The runner's flags set these same properties.
 *
 * <p>Names are grouped by prefix: the run's selection and verdict rules are bare
 * ({@code netconform.target}), the report's are {@code netconform.report*}, the WebSocket endpoint
 * suite's {@code netconform.ws.*}, each adapter's its own. Two older names outside their group are
 * still read, as aliases: {@code netconform.trustAll} (now {@code netconform.ws.trustAll}) and
 * {@code netconform.listener.quiet} (now {@code netconform.report.quiet}).
 */
public final class RunOptions {
    public static final String TARGET = "netconform.target";
    public static final String AREA = "netconform.area";
    public static final String REQUIREMENT = "netconform.requirement";
    public static final String CASE = "netconform.case";
    public static final String STRICT = "netconform.strict";
    public static final String BASELINE = "netconform.baseline";
    public static final String SHARD = "netconform.shard";
    public static final String SEED = "netconform.seed";
    public static final String REPORT_DIR = "netconform.reportDir";
    public static final String REPORT_QUIET = "netconform.report.quiet";
    public static final String PROGRESS = "netconform.progress";

    /** How an option's value is checked: null when it is fine, else why not (one line, without the name). */
    public interface Check extends Function<String, String> {
    }

    /** One option: its property, group, default (null: none), runner flag (null: none) and meaning. */
    public record Option(String property, String group, String defaultValue, String flag, String meaning,
                         Check check, String alias) {
    }

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    private static void add(String property, String group, String def, String flag, String meaning, Check check) {
        add(property, group, def, flag, meaning, check, null);
    }

    private static void add(String property, String group, String def, String flag, String meaning, Check check,
                            String alias) {
        OPTIONS.put(property, new Option(property, group, def, flag, meaning, check, alias));
    }

    static {
        add(TARGET, "run", "reference (conformance-run: all)", "--target",
                "targets: IDs, 'all', a ws:// or wss:// URL, cmd:PROGRAM; comma-separated", RunOptions::checkTargets);
        add(AREA, "run", "every area", "--area", "areas to run: byte-order, udp-connect, nat, nat-traversal, websocket; comma-separated",
                RunOptions::checkArea);
        add(REQUIREMENT, "run", "every requirement", "--requirement",
                "requirement IDs to run, '*' as a wildcard (WS-CLOSE-*); comma-separated", RunOptions::checkPattern);
        add(CASE, "run", "every case", "--case",
                "test methods to run, Class.method or method, '*' as a wildcard; comma-separated", RunOptions::checkPattern);
        add(STRICT, "run", "false", "--strict",
                "fail when any selected target does not conform (a MUST or SHOULD broken, an ERROR), baseline or not",
                RunOptions::checkBoolean);
        add(BASELINE, "run", "the target's bundled baseline", "--baseline",
                "a baseline file for the selected target (FILE), or per target (ID=FILE,ID=FILE)", RunOptions::checkBaseline);
        add(SHARD, "run", "1/1", "--shard",
                "run shard i of n: the (target, area) units are split deterministically", RunOptions::checkShard);
        add(SEED, "run", "a fixed seed per property", "--seed",
                "jqwik seed: a number replays one, 'random' lets jqwik choose", RunOptions::checkSeed);
        add(PROGRESS, "run", "runner: auto; Maven: none (conformance-run: plain)", "--progress",
                "progress: auto (a bar on a terminal, else plain), bar, plain (a line per suite class), none",
                v -> v.matches("(?i)auto|bar|plain|none") ? null : "not auto, bar, plain or none");
        add(REPORT_DIR, "report", "target/netconform (runner: netconform-report)", "--report",
                "the report directory; a run replaces its contents", RunOptions::checkReportDir);
        add("netconform.runDeadline", "run", "20m", null,
                "the run's deadline (e.g. 90m): cases not started by then are ERROR, not run", v -> {
                    try {
                        RunDeadline.parse(v);
                        return null;
                    } catch (RuntimeException e) {
                        return "not a duration such as 90s, 30m or 2h";
                    }
                });
        add("netconform.runId", "report", "none (conformance-run: the build's time)", null,
                "an ID of this run, kept in the report's receipt so a stale report is not taken for this one", v -> null);
        add("netconform.reportErrorFile", "report", "none", null,
                "where the cause goes when the report cannot be written", v -> null);
        add("netconform.fork.maxHeap", "run", "1g", null,
                "conformance-run (Maven): the test JVM's maximum heap (it also exits on OutOfMemoryError)",
                v -> v.matches("\\d+[kKmMgG]?") ? null : "not a heap size such as 512m or 1g");
        add("netconform.fork.jvmArgs", "run", "none", null,
                "conformance-run (Maven): more options for the test JVM, e.g. -Xlog:gc:file=target/gc.log", v -> null);
        add(REPORT_QUIET, "report", "false", null,
                "the report listener prints nothing (a later step prints the summary)", RunOptions::checkBoolean,
                "netconform.listener.quiet");
        add("netconform.ws.timeoutMs", "ws", "2000", "--timeout",
                "how long the endpoint and client suites wait for any one answer, ms", RunOptions::checkPositiveLong);
        add("netconform.ws.promptMs", "ws", "1000", null,
                "'as soon as practical' for the SHOULDs on Pong and Close timing, ms", RunOptions::checkPositiveLong);
        add("netconform.ws.parallel", "ws", "4", "--parallel", "connections in flight at once", RunOptions::checkPositiveLong);
        add("netconform.ws.scale", "ws", "0.0625", null,
                "size factor of the large-message cases; 1 runs Autobahn's sizes", RunOptions::checkScale);
        add("netconform.ws.idleMs", "ws", "2500", null, "how long the idle and heartbeat cases watch a silent connection, ms",
                RunOptions::checkPositiveLong);
        add("netconform.ws.learnMs", "ws", "1500", null,
                "how long the endpoint suite watches an idle connection before the cases, to learn what the server "
                        + "sends on its own, ms", RunOptions::checkPositiveLong);
        add("netconform.ws.unsolicited", "ws", "learned", "--unsolicited",
                "what the server sends on its own, instead of learning it: none, TEXT (text:TEXT), regex:RE, hex:OCTETS",
                v -> v.startsWith("regex:") && !compiles(v.substring(6)) ? "not a regular expression" : null);
        add("netconform.ws.caseOctets", "ws", "8388608", null,
                "octets the server may send in one case before the case stops (ERROR)", RunOptions::checkPositiveLong);
        add("netconform.ws.caseFrames", "ws", "10000", null,
                "frames the server may send in one case (plus one per 512 octets of its octet budget)",
                RunOptions::checkPositiveLong);
        add("netconform.ws.keepOctets", "ws", "65536", null,
                "payload octets one case keeps of what the server sent (an expected echo is kept whole)",
                RunOptions::checkPositiveLong);
        add("netconform.ws.writeTimeoutMs", "ws", "the timeout", null,
                "how long a write may wait for a server that does not read, ms", RunOptions::checkPositiveLong);
        add("netconform.ws.caseDeadlineMs", "ws", "60000", null, "a case's hard deadline, ms", RunOptions::checkPositiveLong);
        add("netconform.wsclient.peerOctets", "ws", "16777216", null,
                "client suite: octets one client connection may send before it is dropped", RunOptions::checkPositiveLong);
        add("netconform.wsclient.peerFrames", "ws", "10000", null,
                "client suite: frames one client connection may send before it is dropped", RunOptions::checkPositiveLong);
        add("netconform.wsclient.writeTimeoutMs", "ws", "5000", null,
                "client suite: how long a write may wait for a client that does not read, ms",
                RunOptions::checkPositiveLong);
        add("netconform.ws.heartbeatMs", "ws", "none", null,
                "URL target: the server's Ping interval, ms; enables the heartbeat cases", RunOptions::checkPositiveLong);
        add("netconform.ws.capabilities", "ws", "none", null,
                "URL target: capabilities it declares (comma-separated, see WebSocketServerAdapter)", v -> null);
        add("netconform.ws.allowedOrigin", "ws", "none", null, "URL target: the one Origin it accepts", v -> null);
        add("netconform.ws.maxMessageSize", "ws", "none", null,
                "URL target: its message size limit, octets; enables the 1009 cases", RunOptions::checkPositiveLong);
        add("netconform.ws.maxFramePayload", "ws", "none", null,
                "URL target: its frame payload limit, octets; enables the 1009 cases", RunOptions::checkPositiveLong);
        add("netconform.ws.trustAll", "ws", "false", null, "wss:// targets: accept any certificate",
                RunOptions::checkBoolean, "netconform.trustAll");
        add("netconform.ws.serverLog", "ws", "none", null, "bundled servers: a file their console output goes to",
                v -> null);
        add("netconform.load.serverLog", "load", "none", null,
                "reference-server-cli load-test: a file the server's log goes to", v -> null);
        add("netconform.nodeWs.dir", "adapters", "target/node-ws", null, "node-ws: where npm installs ws", v -> null);
        add("netconform.seedGorilla.dir", "adapters", "target/seed-gorilla", null,
                "seed-gorilla: where the seed's Go program is built and its output logged", v -> null);
        add("netconform.seed.file", "adapters", "shared/seed/network-notes.zh.md above the working directory", null,
                "seed-gorilla: the seed's Markdown, whose last Go block is the program", v -> null);
        add("netconform.stdio.dir", "adapters", "target/netconform-stdio", null,
                "stdio targets: where their programs are prepared", v -> null);
        add("netconform.stdio.logDir", "adapters", "the stdio dir", null, "stdio targets: where their stderr logs go",
                v -> null);
        add("netconform.python", "adapters", "python3", null, "stdio targets: the Python interpreter", v -> null);
        add("netconform.gopath", "adapters", "/usr/share/gocode", null, "stdio targets: GOPATH for the Go programs",
                v -> null);
        add("netconform.pionVnet.dir", "adapters", "target/pion-vnet", null, "pion-vnet: where the shim is built",
                v -> null);
        add("netconform.pionVnet.gopath", "adapters", "/usr/share/gocode", null, "pion-vnet: GOPATH", v -> null);
        add("netconform.pionVnet.deliveryWaitMs", "adapters", "adapter's", null,
                "pion-vnet: how long to wait for a datagram, ms", RunOptions::checkPositiveLong);
        add("netconform.usermodeNat.deliveryWaitMillis", "adapters", "adapter's", null,
                "slirp4netns, pasta: how long to wait for a datagram, ms", RunOptions::checkPositiveLong);
        add("netconform.usermodeNat.tcpWaitMillis", "adapters", "adapter's", null,
                "slirp4netns, pasta: how long to wait for a TCP answer, ms", RunOptions::checkPositiveLong);
        add("netconform.nat.longTimers", "nat", "false", null, "NAT suite: run the timer cases at full length",
                RunOptions::checkBoolean);
        add("netconform.stun.timeoutMs", "stun", "2000", null, "STUN suites: how long to wait for an answer that must come, ms",
                RunOptions::checkPositiveLong);
        add("netconform.stun.silenceMs", "stun", "1000", null, "STUN suites: how long to watch that no answer comes, ms",
                RunOptions::checkPositiveLong);
        add("netconform.stun.probeTimeoutMs", "stun", "3000", null,
                "discovery-client cases: how long a client may wait for an unanswered test, ms", RunOptions::checkPositiveLong);
        add("netconform.stun.discoveryDeadlineMs", "stun", "60000", null,
                "discovery-client cases: how long one discovery run may take, ms", RunOptions::checkPositiveLong);
        add("netconform.stun.longTimers", "stun", "false", null,
                "STUN suites: watch a client's whole retransmission schedule (about 40 s)", RunOptions::checkBoolean);
        add("netconform.netlab.reuse", "netlab", "lab's", null, "NAT labs: reuse a lab between cases", RunOptions::checkBoolean);
        add("netconform.netlab.deliveryWaitMillis", "netlab", "lab's", null, "NAT labs: datagram wait, ms",
                RunOptions::checkPositiveLong);
        add("netconform.netlab.tcpWaitMillis", "netlab", "lab's", null, "NAT labs: TCP wait, ms", RunOptions::checkPositiveLong);
        add("netconform.netlab.logDir", "netlab", "none", null, "NAT labs: where agents' logs go", v -> null);
        add("netconform.netlab.markerDir", "netlab", "lab's", null, "NAT labs: where run markers (for the sweep) go",
                v -> null);
        add("netconform.netlab.timings", "netlab", "false", null, "NAT labs: print timings", RunOptions::checkBoolean);
    }

    private RunOptions() {
    }

    /** Every option, in the order of the README's table. */
    public static List<Option> all() {
        return List.copyOf(OPTIONS.values());
    }

    public static Optional<Option> find(String property) {
        return Optional.ofNullable(OPTIONS.get(property));
    }

    /** The value of a property, or of its older alias. */
    public static String get(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            Option o = OPTIONS.get(property);
            if (o != null && o.alias() != null) {
                v = System.getProperty(o.alias());
            }
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    public static boolean strict() {
        return Boolean.parseBoolean(get(STRICT));
    }

    /** The project's defaults: {@code netconform.properties} at the root of the test class path. */
    public static final String DEFAULTS_FILE = "netconform.properties";

    /**
     * Sets, for each option in the class path's {@value #DEFAULTS_FILE} that is not a system property
     * already, the system property (a -D on the command line wins); then copies each alias's value to
     * its name and back, so code that reads either sees it.
     */
    public static void normalizeAliases() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = RunOptions.class.getClassLoader();
        }
        try (var in = cl.getResourceAsStream(DEFAULTS_FILE)) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                for (String k : p.stringPropertyNames()) {
                    if (System.getProperty(k) == null) {
                        System.setProperty(k, p.getProperty(k).strip());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("netconform: cannot read " + DEFAULTS_FILE + ": " + e);
        }
        for (Option o : OPTIONS.values()) {
            if (o.alias() == null) {
                continue;
            }
            String now = System.getProperty(o.property());
            String old = System.getProperty(o.alias());
            if (now == null && old != null) {
                System.setProperty(o.property(), old);
            } else if (now != null && old == null) {
                System.setProperty(o.alias(), now);
            }
        }
    }

    /**
     * Every problem with the options set now, one line each ({@code -Dname=value: why}); empty when
     * all is well. Unknown {@code netconform.*} names are problems too (a typo must not be ignored).
     */
    public static List<String> problems() {
        List<String> out = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames().stream().sorted().toList()) {
            if (!name.startsWith("netconform.")) {
                continue;
            }
            String value = System.getProperty(name);
            Option o = OPTIONS.get(name);
            if (o == null) {
                o = OPTIONS.values().stream().filter(x -> name.equals(x.alias())).findFirst().orElse(null);
            }
            if (o == null) {
                if (!name.equals("netconform.targetDescription")) {
                    out.add("-D" + name + "=" + value + ": no such option (see the README's options table)");
                }
                continue;
            }
            if (value == null || value.isBlank()) {
                continue;
            }
            String why = o.check().apply(value.strip());
            if (why != null) {
                out.add("-D" + name + "=" + value + ": " + why);
            }
        }
        return out;
    }

    // ---- checks

    static boolean compiles(String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
            return true;
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    static String checkBoolean(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "not true or false";
    }

    static String checkPositiveLong(String v) {
        try {
            return Long.parseLong(v) > 0 ? null : "must be a positive number";
        } catch (NumberFormatException e) {
            return "not a number";
        }
    }

    static String checkScale(String v) {
        try {
            double d = Double.parseDouble(v);
            return d > 0 && d <= 1 ? null : "must be in (0, 1]";
        } catch (NumberFormatException e) {
            return "not a number";
        }
    }

    static String checkSeed(String v) {
        if (v.equals("random")) {
            return null;
        }
        try {
            Long.parseLong(v);
            return null;
        } catch (NumberFormatException e) {
            return "not a number or 'random'";
        }
    }

    static String checkPattern(String v) {
        for (String p : v.split(",")) {
            if (p.isBlank()) {
                return "an empty item";
            }
            if (!p.strip().matches("[A-Za-z0-9_.$*#-]+")) {
                return "'" + p.strip() + "' may hold letters, digits, '.', '-', '_', '#' and '*' only";
            }
        }
        return null;
    }

    static String checkArea(String v) {
        var areas = org.netconform.spec.SpecCatalog.bundled().all().stream().map(r -> r.area()).distinct().toList();
        for (String a : v.split(",")) {
            if (!areas.contains(a.strip())) {
                return "unknown area '" + a.strip() + "'; areas: " + String.join(", ", areas);
            }
        }
        return null;
    }

    static String checkShard(String v) {
        try {
            Shard.parse(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String checkBaseline(String v) {
        for (String part : v.split(",")) {
            String file = part.contains("=") && !part.startsWith("/") ? part.substring(part.indexOf('=') + 1) : part;
            Path p = Path.of(file.strip());
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                return "no readable file " + p.toAbsolutePath();
            }
        }
        return null;
    }

    /** A ws:// or wss:// target: scheme, host and port range; other selectors are resolved later. */
    static String checkTargets(String v) {
        for (String part : v.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                return "an empty target";
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.contains("://") && !lower.startsWith("ws://") && !lower.startsWith("wss://")) {
                return "'" + s + "': a URL target is ws:// or wss://";
            }
            if (lower.startsWith("ws://") || lower.startsWith("wss://")) {
                String why = checkWsUrl(s);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    static String checkWsUrl(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (Exception e) {
            return "'" + s + "' is not a URL: " + e.getMessage();
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            return "'" + s + "' has no host";
        }
        if (u.getFragment() != null) {
            return "'" + s + "': a WebSocket URL has no fragment (RFC 6455 §3)";
        }
        if (u.getPort() == 0 || u.getPort() > 65535 || u.getPort() < -1) {
            return "'" + s + "': port " + u.getPort() + " is not in 1-65535";
        }
        if (u.getPort() == -1 && u.getRawAuthority() != null && u.getRawAuthority().endsWith(":")) {
            return "'" + s + "': an empty port";
        }
        return null;
    }

    /**
     * The report directory: creatable and writable, and not a source folder by accident (a directory
     * above it holds a pom.xml, build file or .git, and nothing between is called target, build or out).
     */
    static String checkReportDir(String v) {
        Path dir = Path.of(v).toAbsolutePath().normalize();
        String why = ReportDirs.problem(dir);
        return why;
    }

    /** Checks a report directory's place and creates it; see {@link #checkReportDir}. */
    public static final class ReportDirs {
        private ReportDirs() {
        }

        /** Whether the directory would sit in a source tree, outside its build folder. */
        public static boolean insideSourceTree(Path dir) {
            return sourceTree(dir.toAbsolutePath().normalize()) != null;
        }

        private static Path sourceTree(Path p) {
            for (Path q = p; q != null; q = q.getParent()) {
                String name = q.getFileName() == null ? "" : q.getFileName().toString();
                if (name.equals("target") || name.equals("build") || name.equals("out")
                        || q.equals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize())) {
                    return null;
                }
                if (!q.equals(p) && (Files.exists(q.resolve(".git")) || Files.isDirectory(q.resolve("src"))
                        && (Files.exists(q.resolve("pom.xml")) || Files.exists(q.resolve("build.gradle"))
                        || Files.exists(q.resolve("build.gradle.kts"))))) {
                    return q;
                }
            }
            return null;
        }

        public static String problem(Path dir) {
            Path p = dir.toAbsolutePath().normalize();
            Path tree = sourceTree(p);
            if (tree != null) {
                return p + " is inside the source tree " + tree + "; put reports under target/ or outside it";
            }
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                return "cannot create " + p + ": " + e;
            }
            if (!Files.isWritable(p)) {
                return p + " is not writable";
            }
            // a run replaces the directory's contents: only an empty one or an earlier report
            try (var children = Files.list(p)) {
                if (children.findAny().isPresent() && !Files.exists(p.resolve(".netconform-report"))
                        && !Files.exists(p.resolve("index.html"))) {
                    return p + " holds other files, and a run replaces its contents: choose an empty or new directory";
                }
            } catch (IOException e) {
                return "cannot list " + p + ": " + e;
            }
            return null;
        }
    }
}
