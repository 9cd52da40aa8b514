package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.env.Commands;
import org.netconform.netlab.env.EnvironmentPool;
import org.netconform.netlab.env.OwnerMarker;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;

/** Runs last: once this JVM's labs are shut down, nothing with any of their prefixes is left. */
@Order(Integer.MAX_VALUE)
class NoLeftoversTest {

    @Test
    void noNamespaceLinkTableOrMarkerOfThisRunIsLeft() {
        Labs.assumeAvailable();
        Set<String> ids = EnvironmentPool.idsBuilt();
        NetLab.shutdown();
        Tools tools = Tools.require();
        List<String> namespaces = StaleSweeper.namespaces(tools);
        List<String> links = StaleSweeper.rootLinks(tools);
        String tables = Commands.run(List.of(tools.nft(), "list", "tables")).orThrow().out();
        for (String id : ids) {
            assertThat(namespaces).noneMatch(n -> n.startsWith(id + "-"));
            assertThat(links).noneMatch(n -> n.startsWith(id + "-"));
            assertThat(tables).doesNotContain(id + "-");
            assertThat(OwnerMarker.exists(id)).as("marker of %s", id).isFalse();
        }
    }
}
