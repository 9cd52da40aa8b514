package org.netconform.runner;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code netconform spec [ID]}: the requirements' text. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "Without an ID: every requirement, one line each (ID, level, text). With IDs ('*' a wildcard: WS-CLOSE-*): each one's full text, level, roles, layers and source.")
final class SpecCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID", description = "requirement IDs or patterns")
    List<String> ids = List.of();

    @Override
    public Integer call() {
        SpecCatalog catalog = SpecCatalog.bundled();
        if (ids.isEmpty()) {
            String area = null;
            for (SpecRequirement r : catalog.all()) {
                if (!r.area().equals(area)) {
                    area = r.area();
                    System.out.println();
                    System.out.println("## " + area + (catalog.draftAreas().contains(area) ? " (draft)" : ""));
                }
                String text = r.text().lines().findFirst().orElse("");
                System.out.printf("%-14s %-6s %s%s%n", r.id(), r.level(), text.length() > 100 ? text.substring(0, 99) + "…" : text,
                        r.isWithdrawn() ? " [withdrawn]" : "");
            }
            return 0;
        }
        int shown = 0;
        for (String id : ids) {
            Pattern p = Pattern.compile(id.strip().toUpperCase(java.util.Locale.ROOT).chars()
                    .mapToObj(c -> c == '*' ? ".*" : Pattern.quote(String.valueOf((char) c))).collect(Collectors.joining()));
            List<SpecRequirement> match = catalog.all().stream().filter(r -> p.matcher(r.id()).matches()).toList();
            if (match.isEmpty()) {
                System.err.println("netconform: no requirement " + id + " in the spec");
                continue;
            }
            for (SpecRequirement r : match) {
                shown++;
                System.out.println(r.id() + " · " + r.level() + " · " + String.join(", ", r.roles()) + " · "
                        + r.layers().stream().map(l -> l.label()).collect(Collectors.joining(", ")));
                System.out.println(r.text().strip());
                System.out.println("Source: " + r.source());
                System.out.println("Defined at: spec/" + r.file() + ":" + r.line() + (r.isWithdrawn() ? "  (withdrawn: "
                        + r.withdrawn().get() + ")" : ""));
                System.out.println();
            }
        }
        return shown == 0 ? Exits.USAGE : 0;
    }
}
