package io.github.gradcheck;

/**
 * How a check compares derivatives with finite differences.
 *
 * <ul>
 *   <li>{@link #FULL}: central differences along every coordinate of every differentiated input:
 *       the whole Jacobian, entry by entry, located and diagnosed. About 4 to 6 evaluations of f per
 *       coordinate.</li>
 *   <li>{@link #FAST}: directional derivatives along a few random signed Gaussian directions V,
 *       2k + 4 evaluations whatever the input's size (k = 5 directions for a gradient, a jvp, a
 *       Jacobian or a Kronecker form, compared as ⟨G, V⟩ or J·vec(V); k = 8 pairs U, V for a vjp,
 *       compared as ⟨U, J V⟩). A derivative wrong by 60 times the tolerance widened by the
 *       finite-difference error bound (at most twice the tolerance; in the norm the directions
 *       see) slips through with probability below 1e-9; reports state it as their
 *       {@code guarantee}, and the argument is in the source of the probes. When a probe fails on an input small
 *       enough for FULL, FULL runs to give the entry-level report and the mistake.</li>
 *   <li>{@link #AUTO} (the default): FULL up to {@value #AUTO_LIMIT} free coordinates (over all
 *       differentiated inputs), FAST above.</li>
 * </ul>
 */
public enum Mode {
    /** FULL up to {@value #AUTO_LIMIT} free coordinates, FAST above (the default). */
    AUTO,
    /** Central differences along every coordinate: the whole Jacobian, entry by entry. */
    FULL,
    /** Directional derivatives along a few random directions, at a cost independent of the size. */
    FAST;

    /** AUTO checks in FULL mode up to this many free coordinates, in FAST mode above. */
    public static final int AUTO_LIMIT = 2000;
}
