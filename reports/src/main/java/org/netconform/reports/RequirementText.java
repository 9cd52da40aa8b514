package org.netconform.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The Markdown of a requirement's text, as the report shows it: prose blocks and tables. */
final class RequirementText {
    private RequirementText() {
    }

    /**
     * A requirement's text in blocks: runs of lines that start with {@code |} are a Markdown table
     * (its separator row dropped), everything else is prose whose line breaks the page keeps.
     */
    static List<Views.TextBlock> blocks(String text) {
        List<Views.TextBlock> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        List<String> prose = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("|")) {
                flushProse(prose, blocks);
                table.add(tableCells(line));
            } else {
                flushTable(table, blocks);
                prose.add(line);
            }
        }
        flushProse(prose, blocks);
        flushTable(table, blocks);
        return blocks;
    }

    private static void flushProse(List<String> prose, List<Views.TextBlock> blocks) {
        String s = String.join("\n", prose).strip();
        if (!s.isEmpty()) {
            blocks.add(new Views.TextBlock(s, false, List.of(), List.of()));
        }
        prose.clear();
    }

    private static void flushTable(List<List<String>> table, List<Views.TextBlock> blocks) {
        if (table.isEmpty()) {
            return;
        }
        List<List<String>> rows = table.stream().filter(r -> !r.stream().allMatch(c -> c.matches(":?-+:?"))).toList();
        boolean hasSeparator = rows.size() < table.size() && !rows.isEmpty();
        String raw = table.stream().map(r -> "| " + String.join(" | ", r) + " |").collect(Collectors.joining("\n"));
        blocks.add(new Views.TextBlock(raw, true, hasSeparator ? List.of(rows.get(0)) : List.of(),
                hasSeparator ? rows.subList(1, rows.size()) : rows));
        table.clear();
    }

    private static List<String> tableCells(String line) {
        String s = line.strip();
        s = s.startsWith("|") ? s.substring(1) : s;
        s = s.endsWith("|") ? s.substring(0, s.length() - 1) : s;
        return Arrays.stream(s.split("\\|", -1)).map(String::strip).toList();
    }
}
