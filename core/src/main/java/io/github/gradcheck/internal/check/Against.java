package io.github.gradcheck.internal.check;

/** What an analytic derivative is compared with, in the order reports give them. */
enum Against {
    /** The exact derivative of a reference expression. */
    EXACT("the exact derivative", "exact"),
    /** Central differences of f (or F) along each coordinate. */
    FINITE_DIFFERENCES("finite differences", "numeric"),
    /** Second differences of a scalar f along each pair of coordinates (a Hessian without a gradient). */
    SECOND_DIFFERENCES("second differences of f", "numeric");

    /** How headlines name the reference: "matches finite differences". */
    final String words;
    /** The report's key for the reference value of an entry. */
    final String key;

    Against(String words, String key) {
        this.words = words;
        this.key = key;
    }

    /** Whether the reference carries an error estimate of its own (finite and second differences do). */
    boolean estimated() {
        return this != EXACT;
    }
}
