package org.netconform.netlab.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabNamesTest {

    @Test
    void interfaceNamesFitLinuxsFifteenCharacters() {
        LabNames n = LabNames.fresh();
        List<String> links = List.of(n.routerInsideVeth(9), n.insideVeth(9), n.routerServerVeth(), n.serverVeth(),
                n.routerOtherVeth(), n.otherVeth());
        assertThat(links).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(15));
    }

    @Test
    void everyNameCarriesTheRunPrefixOfTheFamily() {
        LabNames n = LabNames.fresh();
        List<String> all = List.of(n.routerNamespace(), n.insideNamespace(0), n.serverNamespace(), n.otherNamespace(),
                n.routerInsideVeth(0), n.routerServerVeth(), n.natTable(), n.hostFilterTable());
        assertThat(all).allSatisfy(s -> {
            assertThat(s).startsWith(n.prefix());
            assertThat(LabNames.FAMILY.matcher(s).find()).isTrue();
        });
        assertThat(LabNames.fresh().id()).isNotEqualTo(n.id());
    }
}
