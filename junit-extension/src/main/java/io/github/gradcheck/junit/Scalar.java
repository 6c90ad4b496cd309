package io.github.gradcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A random real-number parameter of a {@link GradientTest}: a {@code double} drawn uniformly from
 * [min, max], for a function of one variable. A failing trial is shrunk toward simple values (the
 * middle of the range, its ends) as matrices are.
 *
 * <pre>{@code
 * @GradientTest(trials = 100)
 * void softplus(@Scalar(min = -3, max = 3) double x) {
 *     GradCheck.univariate(Math::log1p ...).derivative(...).at(x).assertPasses();
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Scalar {

    /** {@return the smallest value drawn} */
    double min() default -1;

    /** {@return the largest value drawn} */
    double max() default 1;
}
