package org.netconform.reports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTest {
    @Test
    void validIdsAreUsedAsTheyAre() {
        assertThat(SafeNames.requirementPage("WS-FRAME-3")).isEqualTo("requirements/WS-FRAME-3.html");
    }

    @Test
    void anythingElseIsHexEscaped() {
        for (String id : new String[]{"../x", "a/b", "ws-frame-3", "WS FRAME", "", "CON\u0000", "É-1"}) {
            assertThat(SafeNames.requirementPage(id)).as(id).matches("requirements/x-[0-9a-f]*\\.html");
        }
        assertThat(SafeNames.requirementPage("x".repeat(10_000)).length()).isLessThan(250);
    }

    @Test
    void targetDirectoriesAreSafe() {
        assertThat(SafeNames.targetDir("netty")).isEqualTo("netty");
        assertThat(SafeNames.targetDir("ws://127.0.0.1:9001/")).matches("t-[0-9a-f]+");
        assertThat(SafeNames.targetDir("..")).matches("t-[0-9a-f]+");
        assertThat(SafeNames.targetDir("requirements")).matches("t-[0-9a-f]+");
    }
}
