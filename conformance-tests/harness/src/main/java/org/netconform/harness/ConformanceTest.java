package org.netconform.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Jupiter scenario that runs once per selected target. Parameters whose type is an
 * {@link org.netconform.spi.AreaAdapter} are the target's adapters; a target without one is
 * UNSUPPORTED for the test. Pair it with {@link Requirement}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ConformanceExtension.class)
public @interface ConformanceTest {
}
