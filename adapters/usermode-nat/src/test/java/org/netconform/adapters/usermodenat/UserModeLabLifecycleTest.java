package org.netconform.adapters.usermodenat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netconform.netlab.env.OwnerMarker;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;

/**
 * A user-mode lab a JVM leaves open is gone after the JVM exits (the shutdown hook) or is killed (netlab's
 * sweep in the next run): namespaces, marker, and the NAT process (slirp4netns exits when its stdin, the
 * exit fd, closes; pasta when the namespace it serves is deleted).
 */
@Tag("netns")
class UserModeLabLifecycleTest {

    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "pasta"})
    void aJvmThatExitsWithALabOpenLeavesNothing(String nat) throws Exception {
        UserModeNatLabTest.adapter(nat);
        Process holder = startHolder(nat, "exit");
        String[] idAndPid = readLine(holder).split(" ");
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertGone(idAndPid[0], Long.parseLong(idAndPid[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "pasta"})
    void aKilledJvmsLabIsSweptByTheNextRun(String nat) throws Exception {
        UserModeNatLabTest.adapter(nat);
        Process holder = startHolder(nat, "wait");
        String[] idAndPid = readLine(holder).split(" ");
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String id = idAndPid[0];
        assertThat(UserModeNatLabTest.namespacesNow()).as("a killed JVM runs no hook").anyMatch(n -> n.startsWith(id + "-"));
        assertThat(StaleSweeper.sweep(Tools.require())).contains(id);
        assertGone(id, Long.parseLong(idAndPid[1]));
    }

    private static void assertGone(String id, long natPid) throws InterruptedException {
        assertThat(UserModeNatLabTest.namespacesNow()).noneMatch(n -> n.startsWith(id + "-"));
        assertThat(OwnerMarker.exists(id)).isFalse();
        // the NAT notices on its own (stdin closed, namespace deleted): give it a moment
        long end = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.of(natPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(natPid).map(ProcessHandle::isAlive).orElse(false)).as("NAT process " + natPid).isFalse();
    }

    private static Process startHolder(String nat, String mode) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UserModeLabHolder.class.getName(), nat, mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String readLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("the holder's lab id and NAT pid").isNotNull();
        return line;
    }
}
