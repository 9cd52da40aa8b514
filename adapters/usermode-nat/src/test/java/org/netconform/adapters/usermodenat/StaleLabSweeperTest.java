package org.netconform.adapters.usermodenat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sweeper removes this module's namespaces whose JVM is gone, and nothing else. */
@Tag("netns")
class StaleLabSweeperTest {

    @Test
    void sweepsNamespacesOfDeadRunsOnly() throws IOException, InterruptedException {
        assumeTrue(Prerequisites.root() && Commands.onPath("ip").isPresent(), "needs root and ip");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = LabNames.PREFIX + gone.pid() + "-1-r";
        String live = LabNames.PREFIX + ProcessHandle.current().pid() + "-999-r";
        String foreign = "netconform-sweeper-test-foreign";
        try {
            for (String ns : new String[] {stale, live, foreign}) {
                Namespaces.add(ns);
            }
            assertThat(StaleLabSweeper.sweep()).contains(stale).doesNotContain(live, foreign);
            assertThat(StaleLabSweeper.namespaces()).doesNotContain(stale).contains(live, foreign);
        } finally {
            for (String ns : new String[] {stale, live, foreign}) {
                Namespaces.delete(ns);
            }
        }
    }

    @Test
    void namesSayWhoseTheyAre() {
        LabNames names = LabNames.next();
        assertThat(LabNames.owner(names.router())).contains(ProcessHandle.current().pid());
        assertThat(LabNames.owner(names.inside())).contains(ProcessHandle.current().pid());
        assertThat(LabNames.owner("nc21feni-router")).isEmpty();
        assertThat(LabNames.owner("unat-12-x-r")).isEmpty();
    }
}
