package io.github.gradcheck.internal.verdict;

/** What an analytic derivative is compared with, in the order reports give them. */
public enum Against {
    /** The exact derivative of a reference expression. */
    EXACT,
    /** Central differences of f (or F) along each coordinate or direction. */
    FINITE_DIFFERENCES,
    /** Second differences of a scalar f along pairs of coordinates or directions (a Hessian without a gradient). */
    SECOND_DIFFERENCES;

    /** Whether the reference carries an error estimate of its own (finite and second differences do). */
    public boolean estimated() {
        return this != EXACT;
    }
}
