package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.linalg.Coordinates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The comparison of one input's analytic derivative with one reference (finite differences, second
 * differences or an exact derivative), entry by entry, as the entries stream past, holding memory
 * independent of the Jacobian's size. After {@link #finish()} it is the FULL mode's evidence for a
 * {@link Finding}: frozen, read by the judge (counts, resolution) and the renderer (entries, labels).
 *
 * <p>An entry passes when {@code distance ≤ error + atol + rtol·S}, where distance is
 * |analytic − numeric| (or the distance to the one-sided slopes at a kink), error the finite-difference
 * error estimate, and S the derivative's own scale: the largest |numeric| entry of this input's
 * derivative. S is known only at the end, but it only grows, so an entry that passes against the
 * scale seen so far passes in the end; the others are kept as candidates and judged by
 * {@link #finish()}.
 */
public final class Comparison {

    /**
     * An entry whose finite-difference error exceeds this fraction of the derivative's scale cannot
     * be judged: finite differences cannot tell a right value from a wrong one there.
     */
    public static final double MAX_RESOLUTION = 0.25;

    /** Derivatives with at most this many entries are kept whole, for reports, pictures and diagnosis. */
    public static final int DENSE_LIMIT = 1 << 16;

    /** Candidates kept for the final judgement; beyond this, failures are only counted. */
    static final int MAX_CANDIDATES = 1 << 16;

    /** The input's name. */
    public final String input;
    /** The derivative's form: gradient, Jacobian, jvp, vjp, Kronecker form, Hessian or hvp. */
    public final String form;
    /** Whether the derivative is a Hessian or hvp. */
    public final boolean secondOrder;
    /** Whether the derivative is a gradient (one entry per coordinate). */
    public final boolean gradient;
    /** The input's perturbation basis. */
    public final Coordinates coordinates;
    public final Against against;
    /** Whether the outputs are the coordinates themselves (the Hessian of a scalar f, by second differences). */
    public final boolean outputsAreCoordinates;
    public final int inputRows;
    public final int inputCols;
    public final int outputRows;
    public final int outputCols;
    /** Whether the analytic side is what a gradient added into buffers it did not reset, on a second call. */
    public final Accumulates accumulates;
    private final double rtol;
    private final double atol;
    private boolean finished;

    private double scale;
    private double maxAnalytic;
    private double maxError;
    private double maxDistance;
    private long compared;
    private long intervals;
    private final List<Entry> candidates = new ArrayList<>();
    private long overflow;

    /** Whole derivatives, row-major (output i, coordinate k) at i·n + k; null when too large. */
    private final double[] denseAnalytic;
    private final double[] denseNumeric;
    private final double[] denseError;

    private List<Entry> failures = List.of();
    private long failedSmooth;
    private long failedIntervals;
    private long failedUnresolved;

    /**
     * @param input the input's name
     * @param form the derivative's form
     * @param secondOrder whether it is a Hessian or hvp
     * @param gradient whether it is a gradient
     * @param coordinates the input's perturbation basis
     * @param against the reference
     * @param outputsAreCoordinates whether the outputs are the coordinates (a Hessian by second differences)
     * @param outputRows rows of an output (F's, or the coordinates')
     * @param outputCols columns of an output
     * @param rtol the relative tolerance against this reference
     * @param atol the absolute tolerance
     * @param accumulates whether the analytic side is the increment of a gradient that kept adding into
     *     its buffers
     */
    public Comparison(String input, String form, boolean secondOrder, boolean gradient, Coordinates coordinates,
                      Against against, boolean outputsAreCoordinates, int outputRows, int outputCols, double rtol,
                      double atol, Accumulates accumulates) {
        this.input = input;
        this.form = form;
        this.secondOrder = secondOrder;
        this.gradient = gradient;
        this.coordinates = coordinates;
        this.against = against;
        this.outputsAreCoordinates = outputsAreCoordinates;
        this.inputRows = coordinates.rows();
        this.inputCols = coordinates.cols();
        this.outputRows = outputRows;
        this.outputCols = outputCols;
        this.rtol = rtol;
        this.atol = atol;
        this.accumulates = accumulates;
        long size = (long) outputRows * outputCols * coordinates.size();
        this.denseAnalytic = size <= DENSE_LIMIT ? new double[(int) size] : null;
        this.denseNumeric = size <= DENSE_LIMIT ? new double[(int) size] : null;
        this.denseError = size <= DENSE_LIMIT ? new double[(int) size] : null;
    }

    /**
     * One Jacobian entry: output i (vec index in F), coordinate k (see {@link Coordinates}).
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public void add(int output, int coordinate, double analytic, ColumnEstimate estimate, int i) {
        if (finished) {
            throw new IllegalStateException("the comparison of " + input + " is finished");
        }
        double value = estimate.value[i];
        double error = estimate.error[i];
        boolean smooth = estimate.smooth(i);
        double distance = smooth ? Math.abs(analytic - value) : estimate.distance(i, analytic);
        if (denseAnalytic != null) {
            int index = output * coordinates.size() + coordinate;
            denseAnalytic[index] = analytic;
            denseNumeric[index] = value;
            // an interval entry (a kink) allows anything within half its width of its midpoint
            denseError[index] = smooth ? error : error + 0.5 * (estimate.high[i] - estimate.low[i]);
        }
        scale = Math.max(scale, smooth ? Math.abs(value) : estimate.magnitude(i));
        maxAnalytic = Math.max(maxAnalytic, Math.abs(analytic));
        maxDistance = Math.max(maxDistance, distance);
        maxError = Math.max(maxError, error);
        compared++;
        if (!smooth) {
            intervals++;
        }
        double excess = distance - error - atol;
        if (excess > rtol * scale) { // outside the tolerance at the scale seen so far (see Tolerance)
            keep(new Entry(output, coordinate, analytic, estimate.kind(i), value, smooth ? value : estimate.low[i],
                    smooth ? value : estimate.high[i], error, estimate.step[i], distance, excess));
        }
    }

    private void keep(Entry entry) {
        if (candidates.size() >= MAX_CANDIDATES) {
            double bar = rtol * scale;
            candidates.removeIf(e -> e.excess <= bar);
        }
        if (candidates.size() >= MAX_CANDIDATES) {
            overflow++;
        } else {
            candidates.add(entry);
        }
    }

    /** Judges the candidates against the final scale; the comparison is frozen afterwards. */
    public Comparison finish() {
        finished = true;
        double bar = rtol * scale;
        List<Entry> failing = new ArrayList<>();
        for (Entry e : candidates) {
            if (e.excess > bar) {
                failing.add(e);
            }
        }
        failing.sort(Comparator.comparingDouble((Entry e) -> -e.distance / tolerance(e)));
        failures = List.copyOf(failing);
        failedSmooth = 0;
        failedIntervals = 0;
        failedUnresolved = 0;
        for (Entry e : failing) {
            if (!resolved(e)) {
                failedUnresolved++;
            } else if (e.kind == EntryKind.SMOOTH) {
                failedSmooth++;
            } else {
                failedIntervals++;
            }
        }
        failedSmooth += overflow;
        return this;
    }

    /**
     * Whether finite differences pin this entry down well enough to judge it: its error within
     * {@link #MAX_RESOLUTION} of the derivative's scale. When finite differences found F flat
     * (scale 0), the analytic scale stands in: a flat F says only |f′| ≤ error, which judges an
     * analytic value only if it is well above that; zero by both (a constant f) is judged exactly.
     */
    public boolean resolved(Entry e) {
        return e.error <= MAX_RESOLUTION * judgedScale() || judgedScale() == 0;
    }

    /** Whether every entry was resolved (the largest error within {@link #MAX_RESOLUTION} of the scale). */
    public boolean resolved() {
        return judgedScale() == 0 || maxError <= MAX_RESOLUTION * judgedScale();
    }

    /** The largest finite-difference error relative to the scale: how finely this check resolves. */
    public double resolution() {
        return judgedScale() > 0 ? maxError / judgedScale() : 0.0;
    }

    private double judgedScale() {
        return scale > 0 ? scale : maxAnalytic;
    }

    /** The tolerance of this comparison, at its final scale. */
    public Tolerance tolerance() {
        return new Tolerance(rtol, atol, scale);
    }

    /** The allowed distance at an entry: its finite-difference error plus atol plus rtol·S. */
    public double tolerance(Entry e) {
        return tolerance().allowed(e.error);
    }

    public double scale() {
        return scale;
    }

    /** The largest finite-difference error estimate over the entries. */
    public double maxError() {
        return maxError;
    }

    public double rtol() {
        return rtol;
    }

    public double atol() {
        return atol;
    }

    public long compared() {
        return compared;
    }

    /** Entries judged against one-sided slopes (kinks, or differences that never settled). */
    public long intervals() {
        return intervals;
    }

    public double maxDistance() {
        return compared == 0 ? Double.NaN : maxDistance;
    }

    public double maxRelative() {
        if (compared == 0) {
            return Double.NaN;
        }
        if (scale > 0) {
            return maxDistance / scale;
        }
        return maxDistance == 0 ? 0.0 : Double.POSITIVE_INFINITY;
    }

    /** Failing entries that finite differences could not resolve: no verdict on them. */
    public long failedUnresolved() {
        return failedUnresolved;
    }

    /** Failing smooth, resolved entries (a wrong derivative); at least this many when candidates overflowed. */
    public long failedSmooth() {
        return failedSmooth;
    }

    /** Failing resolved entries at kinks: the analytic value is not between the one-sided slopes. */
    public long failedIntervals() {
        return failedIntervals;
    }

    public boolean overflowed() {
        return overflow > 0;
    }

    /** Failing entries, worst first (largest distance relative to its tolerance). */
    public List<Entry> failures() {
        return failures;
    }

    public boolean scalarOutput() {
        return outputRows == 1 && outputCols == 1 && gradient;
    }

    /**
     * The whole analytic (or numerical) derivative, or null when it was too large to keep: for a
     * gradient, a matrix of the input's shape (both entries of a symmetric pair, NaN outside the
     * structure); for a Jacobian, one row per output entry and one column per coordinate.
     */
    public DMatrixRMaj dense(boolean analytic) {
        return dense(analytic ? denseAnalytic : denseNumeric);
    }

    /**
     * The tolerance of each entry, in the layout of {@link #dense(boolean)}: its finite-difference
     * error plus atol plus rtol times the scale. Null when too large to keep.
     */
    public DMatrixRMaj denseTolerance() {
        if (denseError == null) {
            return null;
        }
        Tolerance t = tolerance();
        double[] tolerance = new double[denseError.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = t.allowed(denseError[i]);
        }
        return dense(tolerance);
    }

    private DMatrixRMaj dense(double[] values) {
        if (values == null) {
            return null;
        }
        int n = coordinates.size();
        if (!scalarOutput()) {
            return new DMatrixRMaj(outputRows * outputCols, n, true, values);
        }
        DMatrixRMaj m = new DMatrixRMaj(inputRows, inputCols);
        Arrays.fill(m.data, Double.NaN);
        for (int k = 0; k < n; k++) {
            m.data[coordinates.dataIndex(k)] = values[k];
            if (coordinates.pairedIndex(k) >= 0) {
                m.data[coordinates.pairedIndex(k)] = values[k];
            }
        }
        return m;
    }

    /** One compared Jacobian entry that exceeded the tolerance seen so far. */
    public record Entry(int output, int coordinate, double analytic, EntryKind kind, double value, double low,
                 double high, double error, double step, double distance, double excess) {
    }
}
