package io.github.gradcheck.internal.difference;

/** What finite differences learned about one entry of a Jacobian column. */
public enum EntryKind {
    /** Not yet decided (only during estimation). */
    PENDING,
    /** Smooth: central differences converged; value ± error. */
    SMOOTH,
    /** A kink: the one-sided slopes disagree at every step; the derivative lies between them. */
    KINK,
    /** Differences never settled at any step; only the one-sided slopes of the smallest step are known. */
    UNSETTLED,
    /** The function was not finite at any step near the point along this coordinate. */
    UNDEFINED
}
