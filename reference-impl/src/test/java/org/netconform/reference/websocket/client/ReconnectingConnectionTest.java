package org.netconform.reference.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectingConnectionTest {

    @Test
    void everyDelayIsLongerThanTheOneBeforeUntilTheCap() {
        for (int n = 1; n < 5; n++) {
            long longest = ReconnectingConnection.delayMillis(n, 200, 5000, 0.999);
            long shortestNext = ReconnectingConnection.delayMillis(n + 1, 200, 5000, 0.0);
            assertThat(shortestNext).as("attempt %d after attempt %d", n + 1, n).isGreaterThan(longest);
        }
        assertThat(ReconnectingConnection.delayMillis(1, 200, 5000, 0.0)).isEqualTo(200);
        assertThat(ReconnectingConnection.delayMillis(40, 200, 5000, 0.5)).isEqualTo(5000);
    }
}
