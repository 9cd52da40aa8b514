package org.netconform.harness;

import java.util.List;

/**
 * Shard {@code i} of {@code n} ({@code -Dnetconform.shard=i/n}, 1-based): the run's (target, area) units,
 * in the order the targets are named and the spec lists its areas, are dealt round-robin, so every unit
 * runs in exactly one shard and the same selection always splits the same way.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String[] p = text.strip().split("/");
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].strip());
                int n = Integer.parseInt(p[1].strip());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new Shard(i, n);
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, e.g. 2/4; got '" + text.strip() + "'");
    }

    public static Shard current() {
        return parse(RunOptions.get(RunOptions.SHARD));
    }

    /** Whether this shard runs target number {@code targetIndex}'s tests of the area number {@code areaIndex}. */
    public boolean owns(int targetIndex, int areaIndex, int areaCount) {
        return count == 1 || (targetIndex * areaCount + areaIndex) % count == index - 1;
    }

    /** Whether this shard runs {@code target}'s tests of {@code area}, given the run's targets and areas. */
    public boolean owns(List<String> targets, String target, List<String> areas, String area) {
        int t = targets.indexOf(target);
        int a = areas.indexOf(area);
        if (count == 1) {
            return true;
        }
        if (t < 0 || a < 0) {
            // not in the lists: the first shard takes it, so it runs once
            return index == 1;
        }
        return owns(t, a, areas.size());
    }

    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
