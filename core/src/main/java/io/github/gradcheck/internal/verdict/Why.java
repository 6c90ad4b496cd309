package io.github.gradcheck.internal.verdict;

/**
 * Why a comparison came out as it did: the typed reason behind a {@link Finding}'s status, which
 * the {@link Judge} ranks and the renderer puts into words.
 */
public enum Why {
    /** Every entry (or probe) is within tolerance. */
    MATCHES,
    /** Smooth entries that the reference resolves are outside tolerance: the derivative is wrong. */
    WRONG_ENTRIES,
    /** At a kink (one-sided slopes differ), the analytic value is not between the slopes. */
    NOT_A_SUBGRADIENT,
    /** The reference is too uncertain to judge (f too noisy or ill-conditioned at the point). */
    UNRESOLVED,
    /**
     * A gradient written into buffers is right, but it adds into buffers it never resets: a second
     * call at the same point returned the first plus the gradient.
     */
    BUFFERS_NOT_RESET,
    /** A derivative of the wrong shape was mended (transposed, summed over a batch) to learn its mistake. */
    WRONG_SHAPE,
    /** The check ended early: the user's code misbehaved or f is undefined (the {@link Problem} says how). */
    ENDED
}
