package io.github.gradcheck.internal.verdict;

/**
 * The tolerance of a comparison: an entry (or a probe) passes when
 * {@code |analytic − reference| ≤ error + atol + rtol·scale}, where error is the reference's own
 * error bound (a finite-difference estimate; 0 for an exact reference) and scale the derivative's
 * own scale (its largest reference entry). This is the one place the rule is written. Immutable.
 *
 * @param rtol relative tolerance, a fraction of the scale
 * @param atol absolute tolerance
 * @param scale the derivative's scale S
 */
public record Tolerance(double rtol, double atol, double scale) {

    /** The distance allowed at an entry whose reference has error bound {@code error}. */
    public double allowed(double error) {
        return error + atol + rtol * scale;
    }

    /** Whether a distance is within what is allowed at an entry with that reference error. */
    public boolean admits(double distance, double error) {
        return distance <= allowed(error);
    }

    /** The part of the allowance that does not depend on the entry: atol + rtol·S. */
    public double bar() {
        return atol + rtol * scale;
    }

    /** This tolerance at another scale. */
    public Tolerance atScale(double newScale) {
        return new Tolerance(rtol, atol, newScale);
    }
}
