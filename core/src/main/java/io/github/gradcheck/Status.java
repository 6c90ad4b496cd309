package io.github.gradcheck;

/** The outcome of a derivative check. Only {@link #PASSED} counts as a pass. */
public enum Status {
    /** The analytic derivative matches the numerical one within tolerance. */
    PASSED,
    /** The analytic derivative differs from the numerical one beyond tolerance. */
    MISMATCH,
    /** A function returned a matrix of the wrong shape (the report names both shapes). */
    SHAPE_MISMATCH,
    /** f, F or the derivative is NaN or infinite at (or arbitrarily close to) the point. */
    NON_FINITE,
    /** A user function modified one of its arguments. */
    INPUT_MUTATED,
    /** f evaluated twice at the same point gave different values, beyond rounding. */
    NONDETERMINISTIC,
    /**
     * f has a kink at the point (one-sided differences disagree) and the analytic value is not
     * between the one-sided slopes, so it is not a subgradient.
     */
    NOT_DIFFERENTIABLE,
    /**
     * Finite differences cannot judge the derivative at this point: f is too noisy or too
     * ill-conditioned there (their error exceeds a quarter of the derivative's own scale), so
     * neither a pass nor a mismatch would be honest. Check at a better-conditioned point, or
     * compute f more accurately. Random trials discard such a draw.
     */
    INCONCLUSIVE,
    /** A user function threw; the exception is the result's {@linkplain CheckResult#cause() cause}. */
    THREW
}
