package org.netconform.reports;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File names and HTML anchors derived from requirement IDs and target IDs. Requirement IDs match
 * {@code [A-Z0-9-]+} and are used as they are; anything else (an ID a test names that is not in the
 * spec, say) is hex-escaped behind a lower-case prefix, which no valid ID can produce. Target IDs
 * can be URLs ({@code ws://host:port/}), so they are escaped the same way when needed.
 */
public final class SafeNames {
    private static final Pattern REQUIREMENT_ID = Pattern.compile("[A-Z0-9-]{1,100}");
    private static final Pattern PLAIN_TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SafeNames() {
    }

    public static boolean isValidRequirementId(String id) {
        return id != null && REQUIREMENT_ID.matcher(id).matches();
    }

    /** The page of a requirement, relative to the report directory, e.g. {@code requirements/BO-ORDER-1.html}. */
    public static String requirementPage(String id) {
        return "requirements/" + requirementFileStem(id) + ".html";
    }

    static String requirementFileStem(String id) {
        return isValidRequirementId(id) ? id : "x-" + hex(id);
    }

    /** The directory of a target's results.json, relative to the report directory. */
    public static String targetDir(String target) {
        // one rule for the folder, shared with the harness, which writes files beside results.json
        return org.netconform.harness.result.ReportFiles.targetDir(target);
    }

    /** An HTML id for a target's section on a requirement page. */
    public static String targetAnchor(String target) {
        return "target-" + targetDir(target);
    }

    /** The stem of a grid's page: the grid's ID when it is plain, otherwise hex-escaped behind {@code x-}. */
    public static String gridStem(String id) {
        return id != null && PLAIN_TARGET.matcher(id).matches() ? id : "x-" + hex(String.valueOf(id));
    }

    /** An HTML id for an area's group in the index. */
    public static String areaAnchor(String area) {
        return "area-" + (area != null && PLAIN_TARGET.matcher(area).matches() ? area : hex(String.valueOf(area)));
    }

    private static String hex(String s) {
        String h = HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
        return h.length() > 200 ? h.substring(0, 200) + "-" + Integer.toHexString(s.hashCode()) : h;
    }
}
