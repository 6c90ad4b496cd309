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
 * <p>Numerical columns are estimated in two passes. The {@link FirstPass} spends two evaluations
 * of f a column and decides the columns whose every entry is clearly inside the tolerance by its
 * a-priori bound; the others are refined by adaptive central differences (at least four more
 * evaluations a column, with Richardson's error estimate and kink detection), exactly as they
 * would be without a first pass. The first pass needs its own {@link Calibration.Prior}; without
 * one (f is noisy, float, kinked or too curved near the point) every column is refined. The full
 * {@link Calibration} of the refinement is measured only when a column needs it.
 *
 * <p>Memory is a few vectors of the input's and output's size per column of a block of columns
 * within {@link #WORK_BUDGET} doubles (at most {@link #MAX_BLOCK} columns), besides a dense
 * Jacobian the user hands over. The steps come from the calibrations, by the {@link StepPolicy}.
 */
final class FullMode {

    /** Doubles a block of numerical columns may hold (16 MiB); more columns cost more vjp calls. */
    static final long WORK_BUDGET = 1L << 21;
    /** The most columns in a block (the first pass decides a block's columns together). */
    static final int MAX_BLOCK = 4096;

    private final Guard guard;
    private final Options options;
    private final double[] f0;
    /** The first pass, or null when f is not fit for one (then every column is refined). */
    private final FirstPass firstPass;
    private final Lazy<Calibration> calibration;
    private final String function;
    private final boolean scalar;

    /**
     * @param f0 f (or F) at the point, vec order
     * @param prior the first pass's calibration, or null for none
     * @param calibration the noise near the point, measured when first needed
     * @param function how reports name f
     * @param scalar whether f is a scalar function
     */
    FullMode(Guard guard, Options options, double[] f0, Calibration.Prior prior, Lazy<Calibration> calibration,
             String function, boolean scalar) {
        this.guard = guard;
        this.options = options;
        this.f0 = f0;
        this.firstPass = prior == null ? null : new FirstPass(prior, f0);
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
        if (a.byRows()) {
            compareRows(comparison, a);
        } else {
            compareColumns(comparison, a);
        }
        guard.restore();
        return comparison.finish();
    }

    /** Columns of a block: the analytic ones, their estimates, and which must be refined. */
    private static final class Block {
        final double[][] analytic;
        final ColumnEstimate[] estimates;
        final boolean[] refine;

        Block(int columns, int outputs) {
            analytic = new double[columns][outputs];
            estimates = new ColumnEstimate[columns];
            refine = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                estimates[c] = new ColumnEstimate(outputs);
            }
        }

        boolean anyRefined(int count) {
            for (int c = 0; c < count; c++) {
                if (refine[c]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The columns of a block: as many as fit the budget, with their analytic values and estimates. */
    private int blockSize(int n, int m) {
        return (int) Math.max(1, Math.min(Math.min(n, MAX_BLOCK), WORK_BUDGET / (8L * m)));
    }

    /**
     * Every column of a Jacobian, jvp or Kronecker form (or the entries of a gradient), a block at
     * a time: the first pass, then refinement of the columns it leaves, sequentially or on the
     * common pool ({@link ParallelColumns}).
     */
    private void compareColumns(Comparison comparison, Analytic a) {
        int m = f0.length;
        Coordinates coordinates = a.coordinates;
        int n = coordinates.size();
        ParallelColumns workers = options.parallel() && n > 1 ? new ParallelColumns(guard, a, m) : null;
        ColumnWorker own = workers == null ? new ColumnWorker(guard, a, m) : null;
        Block b = new Block(blockSize(n, m), m);
        boolean gradient = a.isGradient();
        for (int start = 0; start < n; start += b.refine.length) {
            int end = Math.min(n, start + b.refine.length);
            run(workers, own, start, end, null, (w, k, slot) -> {
                w.analytic.column(k, b.analytic[slot]);
                double weight = gradient ? coordinates.weight(k) : 1.0;
                b.refine[slot] = firstPass == null
                        || !firstPass.estimate(w.line, k, weight, w.plus, w.minus, b.estimates[slot]);
            });
            refine(workers, own, start, end, b, comparison, (w, k, slot) -> estimateColumn(w.line, k, w.differences,
                    b.analytic[slot], gradient, w.hint, b.estimates[slot]));
            for (int k = start; k < end; k++) {
                for (int i = 0; i < m; i++) {
                    comparison.add(i, k, b.analytic[k - start][i], b.estimates[k - start], i);
                }
            }
        }
    }

    /**
     * A vjp gives the Jacobian a row at a time (row i = vjp(Eᵢ)), finite differences a column at
     * a time: numerical columns are estimated in blocks, the block's rows are read from every vjp,
     * and the columns the first pass leaves are refined.
     */
    private void compareRows(Comparison comparison, Analytic a) {
        int m = f0.length;
        int n = a.coordinates.size();
        ColumnWorker own = new ColumnWorker(guard, a, m);
        Block b = new Block(blockSize(n, m), m);
        double[] row = new double[n];
        for (int start = 0; start < n; start += b.refine.length) {
            int end = Math.min(n, start + b.refine.length);
            for (int k = start; k < end; k++) {
                b.refine[k - start] = firstPass == null
                        || !firstPass.estimate(own.line, k, 1.0, own.plus, own.minus, b.estimates[k - start]);
            }
            for (int i = 0; i < m; i++) {
                a.row(i, row);
                for (int k = start; k < end; k++) {
                    b.analytic[k - start][i] = row[k];
                }
            }
            refine(null, own, start, end, b, comparison, (w, k, slot) -> estimateColumn(w.line, k, w.differences,
                    null, false, null, b.estimates[slot]));
            for (int i = 0; i < m; i++) {
                for (int k = start; k < end; k++) {
                    comparison.add(i, k, b.analytic[k - start][i], b.estimates[k - start], i);
                }
            }
        }
    }

    /**
     * Decides a block's first-pass columns and refines the others, after the full calibration
     * (measured here, on the check's own guard, the first time a column needs it).
     */
    private void refine(ParallelColumns workers, ColumnWorker own, int start, int end, Block b, Comparison comparison,
                        ParallelColumns.Task task) {
        int count = end - start;
        if (firstPass != null) {
            FirstPass.decide(b.estimates, b.analytic, count, comparison.scale(), options.atol(), options.rtol(),
                    b.refine);
        }
        if (b.anyRefined(count)) {
            calibration.get();
            run(workers, own, start, end, b.refine, task);
        }
    }

    /** Runs a column task on the workers, or in order on the check's own worker. */
    private static void run(ParallelColumns workers, ColumnWorker own, int start, int end, boolean[] only,
                            ParallelColumns.Task task) {
        if (workers != null) {
            workers.run(start, end, only, task);
            return;
        }
        for (int k = start; k < end; k++) {
            if (only == null || only[k - start]) {
                task.run(own, k, k - start);
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
        Calibration c = calibration.get();
        double h0 = StepPolicy.firstStep(c.stepFactor(), line.anchor(), line.scale());
        double minStep = StepPolicy.minStep(line.anchor());
        double maxStep = StepPolicy.maxStep(line.anchor(), line.scale());
        differences.estimate(line, h0, minStep, maxStep, f0, c.noise(), c.blind(),
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
