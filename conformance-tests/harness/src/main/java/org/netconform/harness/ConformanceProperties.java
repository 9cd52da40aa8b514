package org.netconform.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * On a class of jqwik properties: every {@code @Property} in it runs once per selected target, with
 * {@link org.netconform.spi.AreaAdapter} parameters resolved from that target. Pair each property
 * with {@link Requirement}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AddLifecycleHook(PerTargetPropertyHook.class)
public @interface ConformanceProperties {
}
