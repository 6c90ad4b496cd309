package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.linalg.VecLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Compares the analytic derivative of one input with finite differences, entry by entry, as the
 * entries stream past, holding memory independent of the Jacobian's size.
 *
 * <p>An entry passes when {@code distance ≤ error + atol + rtol·S}, where distance is
 * |analytic − numeric| (or the distance to the one-sided slopes at a kink), error the finite-difference
 * error estimate, and S the derivative's own scale: the largest |numeric| entry of this input's
 * derivative. S is known only at the end, but it only grows, so an entry that passes against the
 * scale seen so far passes in the end; the others are kept as candidates and judged by
 * {@link #finish()}.
 */
final class InputComparison {

    /**
     * An entry whose finite-difference error exceeds this fraction of the derivative's scale cannot
     * be judged: finite differences cannot tell a right value from a wrong one there.
     */
    static final double MAX_RESOLUTION = 0.25;

    /** Derivatives with at most this many entries are kept whole, for reports, pictures and diagnosis. */
    static final int DENSE_LIMIT = 1 << 16;

    /** Candidates kept for the final judgement; beyond this, failures are only counted. */
    static final int MAX_CANDIDATES = 1 << 16;

    final String input;
    final Derivative derivative;
    final Coordinates coordinates;
    final Against against;
    /** Whether the outputs are the coordinates themselves (the Hessian of a scalar f, by second differences). */
    final boolean outputsAreCoordinates;
    final int inputRows;
    final int inputCols;
    final int outputRows;
    final int outputCols;
    private final double rtol;
    private final double atol;

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

    InputComparison(Analytic analytic, Against against, Options options) {
        this.input = analytic.input;
        this.derivative = analytic.derivative;
        this.coordinates = analytic.coordinates;
        this.against = against;
        this.outputsAreCoordinates = analytic.ofScalar;
        this.inputRows = coordinates.rows();
        this.inputCols = coordinates.cols();
        this.outputRows = analytic.outputRows();
        this.outputCols = analytic.outputCols();
        this.rtol = against == Against.EXACT ? options.exactRtol() : options.rtol();
        this.atol = options.atol();
        long size = (long) outputRows * outputCols * coordinates.size();
        this.denseAnalytic = size <= DENSE_LIMIT ? new double[(int) size] : null;
        this.denseNumeric = size <= DENSE_LIMIT ? new double[(int) size] : null;
        this.denseError = size <= DENSE_LIMIT ? new double[(int) size] : null;
    }

    /** One Jacobian entry: output i (vec index in F), coordinate k (see {@link Coordinates}). */
    void add(int output, int coordinate, double analytic, ColumnEstimate estimate, int i) {
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
        if (excess > rtol * scale) {
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

    /** Judges the candidates against the final scale. */
    void finish() {
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
    }

    /**
     * Whether finite differences pin this entry down well enough to judge it: its error within
     * {@link #MAX_RESOLUTION} of the derivative's scale. When finite differences found F flat
     * (scale 0), the analytic scale stands in: a flat F says only |f′| ≤ error, which judges an
     * analytic value only if it is well above that; zero by both (a constant f) is judged exactly.
     */
    boolean resolved(Entry e) {
        return e.error <= MAX_RESOLUTION * judgedScale() || judgedScale() == 0;
    }

    /** Whether every entry was resolved (the largest error within {@link #MAX_RESOLUTION} of the scale). */
    boolean resolved() {
        return judgedScale() == 0 || maxError <= MAX_RESOLUTION * judgedScale();
    }

    /** The largest finite-difference error relative to the scale: how finely this check resolves. */
    double resolution() {
        return judgedScale() > 0 ? maxError / judgedScale() : 0.0;
    }

    private double judgedScale() {
        return scale > 0 ? scale : maxAnalytic;
    }

    /** The allowed distance at an entry: its finite-difference error plus atol plus rtol·S. */
    double tolerance(Entry e) {
        return e.error + atol + rtol * scale;
    }

    double scale() {
        return scale;
    }

    /** The largest finite-difference error estimate over the entries. */
    double maxError() {
        return maxError;
    }

    double rtol() {
        return rtol;
    }

    double atol() {
        return atol;
    }

    long compared() {
        return compared;
    }

    /** Entries judged against one-sided slopes (kinks, or differences that never settled). */
    long intervals() {
        return intervals;
    }

    double maxDistance() {
        return compared == 0 ? Double.NaN : maxDistance;
    }

    double maxRelative() {
        if (compared == 0) {
            return Double.NaN;
        }
        if (scale > 0) {
            return maxDistance / scale;
        }
        return maxDistance == 0 ? 0.0 : Double.POSITIVE_INFINITY;
    }

    /** Failing entries that finite differences could not resolve: no verdict on them. */
    long failedUnresolved() {
        return failedUnresolved;
    }

    /** Failing smooth, resolved entries (a wrong derivative); at least this many when candidates overflowed. */
    long failedSmooth() {
        return failedSmooth;
    }

    /** Failing resolved entries at kinks: the analytic value is not between the one-sided slopes. */
    long failedIntervals() {
        return failedIntervals;
    }

    boolean overflowed() {
        return overflow > 0;
    }

    /** Failing entries, worst first (largest distance relative to its tolerance). */
    List<Entry> failures() {
        return failures;
    }

    boolean scalarOutput() {
        return outputRows == 1 && outputCols == 1 && derivative instanceof Derivative.Gradient;
    }

    /**
     * "(0, 2)" for a gradient entry; "∂F(1, 0)/∂X(0, 2)" for a Jacobian entry;
     * "∂²f/∂X(1, 0)∂X(0, 2)" for a Hessian entry.
     */
    String label(Entry e, String functionName) {
        return label(e.output, e.coordinate, functionName);
    }

    /** As {@link #label(Entry, String)}, for output {@code output} and coordinate {@code coordinate}. */
    String label(int output, int coordinate, String functionName) {
        String in = inputEntry(coordinate);
        if (scalarOutput()) {
            return in;
        }
        String out = outputsAreCoordinates ? coordinates.entry(output)
                : "(" + VecLayout.row(output, outputRows) + ", " + VecLayout.col(output, outputRows) + ")";
        if (derivative.secondOrder()) {
            return "∂²f/∂" + input + out + "∂" + input + in;
        }
        return "∂" + functionName + out + "/∂" + input + in;
    }

    /**
     * The whole analytic (or numerical) derivative, or null when it was too large to keep: for a
     * gradient, a matrix of the input's shape (both entries of a symmetric pair, NaN outside the
     * structure); for a Jacobian, one row per output entry and one column per coordinate.
     */
    DMatrixRMaj dense(boolean analytic) {
        return dense(analytic ? denseAnalytic : denseNumeric);
    }

    /**
     * The tolerance of each entry, in the layout of {@link #dense(boolean)}: its finite-difference
     * error plus atol plus rtol times the scale. Null when too large to keep.
     */
    DMatrixRMaj denseTolerance() {
        if (denseError == null) {
            return null;
        }
        double[] tolerance = new double[denseError.length];
        for (int i = 0; i < tolerance.length; i++) {
            tolerance[i] = denseError[i] + atol + rtol * scale;
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

    /** "(r, c)": the input entry of a coordinate. */
    String inputEntry(int coordinate) {
        return coordinates.entry(coordinate);
    }

    /** One compared Jacobian entry that exceeded the tolerance seen so far. */
    record Entry(int output, int coordinate, double analytic, EntryKind kind, double value, double low,
                 double high, double error, double step, double distance, double excess) {
    }
}
