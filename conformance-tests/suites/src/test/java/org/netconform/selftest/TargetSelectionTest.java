package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netconform.harness.Targets;
import org.netconform.harness.UnknownTargetException;
import org.netconform.spi.Target;

class TargetSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty(Targets.PROPERTY);
    }

    @Test
    void withoutThePropertyTheTargetIsTheReference() {
        System.clearProperty(Targets.PROPERTY);
        assertThat(Targets.selected()).extracting(Target::id).containsExactly("reference");
    }

    @Test
    void aListSelectsThoseTargetsInOrderOnce() {
        System.setProperty(Targets.PROPERTY, "broken-truncating-writer, reference,reference");
        assertThat(Targets.selected()).extracting(Target::id).containsExactly("broken-truncating-writer", "reference");
    }

    @Test
    void allSelectsEveryRegisteredTarget() {
        System.setProperty(Targets.PROPERTY, "all");
        List<String> ids = Targets.selected().stream().map(Target::id).toList();
        assertThat(ids).containsAll(Targets.registered().keySet()).contains("reference", "broken-little-endian-writer");
    }

    @Test
    void anUnknownIdFailsWithTheKnownOnes() {
        System.setProperty(Targets.PROPERTY, "reference,nettyy");
        assertThatThrownBy(Targets::selected).isInstanceOf(UnknownTargetException.class)
                .hasMessageStartingWith("unknown target 'nettyy' in -Dnetconform.target; known targets: ")
                .hasMessageContaining("reference");
    }
}
