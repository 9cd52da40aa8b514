package org.netconform.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The requirement IDs a test or property checks. The build refuses an ID that the spec does not
 * define, and a MUST or SHOULD that no test names. Name one ID unless the test truly checks several:
 * a failure is attributed to every ID named.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requirement {
    String[] value();
}
