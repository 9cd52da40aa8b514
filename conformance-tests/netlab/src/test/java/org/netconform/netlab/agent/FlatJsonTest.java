package org.netconform.netlab.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void writesAndReadsBackEveryKindOfValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 42L);
        m.put("ok", true);
        m.put("none", null);
        m.put("error", "java.io.IOException: \"quoted\"\\ back\nnext\tline \u0001");
        m.put("negative", -7L);
        assertThat(FlatJson.read(FlatJson.write(m))).isEqualTo(m);
    }

    @Test
    void readsWhitespaceAndUnicodeEscapes() {
        assertThat(FlatJson.read(" { \"a\" : \"\\u00e9\\/\" , \"b\":false } ")).containsEntry("a", "é/").containsEntry("b", false);
        assertThat(FlatJson.read("{}")).isEmpty();
    }

    @Test
    void refusesWhatIsNotAFlatObject() {
        assertThatThrownBy(() -> FlatJson.read("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.read("{\"a\":[1]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.read("OpenJDK 64-Bit Server VM warning")).isInstanceOf(IllegalArgumentException.class);
    }
}
