package io.github.gradcheck;

/**
 * Which classic mistake explains a wrong derivative. A label is given only when its hypothesis
 * explains the analytic result within the check's tolerance; otherwise {@link #UNKNOWN}.
 */
public enum Mistake {
    /** Nothing is wrong (the check passed, or it failed for a reason that is not a wrong derivative). */
    NONE,
    /** The analytic result is the transpose of the right one (also when its shape is the transposed shape). */
    TRANSPOSED,
    /** analytic ≈ c · numeric for one constant c ≠ 1, −1; {@link CheckResult#scaleFactor()} says c. */
    WRONG_SCALE,
    /** analytic ≈ −numeric. */
    WRONG_SIGN,
    /**
     * The analytic Jacobian is (about) the diagonal of the true one, which is not diagonal: a
     * coupled map such as softmax was differentiated as if it were elementwise.
     */
    ELEMENTWISE_JACOBIAN,
    /**
     * On a symmetric input the analytic gradient is {@code G + Gᵀ − G∘I} where the right one is
     * {@code (G + Gᵀ)/2}.
     */
    SYMMETRIC_GRADIENT_FORMULA,
    /**
     * A broadcast input (1×k or n×1) got a gradient of the batch's shape whose sum over the batch
     * dimension is right.
     */
    NOT_SUMMED_OVER_BATCH,
    /**
     * A gradient written into buffers adds into them and never resets them (the Java twin of
     * forgetting {@code zero_grad}): called twice at the same point, the second result is the first
     * plus the right gradient (a model's backward); or a fused value-and-gradient function adds into
     * the array it is given instead of writing it.
     */
    GRADIENT_NOT_RESET,
    /**
     * A vjp ignores its upstream gradient G: it returns the same matrix whatever G is (a ReLU
     * backward written {@code g = y > 0 ? 1 : 0} instead of multiplying G by that mask). Two calls
     * with different G tell it, with no finite differences.
     */
    UPSTREAM_GRADIENT_IGNORED,
    /** The derivative is wrong in a way none of the other labels explains. */
    UNKNOWN
}
