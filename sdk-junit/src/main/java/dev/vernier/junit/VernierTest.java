package dev.vernier.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a performance test class (or method): {@link VernierExtension} resolves parameters of type
 * {@link dev.vernier.core.store.ResultStore} (one per test class, on {@link #storeDirectory()},
 * closed after the class) and {@link dev.vernier.core.stats.StatisticsConfig}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(VernierExtension.class)
public @interface VernierTest {

    /** @return directory of the result store, relative to the working directory */
    String storeDirectory() default "target/vernier-results";

    /** @return confidence level of the figures' intervals (display and conservative assertions), in (0, 1) */
    double confidence() default 0.95;

    /** @return significance level of comparisons' verdicts, in (0, 0.5) */
    double alpha() default 0.05;

    /** @return noise band of relative changes in comparisons, fraction */
    double practicalThreshold() default 0.02;
}
