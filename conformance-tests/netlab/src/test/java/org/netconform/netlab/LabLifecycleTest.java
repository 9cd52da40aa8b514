package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netconform.netlab.Labs.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.env.Commands;
import org.netconform.netlab.env.LabNames;
import org.netconform.netlab.env.OwnerMarker;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;
import org.netconform.netlab.nat.Masquerade;

/** Labs leave nothing behind: closed, at JVM exit, and after a kill (swept by the next run). */
class LabLifecycleTest {

    @Test
    void aLabWithoutReuseRemovesItsNamespacesOnClose() {
        assumeAvailable();
        String prefix;
        try (NamespaceLab lab = NetLab.open(LabLayout.standard(), Masquerade.asShipped(), Timers.kernelDefaults(),
                LabSettings.fromSystemProperties().withReuse(false))) {
            prefix = lab.prefix();
            assertThat(namespacesWith(prefix)).hasSize(6);
        }
        assertThat(namespacesWith(prefix)).isEmpty();
        assertThat(OwnerMarker.exists(prefix.substring(0, prefix.length() - 1))).isFalse();
    }

    @Test
    void aReusedLabStartsWithAnEmptyTableAndNoSockets() {
        assumeAvailable();
        String prefix;
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            prefix = lab.prefix();
            lab.udp(ep(IN0, 46000), ep(SERVER, 3478)).orElseThrow();
            lab.udp(ep(IN0, 46002), ep(SERVER, 3479)).orElseThrow();
            lab.tcpConnect(ep(IN0, 46001), ep(SERVER, 80));
            lab.tcpClose(ep(IN0, 46001), ep(SERVER, 80), false);
        }
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            assertThat(lab.prefix()).isEqualTo(prefix);
            assertThat(lab.conntrackTable()).doesNotContain("sport=46000").doesNotContain("sport=46001");
            // the same ports bind again at once
            assertThat(lab.udp(ep(IN0, 46002), ep(SERVER, 3479))).map(Arrival::seenSource).contains(external(46002));
            // the inside socket of the last lab is closed: the server's datagram to its old mapping finds nothing
            assertThat(lab.udp(ep(SERVER, 3478), external(46000))).isEmpty();
            // and the same 4-tuple connects again at once (the TIME_WAIT of the last lab was removed)
            assertThat(lab.tcpConnect(ep(IN0, 46001), ep(SERVER, 80)).kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
        }
    }

    @Test
    void aClosedLabRefusesOperationsAndClosesTwiceQuietly() {
        assumeAvailable();
        NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults());
        lab.close();
        lab.close();
        assertThatThrownBy(() -> lab.udp(ep(IN0, 46010), ep(SERVER, 3478))).isInstanceOf(LabException.class);
    }

    @Test
    void aDeadAgentIsALabErrorWithTheReasonAndItsEnvironmentIsNotReused() throws Exception {
        assumeAvailable();
        String prefix;
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            prefix = lab.prefix();
            ProcessHandle agent = ProcessHandle.of(lab.agentPid(SERVER)).orElseThrow();
            agent.destroyForcibly();
            agent.onExit().get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> lab.udp(ep(IN0, 46030), ep(SERVER, 3478)))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("the agent for server in namespace " + prefix + "server is gone")
                    .hasMessageContaining("exit code");
        }
        assertThat(namespacesWith(prefix)).as("a broken environment is destroyed on close").isEmpty();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            assertThat(lab.prefix()).isNotEqualTo(prefix);
            assertThat(lab.udp(ep(IN0, 46031), ep(SERVER, 3478))).isPresent();
        }
    }

    @Test
    void aRequestTheAgentCannotDoIsALabErrorButTheEnvironmentStaysInService() {
        assumeAvailable();
        String prefix;
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            prefix = lab.prefix();
            assertThat(lab.tcpConnect(ep(IN0, 46040), ep(SERVER, 80)).kind()).isEqualTo(TcpResult.Kind.ESTABLISHED);
            // the same four-tuple again while the first connection is open
            assertThatThrownBy(() -> lab.tcpConnect(ep(IN0, 46040), ep(SERVER, 80)))
                    .isInstanceOf(LabException.class).hasMessageContaining("Cannot assign requested address");
        }
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            assertThat(lab.prefix()).isEqualTo(prefix);
        }
    }

    @Test
    void endpointsOutsideTheLabAreRefused() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            assertThatThrownBy(() -> lab.udp(ep("192.0.2.1", 1000), ep(SERVER, 3478))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.udp(ep(IN0, 1000), ep("192.0.2.1", 3478))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.tcpConnect(ep(EXTERNAL, 1000), ep(SERVER, 80))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.tcpSimultaneousOpen(ep(SERVER, 1000), ep(IN0, 1000), external(1000)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSweepRemovesALabWhoseOwnerIsDead() throws Exception {
        assumeAvailable();
        Tools tools = Tools.require();
        LabNames names = LabNames.fresh();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.createDirectories(OwnerMarker.DIR);
        Files.writeString(OwnerMarker.of(names.id()), "pid=" + dead.pid() + "\nstarted=" + Instant.now() + "\n");
        Commands.run(List.of(tools.ip(), "netns", "add", names.routerNamespace())).orThrow();
        Commands.run(List.of(tools.ip(), "link", "add", names.routerServerVeth(), "type", "veth", "peer", "name",
                names.serverVeth())).orThrow();

        assertThat(StaleSweeper.sweep(tools)).contains(names.id());
        assertThat(namespacesWith(names.prefix())).isEmpty();
        assertThat(StaleSweeper.rootLinks(tools)).noneMatch(l -> l.startsWith(names.prefix()));
        assertThat(OwnerMarker.exists(names.id())).isFalse();
    }

    @Test
    void theSweepLeavesALiveOwnersLab() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            StaleSweeper.sweep(Tools.require());
            assertThat(namespacesWith(lab.prefix())).hasSize(6);
            assertThat(lab.udp(ep(IN0, 46020), ep(SERVER, 3478))).isPresent();
        }
    }

    @Test
    void aJvmThatExitsWithoutClosingLeavesNothingAndAKilledOneIsSwept() throws Exception {
        assumeAvailable();
        String exited = runHolder("exit");
        assertThat(namespacesWith(exited)).as("removed by the shutdown hook").isEmpty();

        Process killed = startHolder("wait");
        String prefix = readPrefix(killed);
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(namespacesWith(prefix)).as("a killed JVM runs no hook").hasSize(6);
        assertThat(StaleSweeper.sweep(Tools.require())).contains(prefix.substring(0, prefix.length() - 1));
        assertThat(namespacesWith(prefix)).isEmpty();
    }

    private static String runHolder(String mode) throws Exception {
        Process p = startHolder(mode);
        String prefix = readPrefix(p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return prefix;
    }

    private static Process startHolder(String mode) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LabHolder.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String readPrefix(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        assertThat(line).as("the holder's lab prefix").isNotNull().matches("nc[0-9a-z]{6}-");
        return line;
    }

    static List<String> namespacesWith(String prefix) {
        return StaleSweeper.namespaces(Tools.require()).stream().filter(n -> n.startsWith(prefix)).toList();
    }
}
