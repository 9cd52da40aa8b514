package org.netconform.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netconform.harness.SuiteLauncher;

/**
 * The UDP suite leaves no socket open on the real kernel: the process's file descriptors before and
 * after a full run of the suite against each real-stack target. (Whether the results match the
 * baselines is the conformance run's check.)
 */
class UdpTargetsCloseEverySocketTest {
    private static final String SUITES = "org.netconform.suites.udp";

    @BeforeAll
    static void warmUp() {
        // loads classes and opens what the JDK and Netty keep open once (event loops, epoll instances)
        SuiteLauncher.run("jdk-datagramsocket,netty-nio-udp,netty-epoll-udp", SUITES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk-datagramchannel", "jdk-datagramchannel-nb", "jdk-datagramsocket", "netty-nio-udp",
            "netty-epoll-udp"})
    void aFullRunClosesEverySocketItOpens(String target) {
        List<String> before = openDescriptors();
        SuiteLauncher.Run run = SuiteLauncher.run(target, SUITES);
        List<String> after = openDescriptors();
        assertThat(run.results()).as("results for %s", target).hasSizeGreaterThan(40);
        if (after.size() != before.size()) {
            // something opened once is not a leak; a leak grows with every run, so run again: no growth
            SuiteLauncher.run(target, SUITES);
            assertThat(openDescriptors()).as("open descriptors after a second full run against %s (first: %s)",
                    target, after).hasSize(after.size());
        }
    }

    /** What each open descriptor of this process points at (socket:[inode], a file, ...). */
    private static List<String> openDescriptors() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    out.add(Objects.toString(Files.readSymbolicLink(fd)));
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
        return out;
    }
}
