package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.report.Numbers;
import io.github.gradcheck.internal.report.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One FULL check: central differences along every coordinate of every differentiated input,
 * compared with the analytic derivative entry by entry.
 *
 * <p>Order: f at the point (finite?), f again (deterministic?), the gradients and Jacobians at the
 * point (shape, finite), the evaluation noise, then one Jacobian column per coordinate. Memory is
 * a few vectors of the input's and output's size, except a dense Jacobian the user hands over and,
 * for a vjp, a block of numerical columns within {@link #WORK_BUDGET} doubles.
 */
final class Run {

    /** Doubles a vjp check may hold for numerical columns (16 MiB); more columns cost more vjp calls. */
    static final long WORK_BUDGET = 1L << 21;
    /** Two evaluations at the same point may differ by this much relative to |f| (parallel sums). */
    static final double NONDETERMINISM = 1e-12;
    /** The relative noise that sets the first step is clamped to [ε, this]. */
    static final double MAX_RELATIVE_NOISE = 1e-6;
    /** The smallest step, in ulps of the entry: below it x₀ ± h loses most of its bits. */
    static final double MIN_STEP_ULPS = 1 << 10;
    private static final double EPS = Math.ulp(1.0);

    private final CheckSpec spec;
    private final Options options;
    private final Guard guard;
    private final Map<String, DMatrixRMaj> atPoint = new HashMap<>();
    private final List<InputComparison> comparisons = new ArrayList<>();
    /** Derivatives of the wrong shape, mended to learn their mistake: the repair and the shapes. */
    private final Map<String, Repair> repairs = new java.util.LinkedHashMap<>();
    private final Map<String, String> shapeProblems = new java.util.LinkedHashMap<>();
    private double[] f0;
    private double[] noise;
    /** Whether the noise measurement saw F change nowhere (then a flat first step is grown). */
    private boolean blind;
    private double stepFactor;

    Run(CheckSpec spec, Inputs point) {
        this.spec = spec;
        this.options = spec.options();
        this.guard = new Guard(spec, point);
    }

    CheckResult execute() {
        try {
            evaluatePoint();
            prepareAnalytic();
            measureNoise();
            for (Map.Entry<String, Derivative> e : spec.derivatives().entrySet()) {
                compare(e.getKey(), e.getValue());
            }
            return Verdict.judge(spec, comparisons, repairs, shapeProblems, guard.evaluations(), options.seed());
        } catch (Abort abort) {
            return Verdict.aborted(abort, guard.evaluations(), options.seed());
        }
    }

    private void evaluatePoint() {
        f0 = guard.evaluateNew();
        String f = spec.functionName();
        for (int i = 0; i < f0.length; i++) {
            if (!Double.isFinite(f0[i])) {
                String entry = outputEntry(i);
                throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                        Report.headline(f + " is " + Numbers.format(f0[i]) + entry + " at the point")
                                .fact("status", Status.NON_FINITE.name())
                                .fact("function", f)
                                .fact("value", f0[i])
                                .fact("at", "the point" + entry), null);
            }
        }
        double[] again = guard.evaluateNew();
        double allowed = NONDETERMINISM * maxAbs(f0);
        for (int i = 0; i < f0.length; i++) {
            double difference = Math.abs(again[i] - f0[i]);
            if (!(difference <= allowed)) {
                String entry = outputEntry(i);
                throw new Abort(Status.NONDETERMINISTIC, Mistake.NONE, Origin.FUNCTION,
                        Report.headline(f + " is not deterministic: two evaluations at the same point differ"
                                        + entry + ": " + Numbers.format(f0[i]) + " then " + Numbers.format(again[i]))
                                .fact("status", Status.NONDETERMINISTIC.name())
                                .fact("function", f)
                                .fact("first", f0[i])
                                .fact("second", again[i])
                                .fact("difference", difference)
                                .fact("allowed", Numbers.brief(allowed) + " (rounding)")
                                .fact("at", "the point" + entry)
                                .fact("hint", "seed any randomness (dropout, sampling) and fix the order of "
                                        + "parallel sums, then check again"), null);
            }
        }
    }

    /** " at (1, 0)" for entry i of a matrix output; "" for a scalar. */
    private String outputEntry(int i) {
        if (spec.isScalar()) {
            return "";
        }
        int rows = guard.outputRows();
        return " at (" + VecLayout.row(i, rows) + ", " + VecLayout.col(i, rows) + ")";
    }

    /** Gradients and Jacobians do not depend on a direction: call them once, at the point. */
    private void prepareAnalytic() {
        for (Map.Entry<String, Derivative> e : spec.derivatives().entrySet()) {
            String name = e.getKey();
            Watched input = guard.input(name);
            Derivative d = e.getValue();
            if (d instanceof Derivative.Gradient g) {
                DMatrixRMaj value = conform(name, guard.call(name, g.function()).copy(), input.rows(), input.cols(),
                        "input " + name + " is", true);
                requireFinite(name, value, "");
                atPoint.put(name, value);
            } else if (d instanceof Derivative.Jacobian j) {
                int rows = f0.length;
                int cols = input.rows() * input.cols();
                DMatrixRMaj value = conform(name, guard.call(name, j.function()).copy(), rows, cols, "it must be "
                        + Numbers.shape(rows, cols) + ": " + spec.functionName() + " has " + rows + " entries and input "
                        + name + " has " + cols + "; the Jacobian is", false);
                requireFinite(name, value, "");
                atPoint.put(name, value);
            }
        }
    }

    /**
     * The value when it has the expected shape. A value of the transposed shape, or (broadcast:
     * a result the shape of the input) of a batch's shape for a 1×k or n×1 input, is mended so
     * that the check can go on and learn whether that was the mistake; any other shape ends the
     * check as a SHAPE_MISMATCH whose mistake is unknown.
     */
    private DMatrixRMaj conform(String input, DMatrixRMaj value, int rows, int cols, String expectation,
                                boolean broadcast) {
        if (value.numRows == rows && value.numCols == cols) {
            return value;
        }
        String label = spec.derivativeName(input);
        String shapes = label + " is " + Numbers.shape(value.numRows, value.numCols) + " but " + expectation + " "
                + Numbers.shape(rows, cols);
        Repair repair = Repair.of(value, rows, cols, broadcast);
        Repair before = repairs.get(input);
        if (repair == null || (before != null && before != repair)) {
            throw new Abort(Status.SHAPE_MISMATCH, Mistake.UNKNOWN, Origin.DERIVATIVE,
                    Report.headline(shapes)
                            .fact("status", Status.SHAPE_MISMATCH.name())
                            .fact("mistake", Mistake.UNKNOWN.name())
                            .fact("function", label)
                            .fact("shapes", shapes), null);
        }
        repairs.put(input, repair);
        shapeProblems.putIfAbsent(input, shapes);
        return repair.apply(value);
    }

    private void requireFinite(String input, DMatrixRMaj value, String direction) {
        int n = value.numRows * value.numCols;
        for (int i = 0; i < n; i++) {
            double v = value.data[i];
            if (!Double.isFinite(v)) {
                String label = spec.derivativeName(input);
                String entry = "(" + i / value.numCols + ", " + i % value.numCols + ")";
                throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.DERIVATIVE,
                        Report.headline(label + " is " + Numbers.format(v) + " at " + entry + direction)
                                .fact("status", Status.NON_FINITE.name())
                                .fact("function", label)
                                .fact("entry", entry)
                                .fact("value", v)
                                .fact("at", "the point" + direction), null);
            }
        }
    }

    /**
     * Measures the noise of f along a random admissible direction (symmetric for a symmetric
     * input) and sets the step factor from it.
     */
    private void measureNoise() {
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Watched> differentiated = new ArrayList<>();
        List<double[]> directions = new ArrayList<>();
        for (String name : spec.derivatives().keySet()) {
            Watched w = guard.input(name);
            DMatrixRMaj x = guard.pristine(name);
            Coordinates coordinates = coordinates(name);
            // relative to each entry: if f rounds its inputs (to float, say), every entry then
            // reaches its rounding at the same spacing, where f stops changing; an all-zero input
            // is moved on its typical scale instead
            boolean zero = CommonOps_DDRM.elementMaxAbs(x) == 0;
            double[] p = new double[w.rows() * w.cols()];
            for (int k = 0; k < coordinates.size(); k++) {
                int i = coordinates.dataIndex(k);
                double step = (2 * random.nextDouble() - 1) * (zero ? 1.0 : Math.abs(x.data[i]));
                p[i] = step;
                if (coordinates.pairedIndex(k) >= 0) {
                    p[coordinates.pairedIndex(k)] = step;
                }
            }
            differentiated.add(w);
            directions.add(p);
        }
        Line along = (t, out) -> {
            for (int a = 0; a < differentiated.size(); a++) {
                Watched w = differentiated.get(a);
                DMatrixRMaj x = guard.pristine(w.name);
                double[] p = directions.get(a);
                for (int i = 0; i < p.length; i++) {
                    if (p[i] != 0) {
                        w.set(i, x.data[i] + t * p[i]);
                    }
                }
            }
            guard.evaluate(out);
            return t;
        };
        guard.where(() -> "near the point (measuring evaluation noise along a random direction)");
        NoiseEstimator.Result measured = NoiseEstimator.estimate(along, f0, analyticIsFloat());
        noise = measured.noise();
        blind = true;
        for (boolean b : measured.blind()) {
            blind &= b;
        }
        guard.restore();

        double noiseMax = maxAbs(noise);
        double valueMax = maxAbs(f0);
        double relative = valueMax > 0 ? noiseMax / valueMax : (noiseMax > 0 ? MAX_RELATIVE_NOISE : EPS);
        stepFactor = Math.cbrt(Math.min(MAX_RELATIVE_NOISE, Math.max(EPS, relative)));
    }

    /** Whether every given gradient and Jacobian holds float values: then f computes in float too. */
    private boolean analyticIsFloat() {
        if (atPoint.isEmpty()) {
            return false;
        }
        for (DMatrixRMaj m : atPoint.values()) {
            double[] values = java.util.Arrays.copyOf(m.data, m.getNumElements());
            if (!NoiseEstimator.isFloatValued(values)) {
                return false;
            }
        }
        return true;
    }

    /** The perturbation basis of an input, from its declared structure. */
    private Coordinates coordinates(String name) {
        Watched w = guard.input(name);
        return Coordinates.of(options.structure(name), w.rows(), w.cols());
    }

    private void compare(String name, Derivative derivative) {
        Coordinates coordinates = coordinates(name);
        InputComparison comparison = new InputComparison(name, derivative, coordinates,
                guard.outputRows(), guard.outputCols(), options);
        CoordinateLine line = new CoordinateLine(guard.input(name), guard.pristine(name), coordinates);
        if (derivative instanceof Derivative.Vjp vjp) {
            compareRows(comparison, line, vjp);
        } else {
            compareColumns(comparison, line, derivative);
        }
        comparison.finish();
        comparisons.add(comparison);
        guard.restore();
    }

    private void compareColumns(InputComparison comparison, CoordinateLine line, Derivative derivative) {
        int m = f0.length;
        Coordinates coordinates = line.coordinates;
        String name = comparison.input;
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate estimate = new ColumnEstimate(m);
        double[] analytic = new double[m];
        Watched direction = derivative instanceof Derivative.Jvp
                ? new Watched("H", new DMatrixRMaj(coordinates.rows(), coordinates.cols())) : null;
        DMatrixRMaj fixed = atPoint.get(name);
        for (int k = 0; k < coordinates.size(); k++) {
            estimateColumn(line, k, differences, estimate);
            if (derivative instanceof Derivative.Gradient) {
                // reported as entries of the (symmetric) gradient: ⟨G, Bₖ⟩ and d/dt f(X + tBₖ), weighted
                double weight = coordinates.weight(k);
                analytic[0] = weight * coordinates.project(fixed, k);
                estimate.scale(weight);
            } else if (derivative instanceof Derivative.Jacobian) {
                int column = coordinates.vecIndex(k);
                int paired = coordinates.pairedVecIndex(k);
                for (int i = 0; i < m; i++) {
                    analytic[i] = fixed.unsafe_get(i, column) + (paired < 0 ? 0 : fixed.unsafe_get(i, paired));
                }
            } else {
                jvpColumn(name, (Derivative.Jvp) derivative, direction, coordinates, k, analytic);
            }
            for (int i = 0; i < m; i++) {
                comparison.add(i, k, analytic[i], estimate, i);
            }
        }
    }

    private void jvpColumn(String name, Derivative.Jvp jvp, Watched h, Coordinates coordinates, int k, double[] out) {
        String where = " for H = " + coordinates.basis(k);
        coordinates.set(h, k, 1.0);
        guard.where(() -> "at the point" + where);
        DMatrixRMaj value = conform(name, guard.call(name, jvp.function(), h), guard.outputRows(), guard.outputCols(),
                spec.functionName() + " is", false);
        requireFinite(name, value, where);
        VecLayout.vecInto(value, out);
        coordinates.set(h, k, 0.0);
    }

    /**
     * A vjp gives the Jacobian a row at a time (row i = vjp(Eᵢ)), finite differences a column at
     * a time: numerical columns are computed in blocks that fit {@link #WORK_BUDGET}, and each
     * block is compared with every row.
     */
    private void compareRows(InputComparison comparison, CoordinateLine line, Derivative.Vjp vjp) {
        int m = f0.length;
        Coordinates coordinates = line.coordinates;
        int n = coordinates.size();
        String name = comparison.input;
        int block = (int) Math.max(1, Math.min(n, WORK_BUDGET / (6L * m)));
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate[] estimates = new ColumnEstimate[block];
        for (int b = 0; b < block; b++) {
            estimates[b] = new ColumnEstimate(m);
        }
        int outRows = guard.outputRows();
        int outCols = guard.outputCols();
        Watched g = new Watched("G", new DMatrixRMaj(outRows, outCols));
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            for (int k = start; k < end; k++) {
                estimateColumn(line, k, differences, estimates[k - start]);
            }
            for (int i = 0; i < m; i++) {
                int index = VecLayout.dataIndex(i, outRows, outCols);
                String where = " for G = E(" + VecLayout.row(i, outRows) + ", " + VecLayout.col(i, outRows) + ")";
                g.set(index, 1.0);
                guard.where(() -> "at the point" + where);
                DMatrixRMaj value = conform(name, guard.call(name, vjp.function(), g), coordinates.rows(),
                        coordinates.cols(), "input " + name + " is", true);
                requireFinite(name, value, where);
                for (int k = start; k < end; k++) {
                    comparison.add(i, k, coordinates.project(value, k), estimates[k - start], i);
                }
                g.set(index, 0.0);
            }
        }
    }

    private void estimateColumn(CoordinateLine line, int k, CentralDifference differences, ColumnEstimate estimate) {
        line.moveTo(k);
        guard.where(line::describe);
        double h0 = stepFactor * Math.max(Math.abs(line.anchor()), line.scale());
        double minStep = MIN_STEP_ULPS * Math.ulp(Math.max(Math.abs(line.anchor()), Double.MIN_NORMAL));
        double maxStep = Math.max(Math.abs(line.anchor()), line.scale());
        differences.estimate(line, h0, minStep, maxStep, f0, noise, blind, estimate);
        line.restore();
        for (int i = 0; i < estimate.size(); i++) {
            if (estimate.kind[i] == EntryKind.UNDEFINED) {
                String f = spec.functionName();
                String entry = outputEntry(i);
                String along = line.input() + line.coordinates.entry(k);
                throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                        Report.headline(f + entry + " is not finite near the point: NaN or infinite at every step"
                                        + " along " + along + " (the point is on the boundary of " + f + "'s domain)")
                                .fact("status", Status.NON_FINITE.name())
                                .fact("function", f)
                                .fact("along", along)
                                .fact("steps", Numbers.brief(h0) + " down to " + Numbers.brief(h0
                                        / Math.pow(8, CentralDifference.MAX_ATTEMPTS - 1))), null);
            }
        }
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** The root-mean-square of the entries, or 1 for a zero matrix: the scale of a step. */
    static double typicalScale(DMatrixRMaj x) {
        int n = x.numRows * x.numCols;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x.data[i] * x.data[i];
        }
        double rms = n == 0 ? 0 : Math.sqrt(sum / n);
        return rms > 0 && Double.isFinite(rms) ? rms : 1.0;
    }

    /** The line X₀ + t·Bₖ through one coordinate of one input. */
    private final class CoordinateLine implements Line {
        private final Watched input;
        private final DMatrixRMaj point;
        private final Coordinates coordinates;
        private final double scale;
        private int coordinate = -1;
        private double anchor;
        private double t;

        CoordinateLine(Watched input, DMatrixRMaj point, Coordinates coordinates) {
            this.input = input;
            this.point = point;
            this.coordinates = coordinates;
            this.scale = typicalScale(point);
        }

        String input() {
            return input.name;
        }

        void moveTo(int k) {
            coordinate = k;
            anchor = point.data[coordinates.dataIndex(k)];
            t = 0;
        }

        double anchor() {
            return anchor;
        }

        double scale() {
            return scale;
        }

        void restore() {
            coordinates.set(input, coordinate, anchor);
            t = 0;
        }

        String describe() {
            String basis = coordinates.basis(coordinate);
            return "at " + input.name + (t < 0 ? " − " : " + ") + Numbers.format(Math.abs(t)) + "·"
                    + (coordinates.pairedIndex(coordinate) < 0 ? basis : "(" + basis + ")");
        }

        @Override
        public double evaluate(double step, double[] out) {
            double x = anchor + step;
            t = step;
            coordinates.set(input, coordinate, x);
            guard.evaluate(out);
            return x - anchor;
        }
    }
}
