package io.github.gradcheck.junit;

import io.github.gradcheck.Structure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shape and structure of a random matrix parameter of a {@link GradientTest}: a
 * {@code DMatrixRMaj} or a {@code double[][]} (for code without EJML). Parameters that use the
 * same dimension name get the same size. Each call gets fresh matrices; changing them changes
 * nothing.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Shape {

    /** {@return the rows: a dimension name from {@link GradientTest#dims()}, or a number ({@code "3"})} */
    String rows();

    /** {@return the columns: a dimension name from {@link GradientTest#dims()}, or a number ({@code "3"})} */
    String cols();

    /** {@return what kind of matrix to draw} */
    Structure structure() default Structure.GAUSSIAN;
}
