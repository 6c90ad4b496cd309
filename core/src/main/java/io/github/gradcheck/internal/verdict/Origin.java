package io.github.gradcheck.internal.verdict;

/** Where a result that is not a pass comes from; random trials act on it. */
public enum Origin {
    /** Passed. */
    NONE,
    /** f is NaN or infinite at or arbitrarily near the point: outside f's domain; a trial is discarded. */
    FUNCTION_UNDEFINED,
    /** f has a kink at the point; a trial is moved off it. */
    KINK,
    /** Finite differences cannot resolve the derivative here; a trial is discarded. */
    UNRESOLVED,
    /** The derivative is wrong (mismatch, wrong shape, not finite, threw, mutated its argument). */
    DERIVATIVE,
    /** f itself misbehaves (threw, mutated its argument, changed shape, nondeterministic). */
    FUNCTION
}
