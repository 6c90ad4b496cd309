package io.github.gradcheck;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;

/**
 * The result of one derivative check. Immutable.
 *
 * <p>{@link #report()} is for a person; tests and tools read {@link #status()},
 * {@link #mistake()} and the {@linkplain #facts() facts} instead of parsing it.
 */
public interface CheckResult {

    /** {@return true exactly when {@link #status()} is {@link Status#PASSED}} */
    boolean passed();

    /** {@return what happened} */
    Status status();

    /** {@return which classic mistake explains a failure; {@link Mistake#NONE} when there is no wrong derivative} */
    Mistake mistake();

    /** {@return for {@link Mistake#WRONG_SCALE}: the c with analytic ≈ c · numeric; empty otherwise} */
    OptionalDouble scaleFactor();

    /**
     * The largest |analytic − numeric| over all compared entries (for an entry at a kink, the
     * distance to the interval of one-sided slopes). NaN when no entry was compared.
     *
     * @return the largest |analytic − numeric| over all compared entries (for an entry at a kink, the
     *     distance to the interval of one-sided slopes)
     */
    double maxAbsError();

    /**
     * {@link #maxAbsError()} relative to the derivative's own scale: the largest |numeric| entry
     * of the same input's derivative. NaN when no entry was compared.
     *
     * @return {@link #maxAbsError()} relative to the derivative's own scale: the largest |numeric| entry of
     *     the same input's derivative
     */
    double maxRelError();

    /**
     * The mode whose comparison decided this result: {@link Mode#FULL} (every coordinate) or
     * {@link Mode#FAST} (random directions), never AUTO. When FAST failed on an input small enough
     * for FULL and FULL then ran for the entry-level report, the mode whose verdict stands (the
     * report names both). For a check that ended before comparing (the function threw, say), the
     * mode it was going to run.
     *
     * @return the mode whose comparison decided this result: {@link Mode#FULL} (every coordinate) or {@link
     *     Mode#FAST} (random directions), never AUTO
     */
    Mode mode();

    /** {@return how many times the user's f (or F) was called} */
    long evaluations();

    /** {@return the seed of every random choice the check made; rerunning with it reproduces the check} */
    long seed();

    /** {@return the exception a user function threw, for {@link Status#THREW}} */
    Optional<Throwable> cause();

    /**
     * The analytic derivative of each differentiated input, as compared, when it has at most
     * 65,536 entries (empty otherwise, and when the check ended before comparing). For a scalar
     * f, the gradient in the input's shape (for a symmetric input its symmetric part (G + Gᵀ)/2);
     * for a matrix map, the Jacobian with one column per perturbed coordinate. Entries that were
     * not compared (outside a diagonal or triangular structure) are NaN. Copies.
     *
     * @return the analytic derivative of each differentiated input, as compared, when it has at most 65,536
     *     entries (empty otherwise, and when the check ended before comparing)
     */
    Map<String, DMatrixRMaj> analytic();

    /** {@return the numerical derivative, in the layout of {@link #analytic()}. Copies} */
    Map<String, DMatrixRMaj> numeric();

    /**
     * A picture of the derivative the report is about, as an SVG document: the analytic and the
     * numerical (or exact) derivatives as heatmaps on one colour scale (blue negative, white zero,
     * red positive; each cell shows its value on hover), and their difference on its own scale.
     * Empty when no derivative was kept (see {@link #analytic()}).
     *
     * @return a picture of the derivative the report is about, as an SVG document: the analytic and the
     *     numerical (or exact) derivatives as heatmaps on one colour scale (blue negative, white zero, red
     *     positive; each cell shows its value on hover), and their difference on its own scale
     */
    Optional<String> picture();

    /** {@return the first line of the report: what happened, in words} */
    String headline();

    /**
     * The facts of the report, in order: {@code status}, {@code mistake}, {@code input},
     * {@code worst entry}, {@code analytic}, {@code numeric}, {@code abs error}, {@code rel error},
     * {@code tolerance}, {@code evaluations}, … whichever apply. Unmodifiable.
     *
     * @return the facts of the report, in order: {@code status}, {@code mistake}, {@code input}, {@code worst
     *     entry}, {@code analytic}, {@code numeric}, {@code abs error}, {@code rel error}, {@code tolerance},
     *     {@code evaluations}, … whichever apply
     */
    Map<String, String> facts();

    /** {@return the headline and the facts as aligned {@code key : value} lines, for a person} */
    String report();
}
