package org.netconform.adapters.pionvnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
    private static BoundedLineReader reader(String text, int limit) {
        return new BoundedLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
    }

    @Test
    void readsLinesWithEitherLineEnd() throws IOException {
        BoundedLineReader r = reader("one\ntwo\r\n\nläst", 10);
        assertThat(r.readLine()).isEqualTo("one");
        assertThat(r.readLine()).isEqualTo("two");
        assertThat(r.readLine()).isEmpty();
        assertThat(r.readLine()).isEqualTo("läst");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void aLineAtTheLimitPassesOneOverDoesNot() throws IOException {
        assertThat(reader("0123456789\n", 10).readLine()).isEqualTo("0123456789");
        assertThatThrownBy(() -> reader("0123456789X\n", 10).readLine())
                .isInstanceOf(BoundedLineReader.LineTooLongException.class);
    }

    @Test
    void aLineLongerThanTheBufferIsStillOneLine() throws IOException {
        String big = "x".repeat(20_000);
        assertThat(reader(big + "\nnext\n", 30_000).readLine()).hasSize(20_000);
    }
}
