package org.netconform.netlab.env;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The names of everything one lab environment makes: {@code nc} and six random characters, a dash, then
 * the part's role. Interface names stay within Linux's 15 characters ({@code ncab12cd-r-srv} is 14).
 * The owning process is recorded in a marker file under {@code /run/netconform/}, named by the id.
 */
public record LabNames(String id) {

    /** The family every run's names belong to; {@link StaleSweeper} looks only at these. */
    public static final Pattern FAMILY = Pattern.compile("^(nc[0-9a-z]{6})-");

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public LabNames {
        if (!FAMILY.matcher(id + "-").find()) {
            throw new IllegalArgumentException("not a lab id: " + id);
        }
    }

    public static LabNames fresh() {
        StringBuilder b = new StringBuilder("nc");
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new LabNames(b.toString());
    }

    public String prefix() {
        return id + "-";
    }

    public String routerNamespace() {
        return prefix() + "router";
    }

    public String insideNamespace(int i) {
        return prefix() + "in" + i;
    }

    public String serverNamespace() {
        return prefix() + "server";
    }

    public String otherNamespace() {
        return prefix() + "other";
    }

    /** The router's end of the veth to inside host {@code i}. */
    public String routerInsideVeth(int i) {
        return prefix() + "r-in" + i;
    }

    /** Inside host {@code i}'s end of its veth. */
    public String insideVeth(int i) {
        return prefix() + "in" + i;
    }

    public String routerServerVeth() {
        return prefix() + "r-srv";
    }

    public String serverVeth() {
        return prefix() + "srv";
    }

    public String routerOtherVeth() {
        return prefix() + "r-oth";
    }

    public String otherVeth() {
        return prefix() + "oth";
    }

    /** The router's NAT table, replaced whole each time a lab opens. */
    public String natTable() {
        return prefix() + "nat";
    }

    /** The outside hosts' own filter table (a simultaneous open holds back the crossing SYN with it). */
    public String hostFilterTable() {
        return prefix() + "hostfw";
    }
}
