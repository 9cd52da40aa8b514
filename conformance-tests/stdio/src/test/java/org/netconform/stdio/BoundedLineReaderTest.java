package org.netconform.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The line reader under the process: line ends, the limit to the byte, lines longer than its buffer, the byte count. */
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
    void aLineLongerThanTheBufferIsStillOneLineAndEveryByteIsCounted() throws IOException {
        String big = "x".repeat(200_000);
        BoundedLineReader r = reader(big + "\nnext\n", 300_000);
        assertThat(r.readLine()).hasSize(200_000);
        assertThat(r.readLine()).isEqualTo("next");
        assertThat(r.total()).isEqualTo(200_006);
    }
}
