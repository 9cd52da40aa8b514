package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodesTest {

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
            3000, 3001, 3003, 3008, 3999, 4000, 4999})
    void sendable(int code) {
        assertThat(CloseCodes.isValidOnWire(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535, -1})
    void neverOnTheWire(int code) {
        assertThat(CloseCodes.isValidOnWire(code)).isFalse();
    }

    @Test
    void wholeRangeMatchesTheRegistryTable() {
        for (int code = 0; code <= 0xFFFF; code++) {
            boolean expected = code >= 1000 && code <= 1003
                    || code >= 1007 && code <= 1014
                    || code >= 3000 && code <= 4999;
            assertThat(CloseCodes.isValidOnWire(code)).as("code %d", code).isEqualTo(expected);
        }
    }

    @Test
    void categoriesAndNames() {
        assertThat(CloseCodes.category(1005)).isEqualTo(CloseCodes.Category.NEVER_ON_WIRE);
        assertThat(CloseCodes.category(1004)).isEqualTo(CloseCodes.Category.NEVER_ON_WIRE);
        assertThat(CloseCodes.category(1012)).isEqualTo(CloseCodes.Category.DEFINED);
        assertThat(CloseCodes.category(3008)).isEqualTo(CloseCodes.Category.DEFINED);
        assertThat(CloseCodes.category(3001)).isEqualTo(CloseCodes.Category.APPLICATION);
        assertThat(CloseCodes.category(4321)).isEqualTo(CloseCodes.Category.APPLICATION);
        assertThat(CloseCodes.category(2000)).isEqualTo(CloseCodes.Category.INVALID);
        assertThat(CloseCodes.name(1009)).contains("Message Too Big");
        assertThat(CloseCodes.name(3003)).contains("Forbidden");
        assertThat(CloseCodes.name(4000)).isEmpty();
        assertThat(CloseCodes.assigned()).hasSize(19);
    }
}
