package org.netconform.adapters.usermodenat;

import org.netconform.spi.nat.NatLabOptions;

/**
 * A JVM that opens a user-mode lab and never closes it, for {@link UserModeLabLifecycleTest}: prints the
 * lab's id and the NAT's pid, then exits (the shutdown hook must clean up) or waits to be killed (the next
 * sweep must).
 */
public final class UserModeLabHolder {
    public static void main(String[] args) throws Exception {
        UserModeLab lab = (UserModeLab) UserModeNatLabTest.adapter(args[0]).open(NatLabOptions.defaults());
        System.out.println(lab.id() + " " + lab.natPid());
        System.out.flush();
        if (args[1].equals("wait")) {
            Thread.sleep(120_000);
        }
        System.exit(0);
    }
}
