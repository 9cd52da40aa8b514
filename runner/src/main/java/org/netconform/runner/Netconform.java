package org.netconform.runner;

import java.io.PrintWriter;
import org.netconform.reports.SummaryJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netconform}: run the conformance suites without Maven; list targets; show the spec; merge shards. */
@Command(name = "netconform", mixinStandardHelpOptions = true, versionProvider = Netconform.Version.class,
        description = "Conformance suites for byte order, UDP connect semantics, NAT and WebSocket (RFC 6455), run against bundled targets, a live ws:// server, or a program over the stdio protocol.",
        subcommands = {RunCommand.class, TargetsCommand.class, SpecCommand.class, MergeCommand.class, OptionsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 as expected; 1 a result differs from its baseline, a selected target had nothing judged, or (--strict) a selected target does not conform; 2 invalid options or usage. Every option is also a system property (-Dnetconform.*) of a Maven run: see the README's options table."})
public final class Netconform implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this; main exits with it). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Netconform());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("netconform: " + e.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl;
    }

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        spec.commandLine().usage(w);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"netconform " + SummaryJson.netconformVersion() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
