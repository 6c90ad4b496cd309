package io.github.gradcheck.internal.verdict;

/**
 * Whether a gradient written into buffers kept adding into them: called twice at the same point, it
 * returned different gradients, and what is compared is what the second call added.
 */
public enum Accumulates {
    /** The gradient was the same on a second call (or it is not written into buffers). */
    NO,
    /** A backward that adds into gradient buffers of its own and never resets them. */
    OWN_BUFFERS,
    /** A fused value-and-gradient function that adds into the array it is given instead of writing it. */
    GIVEN_BUFFER
}
