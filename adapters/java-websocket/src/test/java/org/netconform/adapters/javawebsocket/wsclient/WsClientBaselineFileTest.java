package org.netconform.adapters.javawebsocket.wsclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netconform.harness.Baseline;
import org.netconform.spec.SpecCatalog;

/**
 * The baseline of java-websocket-client names only requirements that exist. Whether each result matches it is checked
 * where the client suite runs against every bundled target: the conformance-run module fails on any
 * result that differs from a baseline, so this module does not run the suite a second time.
 */
class WsClientBaselineFileTest {
    @Test
    void everyLineNamesAnExistingRequirement() {
        Baseline baseline = Baseline.load("java-websocket-client", getClass().getClassLoader());
        assertThat(baseline.entries().keySet()).as(baseline.resource()).isNotEmpty()
                .allSatisfy(key -> assertThat(SpecCatalog.bundled().find(key.split("@", 2)[0])).as(key).isPresent());
    }
}
