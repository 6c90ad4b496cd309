package io.github.gradcheck.junit;

import io.github.gradcheck.Structure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shape and structure of a random matrix parameter of a {@link GradientTest}: a
 * {@code DMatrixRMaj} or a {@code double[][]} (for code without EJML), or a vector: a
 * {@code double[]} or {@code float[]} of {@code rows} entries ({@code @Shape(rows = "n")}; its
 * columns are 1). Parameters that use the same dimension name get the same size. Each call gets
 * fresh values; changing them changes nothing.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Shape {

    /** {@return the rows: a dimension name from {@link GradientTest#dims()}, or a number ({@code "3"})} */
    String rows();

    /**
     * {@return the columns: a dimension name from {@link GradientTest#dims()}, or a number
     * ({@code "3"}); 1 by default, as for a vector}
     */
    String cols() default "1";

    /** {@return what kind of matrix to draw} */
    Structure structure() default Structure.GAUSSIAN;
}
