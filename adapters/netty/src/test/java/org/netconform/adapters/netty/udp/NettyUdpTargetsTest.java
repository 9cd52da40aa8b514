package org.netconform.adapters.netty.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UDP suite against each Netty target on the kernel: every result matches the target's baseline,
 * and no socket is left open (the process's file descriptors before and after a full run).
 */
class NettyUdpTargetsTest {

    @BeforeAll
    static void warmUp() {
        UdpSuiteRun.run("netty-nio-udp"); UdpSuiteRun.run("netty-epoll-udp"); // loads classes and opens whatever the JDK keeps open once
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty-nio-udp", "netty-epoll-udp"})
    void matchesItsBaselineAndClosesEverySocket(String target) {
        int before = UdpSuiteRun.openFileDescriptors();
        long start = System.nanoTime();
        List<Map<String, String>> results = UdpSuiteRun.run(target);
        long ms = (System.nanoTime() - start) / 1_000_000;
        int after = UdpSuiteRun.openFileDescriptors();
        results.forEach(r -> System.out.println(UdpSuiteRun.describe(r)));
        System.out.println(target + ": " + results.size() + " results in " + ms + " ms; fds " + before + " -> " + after);
        assertThat(results).hasSizeGreaterThan(40)
                .allSatisfy(r -> assertThat(r.get("netconform.matchesBaseline")).as(UdpSuiteRun.describe(r)).isEqualTo("true"));
        if (after != before) {
            // something opened once (a lazily created descriptor of the JDK or of the event loop) is not a
            // leak; a leak grows with every run, so run again and require no growth
            List<String> once = UdpSuiteRun.openFileDescriptorTargets();
            UdpSuiteRun.run(target);
            List<String> twice = UdpSuiteRun.openFileDescriptorTargets();
            System.out.println(target + ": descriptors after the first run " + once + ", after the second " + twice);
            assertThat(twice).as("open file descriptors after a second full run of the UDP suite").hasSize(once.size());
        }
    }
}
