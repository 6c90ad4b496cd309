package io.github.gradcheck.internal.difference;

import java.util.Arrays;

/**
 * Finite-difference estimate of one Jacobian column {@code J·vec(B)}, entry by entry.
 *
 * <p>For a {@link EntryKind#SMOOTH} entry the derivative is {@code value ± error}. For a
 * {@link EntryKind#KINK} or {@link EntryKind#UNSETTLED} entry it is only known to lie in
 * {@code [low, high] ± error}, the range of the one-sided slopes (low and high are not kept for a
 * smooth entry). Arrays are reused from column to column; read them before the next estimate.
 * An estimate made by {@link #known} holds values and errors only (low, high and step are empty):
 * every entry is {@link #setKnown set} to a value, as for a FAST probe of a million entries.
 */
public final class ColumnEstimate {

    /** The kind of each entry, as {@link EntryKind} ordinals (bytes: cheap to reset for wide columns). */
    private final byte[] kinds;
    public final double[] value;
    public final double[] error;
    public final double[] low;
    public final double[] high;
    public final double[] step;

    public ColumnEstimate(int outputs) {
        this(outputs, outputs);
    }

    private ColumnEstimate(int outputs, int intervals) {
        this(new byte[outputs], new double[outputs], new double[outputs], intervals);
    }

    private ColumnEstimate(byte[] kinds, double[] value, double[] error, int intervals) {
        this.kinds = kinds;
        this.value = value;
        this.error = error;
        low = new double[intervals];
        high = new double[intervals];
        step = new double[intervals];
    }

    /** An estimate whose entries will all be {@link #setKnown known} values: no room for intervals or steps. */
    public static ColumnEstimate known(int outputs) {
        return new ColumnEstimate(outputs, 0);
    }

    /**
     * An estimate of known values, value[i] ± error[i] at every entry, as {@link #known(int)} makes
     * them (the arrays are taken, not copied: a FAST probe may have a million entries).
     */
    public static ColumnEstimate known(double[] value, double[] error) {
        byte[] kinds = new byte[value.length];
        Arrays.fill(kinds, SMOOTH);
        return new ColumnEstimate(kinds, value, error, 0);
    }

    private static final EntryKind[] KINDS = EntryKind.values();
    private static final byte PENDING = (byte) EntryKind.PENDING.ordinal();
    private static final byte SMOOTH = (byte) EntryKind.SMOOTH.ordinal();

    public int size() {
        return kinds.length;
    }

    /** What is known about entry i. */
    public EntryKind kind(int i) {
        return KINDS[kinds[i]];
    }

    /** Whether entry i is smooth (value ± error). */
    public boolean smooth(int i) {
        return kinds[i] == SMOOTH;
    }

    /** Whether entry i is still to be decided. */
    boolean pending(int i) {
        return kinds[i] == PENDING;
    }

    /** Multiplies every estimate by {@code w} (the derivative along w·B instead of B). */
    public void scale(double w) {
        if (w == 1.0) {
            return;
        }
        for (int i = 0; i < kinds.length; i++) {
            value[i] *= w;
            error[i] *= w;
        }
        for (int i = 0; i < low.length; i++) {
            low[i] *= w;
            high[i] *= w;
        }
    }

    /** Marks every entry pending; its numbers are written when it is decided ({@link #setUndefined} included). */
    void reset() {
        Arrays.fill(kinds, PENDING);
    }

    void setUndefined(int i) {
        kinds[i] = (byte) EntryKind.UNDEFINED.ordinal();
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
        kinds[i] = SMOOTH;
        value[i] = v;
        error[i] = err;
        if (step.length > 0) {
            step[i] = Double.NaN;
        }
    }

    /** Sets entry i to a smooth estimate taken at step h: the derivative is v ± err. */
    public void setEstimate(int i, double v, double err, double h) {
        kinds[i] = SMOOTH;
        value[i] = v;
        error[i] = err;
        step[i] = h;
    }

    /** Marks entry i smooth; its low and high are then not kept (they would equal its value). */
    void setSmooth(int i) {
        kinds[i] = SMOOTH;
    }

    void setInterval(int i, EntryKind k, double left, double right, double err, double h) {
        kinds[i] = (byte) k.ordinal();
        low[i] = Math.min(left, right);
        high[i] = Math.max(left, right);
        value[i] = 0.5 * (left + right);
        error[i] = err;
        step[i] = h;
    }

    /** The largest magnitude the derivative at entry i can have by this estimate. */
    public double magnitude(int i) {
        return kinds[i] == SMOOTH ? Math.abs(value[i]) : Math.max(Math.abs(low[i]), Math.abs(high[i]));
    }

    /**
     * How far {@code analytic} lies outside what finite differences allow at entry i, before
     * tolerances: {@code |a − value|} for a smooth entry, the distance to {@code [low, high]} for a
     * kink. NaN for an undefined entry.
     */
    public double distance(int i, double analytic) {
        if (kinds[i] == SMOOTH) {
            return Math.abs(analytic - value[i]);
        }
        if (kind(i) == EntryKind.UNDEFINED) {
            return Double.NaN;
        }
        if (analytic < low[i]) {
            return low[i] - analytic;
        }
        return analytic > high[i] ? analytic - high[i] : 0.0;
    }
}
