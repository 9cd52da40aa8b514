package org.netconform.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private static List<SpecRequirement> parse(String... lines) {
        return SpecParser.parse("demo", "demo.md", List.of(lines));
    }

    @Test
    void parsesAWellFormedRequirement() {
        List<SpecRequirement> reqs = parse(
                "# Demo", "", "Intro prose.", "",
                "### WS-FRAME-3 · MUST · receiver · codec, endpoint",
                "A receiver fails the connection", "when an RSV bit is set.",
                "Source: RFC 6455 §5.2", "");
        assertThat(reqs).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("WS-FRAME-3");
            assertThat(r.level()).isEqualTo(Level.MUST);
            assertThat(r.roles()).containsExactly("receiver");
            assertThat(r.layers()).containsExactlyInAnyOrder(Layer.CODEC, Layer.ENDPOINT);
            assertThat(r.text()).isEqualTo("A receiver fails the connection when an RSV bit is set.");
            assertThat(r.source()).isEqualTo("RFC 6455 §5.2");
            assertThat(r.line()).isEqualTo(5);
            assertThat(r.family()).isEqualTo("WS-FRAME");
            assertThat(r.isWithdrawn()).isFalse();
        });
    }

    @Test
    void keepsWithdrawnRequirements() {
        assertThat(parse("### BO-X-1 · SHOULD · reader · codec", "Old.", "Source: RFC 1", "Withdrawn: merged into BO-X-2"))
                .singleElement().satisfies(r -> assertThat(r.withdrawn()).contains("merged into BO-X-2"));
    }

    @Test
    void rejectsAnUnknownLevelWithFileAndLine() {
        assertThatThrownBy(() -> parse("", "### BO-X-1 · MUSTN'T · reader · codec", "Text.", "Source: RFC 1"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessage("demo.md:2: unknown level 'MUSTN'T' (one of MUST, SHOULD, MAY, INFO)");
    }

    @Test
    void rejectsAnUnknownLayer() {
        assertThatThrownBy(() -> parse("### BO-X-1 · MUST · reader · wire", "Text.", "Source: RFC 1"))
                .hasMessage("demo.md:1: unknown layer 'wire' (one of codec, model, endpoint)");
    }

    @Test
    void rejectsAMissingSource() {
        assertThatThrownBy(() -> parse("### BO-X-1 · MUST · reader · codec", "Text without a source.", "### BO-X-2 · MUST · reader · codec", "T.", "Source: S"))
                .hasMessage("demo.md:1: BO-X-1 has no 'Source:' line");
    }

    @Test
    void rejectsAMalformedHeadingOrId() {
        assertThatThrownBy(() -> parse("### BO-X-1 · MUST · codec", "T.", "Source: S"))
                .hasMessageStartingWith("demo.md:1: a requirement heading is");
        assertThatThrownBy(() -> parse("### bo-x · MUST · reader · codec", "T.", "Source: S"))
                .hasMessage("demo.md:1: malformed ID 'bo-x' (expected e.g. WS-FRAME-3)");
    }

    @Test
    void rejectsDuplicateIdsWithBothPlaces() {
        List<SpecRequirement> a = SpecParser.parse("a", "a.md", List.of("### BO-X-1 · MUST · reader · codec", "T.", "Source: S"));
        List<SpecRequirement> b = SpecParser.parse("b", "b.md", List.of("", "### BO-X-1 · MUST · reader · codec", "T.", "Source: S"));
        assertThatThrownBy(() -> SpecCatalog.of(java.util.stream.Stream.concat(a.stream(), b.stream()).toList()))
                .hasMessage("b.md:2: duplicate ID BO-X-1 (first defined at a.md:1)");
    }

    @Test
    void theBundledSpecParses() {
        assertThat(SpecCatalog.bundled().all()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.source()).isNotBlank());
    }
}
