package io.github.gradcheck.internal.difference;

import java.util.Arrays;

/**
 * Finite-difference estimate of one Jacobian column {@code J·vec(B)}, entry by entry.
 *
 * <p>For a {@link EntryKind#SMOOTH} entry the derivative is {@code value ± error}. For a
 * {@link EntryKind#KINK} or {@link EntryKind#UNSETTLED} entry it is only known to lie in
 * {@code [low, high] ± error}, the range of the one-sided slopes. Arrays are reused from column to
 * column; read them before the next estimate.
 */
public final class ColumnEstimate {

    public final EntryKind[] kind;
    public final double[] value;
    public final double[] error;
    public final double[] low;
    public final double[] high;
    public final double[] step;

    public ColumnEstimate(int outputs) {
        kind = new EntryKind[outputs];
        value = new double[outputs];
        error = new double[outputs];
        low = new double[outputs];
        high = new double[outputs];
        step = new double[outputs];
    }

    public int size() {
        return kind.length;
    }

    /** Multiplies every estimate by {@code w} (the derivative along w·B instead of B). */
    public void scale(double w) {
        if (w == 1.0) {
            return;
        }
        for (int i = 0; i < kind.length; i++) {
            value[i] *= w;
            error[i] *= w;
            low[i] *= w;
            high[i] *= w;
        }
    }

    /** Marks every entry pending; its numbers are written when it is decided ({@link #setUndefined} included). */
    void reset() {
        Arrays.fill(kind, EntryKind.PENDING);
    }

    void setUndefined(int i) {
        kind[i] = EntryKind.UNDEFINED;
        value[i] = Double.NaN;
        error[i] = Double.POSITIVE_INFINITY;
        low[i] = Double.NaN;
        high[i] = Double.NaN;
        step[i] = Double.NaN;
    }

    /**
     * Sets entry i to a derivative known exactly (up to rounding): an exact reference's value, or a
     * second-difference estimate with its error.
     */
    public void setKnown(int i, double v, double err) {
        kind[i] = EntryKind.SMOOTH;
        value[i] = v;
        low[i] = v;
        high[i] = v;
        error[i] = err;
        step[i] = Double.NaN;
    }

    void setSmooth(int i) {
        kind[i] = EntryKind.SMOOTH;
        low[i] = value[i];
        high[i] = value[i];
    }

    void setInterval(int i, EntryKind k, double left, double right, double err, double h) {
        kind[i] = k;
        low[i] = Math.min(left, right);
        high[i] = Math.max(left, right);
        value[i] = 0.5 * (left + right);
        error[i] = err;
        step[i] = h;
    }

    /** The largest magnitude the derivative at entry i can have by this estimate. */
    public double magnitude(int i) {
        return kind[i] == EntryKind.SMOOTH ? Math.abs(value[i]) : Math.max(Math.abs(low[i]), Math.abs(high[i]));
    }

    /**
     * How far {@code analytic} lies outside what finite differences allow at entry i, before
     * tolerances: {@code |a − value|} for a smooth entry, the distance to {@code [low, high]} for a
     * kink. NaN for an undefined entry.
     */
    public double distance(int i, double analytic) {
        if (kind[i] == EntryKind.SMOOTH) {
            return Math.abs(analytic - value[i]);
        }
        if (kind[i] == EntryKind.UNDEFINED) {
            return Double.NaN;
        }
        if (analytic < low[i]) {
            return low[i] - analytic;
        }
        return analytic > high[i] ? analytic - high[i] : 0.0;
    }
}
