package org.netconform.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netconform.harness.RunOptions;

/**
 * One list of options: the README's table is the one {@code netconform options --markdown} prints, and
 * every {@code netconform.*} system property the sources read is in that list.
 */
class OptionsDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeTableIsTheList() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains(OptionsCommand.table());
    }

    @Test
    void everyPropertyTheSourcesReadIsListed() throws IOException {
        Pattern read = Pattern.compile("(?:getProperty|getLong|getBoolean|getInteger)\\(\\s*\"(netconform\\.[A-Za-z0-9_.]+)\"");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")
                    && p.toString().contains("/src/main/")).toList()) {
                Matcher m = read.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(1);
                    assertThat(RunOptions.all().stream().anyMatch(o -> o.property().equals(name) || name.equals(o.alias())))
                            .as("%s reads %s: add it to RunOptions and the README's options table", ROOT.relativize(f), name)
                            .isTrue();
                }
            }
        }
    }
}
