package org.netconform.adapters.usermodenat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netconform.netlab.LabException;

/**
 * slirp4netns (libslirp) in the router namespace with {@code --cidr=198.51.100.0/24}: its gateway is
 * 198.51.100.2. No port forwards are added (its API socket is not even opened): inbound traffic that
 * reaches the inside is what the NAT itself lets in, not a forward. The inside interface is configured
 * here rather than with {@code --configure}, which would give it slirp's guest address 198.51.100.100
 * instead of the topology's inside hosts.
 */
final class Slirp4netnsNat implements UserModeNat {
    static final String GATEWAY = "198.51.100.2";
    static final String DEVICE = "tap0";

    @Override
    public String id() {
        return "slirp4netns";
    }

    @Override
    public String program() {
        return "slirp4netns";
    }

    @Override
    public String insideDevice() {
        return DEVICE;
    }

    @Override
    public String debianPackage() {
        return "slirp4netns";
    }

    @Override
    public String description() {
        return Versions.of("slirp4netns", "--version")
                + "; --cidr=198.51.100.0/24 --disable-host-loopback --disable-dns, no port forwards";
    }

    @Override
    public Running start(String router, String inside, List<String> insideAddresses, Path log) {
        Process p;
        try {
            p = new ProcessBuilder(Programs.require("ip").toString(), "netns", "exec", router, Programs.require("slirp4netns").toString(), "--netns-type=path",
                    "--cidr=198.51.100.0/24", "--disable-host-loopback", "--disable-dns",
                    // stdin is the exit fd (it exits when the harness closes it or dies); stdout says "ready"
                    "--exit-fd=0", "--ready-fd=1", "/run/netns/" + inside, DEVICE)
                    .redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new LabException("cannot start slirp4netns: " + e.getMessage(), e);
        }
        NatProcess running = new NatProcess(p, true);
        try {
            awaitReady(p.getInputStream(), log);
            Programs.ip(inside, "link", "set", DEVICE, "up");
            for (String address : insideAddresses) {
                Programs.ip(inside, "addr", "add", address + "/24", "dev", DEVICE);
            }
            Programs.ip(inside, "route", "add", "default", "via", GATEWAY, "dev", DEVICE);
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** slirp4netns writes "1" to its ready fd once the tap device is in the namespace. */
    private static void awaitReady(InputStream ready, Path log) {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return ready.read();
            } catch (IOException e) {
                return -1;
            }
        });
        int c;
        try {
            c = first.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LabException("slirp4netns was not ready within 10 s; see " + log);
        }
        if (c != '1') {
            throw new LabException("slirp4netns ended before it was ready; see " + log);
        }
    }
}
