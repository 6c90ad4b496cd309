package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.internal.difference.ColumnEstimate;

/**
 * One FAST probe along a random direction: the analytic values and the reference's estimates (one
 * entry for a scalar probe, F's entries for a vector one). Immutable once made: its estimate is
 * never written again.
 *
 * @param index the probe's place in the order directions are drawn (0-based)
 * @param analytic the user's side: ⟨G, V⟩, J·vec(V), ⟨U, J V⟩ or vec(U)ᵀ H vec(V)
 * @param reference the reference's estimate of the same values
 * @param rechecked whether the estimate is rigorous (FULL's adaptive differences) or exact
 * @param transposed for the gradient of one square input, ⟨Gᵀ, V⟩ (to recognise a transposed
 *     gradient); NaN otherwise
 */
public record Probe(int index, double[] analytic, ColumnEstimate reference, boolean rechecked, double transposed) {

    /** The number of entries. */
    public int size() {
        return analytic.length;
    }

    /** How far the analytic value of entry i lies from what the reference allows, before tolerances. */
    public double distance(int i) {
        return reference.distance(i, analytic[i]);
    }

    /** The largest magnitude the derivative at entry i can have by the reference. */
    public double magnitude(int i) {
        return reference.magnitude(i);
    }

    /** The reference's error bound at entry i. */
    public double error(int i) {
        return reference.error[i];
    }

    /** The reference's value at entry i. */
    public double value(int i) {
        return reference.value[i];
    }

    /** Whether entry i is smooth (a value ± error, not an interval at a kink). */
    public boolean smooth(int i) {
        return reference.smooth(i);
    }

    /** Whether any entry is outside its tolerance. */
    public boolean fails(Tolerance tolerance) {
        for (int i = 0; i < size(); i++) {
            if (!tolerance.admits(distance(i), error(i))) {
                return true;
            }
        }
        return false;
    }

    /** The entry furthest outside its tolerance. */
    public int worstEntry(Tolerance tolerance) {
        int worst = 0;
        double ratio = -1;
        for (int i = 0; i < size(); i++) {
            double r = distance(i) / Math.max(tolerance.allowed(error(i)), Double.MIN_VALUE);
            if (r > ratio) {
                ratio = r;
                worst = i;
            }
        }
        return worst;
    }

    /** The largest distance of the entries in units of their tolerance. */
    public double excess(Tolerance tolerance) {
        double worst = 0;
        for (int i = 0; i < size(); i++) {
            worst = Math.max(worst, distance(i) / (tolerance.allowed(error(i)) + Double.MIN_VALUE));
        }
        return worst;
    }

    /** The largest error bound of the entries. */
    public double maxError() {
        double worst = 0;
        for (int i = 0; i < size(); i++) {
            worst = Math.max(worst, error(i));
        }
        return worst;
    }
}
