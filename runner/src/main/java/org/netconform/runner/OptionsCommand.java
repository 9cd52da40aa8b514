package org.netconform.runner;

import java.util.concurrent.Callable;
import org.netconform.harness.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netconform options}: every netconform.* property and runner flag, with its default. */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "List every option: its netconform.* property (for -D, Maven and netconform.properties), its run flag, its default and meaning.")
final class OptionsCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "as the Markdown table of the README")
    boolean markdown;

    @Override
    public Integer call() {
        if (markdown) {
            System.out.println(table());
            return 0;
        }
        String group = null;
        for (RunOptions.Option o : RunOptions.all()) {
            if (!o.group().equals(group)) {
                group = o.group();
                System.out.println();
                System.out.println("## " + group);
            }
            System.out.printf("%-42s %-14s default: %s%n    %s%s%n", o.property(), o.flag() == null ? "" : o.flag(),
                    o.defaultValue(), o.meaning(), o.alias() == null ? "" : " (older name: " + o.alias() + ")");
        }
        return 0;
    }

    /** The README's options table. */
    static String table() {
        StringBuilder b = new StringBuilder("| group | property | run flag | default | meaning |\n|---|---|---|---|---|\n");
        for (RunOptions.Option o : RunOptions.all()) {
            b.append("| ").append(o.group()).append(" | `").append(o.property()).append('`')
                    .append(o.alias() == null ? "" : " (was `" + o.alias() + "`)").append(" | ")
                    .append(o.flag() == null ? "" : "`" + o.flag() + "`").append(" | ").append(o.defaultValue())
                    .append(" | ").append(o.meaning().replace("|", "\\|")).append(" |\n");
        }
        return b.toString().stripTrailing();
    }
}
