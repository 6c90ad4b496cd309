package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Problem;

/**
 * FULL mode: an input's analytic derivative compared entry by entry with central differences
 * along every coordinate (a Jacobian column at a time, or, for a vjp, a row at a time against
 * blocks of columns), or with the exact Jacobian of a reference expression.
 *
 * <p>Memory is a few vectors of the input's and output's size, except a dense Jacobian the user
 * hands over and, for a vjp, a block of numerical columns within {@link #WORK_BUDGET} doubles.
 * The first step of every coordinate comes from the {@link Calibration}, by the
 * {@link StepPolicy}.
 */
final class FullMode {

    /** Doubles a vjp check may hold for numerical columns (16 MiB); more columns cost more vjp calls. */
    static final long WORK_BUDGET = 1L << 21;

    private final Guard guard;
    private final Options options;
    private final double[] f0;
    private final Calibration calibration;
    private final String function;
    private final boolean scalar;

    /**
     * @param f0 f (or F) at the point, vec order
     * @param calibration the noise measured near the point
     * @param function how reports name f
     * @param scalar whether f is a scalar function
     */
    FullMode(Guard guard, Options options, double[] f0, Calibration calibration, String function, boolean scalar) {
        this.guard = guard;
        this.options = options;
        this.f0 = f0;
        this.calibration = calibration;
        this.function = function;
        this.scalar = scalar;
    }

    /** A comparison of one input's derivative against one reference, before any entry. */
    static Comparison comparison(Analytic a, Against against, Options options) {
        return new Comparison(a.input, a.derivative.form(), a.derivative.secondOrder(), a.isGradient(),
                a.coordinates, against, a.ofScalar, a.outputRows(), a.outputCols(),
                against == Against.EXACT ? options.exactRtol() : options.rtol(), options.atol(), a.accumulates());
    }

    /** Compares one input's derivative with central differences along every coordinate. */
    Comparison compareNumeric(Analytic a) {
        Comparison comparison = comparison(a, Against.FINITE_DIFFERENCES, options);
        CoordinateLine line = new CoordinateLine(guard, a.input, a.coordinates);
        if (a.byRows()) {
            compareRows(comparison, line, a);
        } else if (options.parallel() && a.coordinates.size() > 1) {
            new ParallelColumns(this, guard, a, f0.length).compare(comparison);
        } else {
            compareColumns(comparison, line, a);
        }
        guard.restore();
        return comparison.finish();
    }

    private void compareColumns(Comparison comparison, CoordinateLine line, Analytic a) {
        int m = f0.length;
        Coordinates coordinates = line.coordinates;
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate estimate = new ColumnEstimate(m);
        double[] analytic = new double[m];
        double[] hint = new double[m];
        for (int k = 0; k < coordinates.size(); k++) {
            a.column(k, analytic);
            estimateColumn(line, k, differences, analytic, a.isGradient(), hint, estimate);
            for (int i = 0; i < m; i++) {
                comparison.add(i, k, analytic[i], estimate, i);
            }
        }
    }

    /**
     * A vjp gives the Jacobian a row at a time (row i = vjp(Eᵢ)), finite differences a column at
     * a time: numerical columns are computed in blocks that fit {@link #WORK_BUDGET}, and each
     * block is compared with every row.
     */
    private void compareRows(Comparison comparison, CoordinateLine line, Analytic a) {
        int m = f0.length;
        Coordinates coordinates = line.coordinates;
        int n = coordinates.size();
        int block = (int) Math.max(1, Math.min(n, WORK_BUDGET / (6L * m)));
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate[] estimates = new ColumnEstimate[block];
        for (int b = 0; b < block; b++) {
            estimates[b] = new ColumnEstimate(m);
        }
        double[] row = new double[n];
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            for (int k = start; k < end; k++) {
                estimateColumn(line, k, differences, null, false, null, estimates[k - start]);
            }
            for (int i = 0; i < m; i++) {
                a.row(i, row);
                for (int k = start; k < end; k++) {
                    comparison.add(i, k, row[k], estimates[k - start], i);
                }
            }
        }
    }

    /**
     * Estimates column k by central differences. The analytic column, when given, spares the
     * confirming probe where it agrees (see {@link CentralDifference}); a gradient is compared as
     * entries of the (symmetric) gradient, ⟨G, Bₖ⟩ and d/dt f(X + tBₖ) weighted alike.
     *
     * @param analytic the analytic column, or null
     * @param gradient whether it is a gradient's (then the estimate is weighted)
     * @param hint a work array for the analytic values along Bₖ
     */
    void estimateColumn(CoordinateLine line, int k, CentralDifference differences, double[] analytic,
                        boolean gradient, double[] hint, ColumnEstimate estimate) {
        double weight = gradient ? line.coordinates.weight(k) : 1.0;
        if (analytic != null) {
            for (int i = 0; i < analytic.length; i++) {
                hint[i] = analytic[i] / weight;
            }
        }
        line.moveTo(k);
        line.guard.where(line::describe);
        double h0 = StepPolicy.firstStep(calibration.stepFactor(), line.anchor(), line.scale());
        double minStep = StepPolicy.minStep(line.anchor());
        double maxStep = StepPolicy.maxStep(line.anchor(), line.scale());
        differences.estimate(line, h0, minStep, maxStep, f0, calibration.noise(), calibration.blind(),
                analytic == null ? null : hint, options.rtol(), estimate);
        line.restore();
        for (int i = 0; i < estimate.size(); i++) {
            if (estimate.kind(i) == EntryKind.UNDEFINED) {
                String along = line.input() + line.coordinates.entry(k);
                throw new Abort(new Problem.UndefinedNear(function, scalar ? -1 : i, scalar ? 0 : guard.outputRows(),
                        along, h0, h0 / Math.pow(8, CentralDifference.MAX_ATTEMPTS - 1), true));
            }
        }
        estimate.scale(weight);
    }

    /** Compares one input's derivative with the exact Jacobian J of the reference expression. */
    static Comparison compareExact(Analytic a, Operator j, Options options) {
        Comparison comparison = comparison(a, Against.EXACT, options);
        Coordinates coordinates = a.coordinates;
        int n = coordinates.size();
        int m = a.outputs();
        if (a.byRows()) {
            Operator transposed = j.transpose();
            double[] row = new double[j.cols()];
            double[] analytic = new double[n];
            ColumnEstimate reference = new ColumnEstimate(n);
            for (int i = 0; i < m; i++) {
                transposed.columnInto(i, row);
                for (int k = 0; k < n; k++) {
                    reference.setKnown(k, along(row, coordinates, k), 0.0);
                }
                a.row(i, analytic);
                for (int k = 0; k < n; k++) {
                    comparison.add(i, k, analytic[k], reference, k);
                }
            }
        } else if (a.isGradient()) {
            double[] gradient = new double[j.cols()];
            j.transpose().columnInto(0, gradient);
            ColumnEstimate reference = new ColumnEstimate(1);
            double[] analytic = new double[1];
            for (int k = 0; k < n; k++) {
                reference.setKnown(0, coordinates.weight(k) * along(gradient, coordinates, k), 0.0);
                a.column(k, analytic);
                comparison.add(0, k, analytic[0], reference, 0);
            }
        } else {
            double[] column = new double[m];
            double[] paired = new double[m];
            double[] analytic = new double[m];
            ColumnEstimate reference = new ColumnEstimate(m);
            for (int k = 0; k < n; k++) {
                j.columnInto(coordinates.vecIndex(k), column);
                if (coordinates.pairedVecIndex(k) >= 0) {
                    j.columnInto(coordinates.pairedVecIndex(k), paired);
                    for (int i = 0; i < m; i++) {
                        column[i] += paired[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    reference.setKnown(i, column[i], 0.0);
                }
                a.column(k, analytic);
                for (int i = 0; i < m; i++) {
                    comparison.add(i, k, analytic[i], reference, i);
                }
            }
        }
        return comparison.finish();
    }

    /** ⟨v, vec(Bₖ)⟩ for a vector v in vec order. */
    private static double along(double[] v, Coordinates coordinates, int k) {
        int paired = coordinates.pairedVecIndex(k);
        return v[coordinates.vecIndex(k)] + (paired < 0 ? 0 : v[paired]);
    }
}
