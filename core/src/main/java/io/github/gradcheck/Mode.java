package io.github.gradcheck;

/**
 * How a check compares derivatives with finite differences.
 *
 * <ul>
 *   <li>{@link #FULL}: central differences along every coordinate of every differentiated input:
 *       the whole Jacobian, entry by entry, located and diagnosed. About 6 evaluations of f per
 *       coordinate.</li>
 *   <li>{@link #FAST}: directional derivatives along a few random signed Gaussian directions,
 *       at most 2k + a few evaluations whatever the input's size (k = 9 for a gradient, 14 for a
 *       matrix map). A wrong derivative slips through with probability below 1e-9 (the argument
 *       is in the javadoc of {@code GradCheck}). When a probe fails on an input small enough for
 *       FULL, FULL runs to give the entry-level report and the mistake.</li>
 *   <li>{@link #AUTO} (the default): FULL up to {@value #AUTO_LIMIT} free coordinates (over all
 *       differentiated inputs), FAST above.</li>
 * </ul>
 */
public enum Mode {
    AUTO,
    FULL,
    FAST;

    /** AUTO checks in FULL mode up to this many free coordinates, in FAST mode above. */
    public static final int AUTO_LIMIT = 2000;
}
