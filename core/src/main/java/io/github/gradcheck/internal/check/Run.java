package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.difference.SecondDifference;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.report.Numbers;
import io.github.gradcheck.internal.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One FULL check: the analytic derivative of every differentiated input compared entry by entry
 * with its references: central differences along every coordinate, the exact derivative of a
 * reference expression, or both; a Hessian given without a gradient, with second differences.
 *
 * <p>Order: f at the point (finite?), f again (deterministic?), the gradients, Jacobians and
 * Kronecker forms at the point (shape, finite), the exact reference (its value must be f's), the
 * evaluation noise, then one Jacobian column per coordinate. Memory is a few vectors of the
 * input's and output's size, except a dense Jacobian the user hands over, a Hessian's second
 * differences (half a square of the input's size) and, for a vjp, a block of numerical columns
 * within {@link #WORK_BUDGET} doubles.
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
    /** The first step of second differences, in (relative noise)^(1/6) times the entry's scale. */
    static final double SECOND_STEP = 4.0;
    /** An expression describes f when their values at the point agree to this fraction of their size. */
    static final double REFERENCE_AGREEMENT = 1e-5;
    private static final double EPS = Math.ulp(1.0);

    private final CheckSpec spec;
    private final Options options;
    private final Guard guard;
    private final List<InputComparison> comparisons = new ArrayList<>();
    /** Derivatives of the wrong shape, mended to learn their mistake: the repair and the shapes. */
    private final Map<String, Repair> repairs = new java.util.LinkedHashMap<>();
    private final Map<String, String> shapeProblems = new java.util.LinkedHashMap<>();
    private double[] f0;
    private double[] noise;
    /** Whether the noise measurement saw F change nowhere (then a flat first step is grown). */
    private boolean blind;
    private double stepFactor;
    private boolean noiseMeasured;
    private List<Analytic> prepared = List.of();

    Run(CheckSpec spec, Inputs point) {
        this.spec = spec;
        this.options = spec.options();
        this.guard = new Guard(spec, point);
    }

    CheckResult execute() {
        try {
            evaluatePoint();
            List<Analytic> first = new ArrayList<>();
            for (Map.Entry<String, Derivative> e : spec.derivatives().entrySet()) {
                first.add(prepare(e.getKey(), e.getValue(), false));
            }
            List<Analytic> second = new ArrayList<>();
            if (spec.isScalar()) {
                for (Map.Entry<String, Derivative> e : spec.secondOrder().entrySet()) {
                    if (!(spec.derivatives().get(e.getKey()) instanceof Derivative.Gradient)) {
                        second.add(prepare(e.getKey(), e.getValue(), true));
                    }
                }
            }
            prepared = new ArrayList<>(first);
            prepared.addAll(second);
            int free = free(first, second);
            Mode mode = options.mode() == Mode.AUTO ? (free <= Mode.AUTO_LIMIT ? Mode.FULL : Mode.FAST) : options.mode();
            if (mode == Mode.FAST) {
                return fast(first, second, free);
            }
            if (spec.reference().exact() != null && !first.isEmpty()) {
                Map<String, Operator> exact = prepareReference(first);
                for (Analytic a : first) {
                    compareExact(a, exact.get(a.input));
                }
            }
            if (spec.reference().numeric()) {
                for (Analytic a : first) {
                    compareNumeric(a);
                }
            }
            for (Analytic a : second) {
                compareSecond(a);
            }
            return Verdict.judge(spec, comparisons, repairs, shapeProblems, guard.evaluations(), options.seed());
        } catch (Abort abort) {
            return Verdict.aborted(abort, guard.evaluations(), options.seed());
        }
    }

    /**
     * The size of a FULL check, in coordinates: every free coordinate of a first derivative, and
     * every pair of coordinates of a Hessian checked by second differences.
     */
    private static int free(List<Analytic> first, List<Analytic> second) {
        long free = 0;
        for (Analytic a : first) {
            free += a.coordinates.size();
        }
        for (Analytic a : second) {
            long n = a.coordinates.size();
            free += n * (n + 1) / 2;
        }
        return (int) Math.min(Integer.MAX_VALUE, free);
    }

    /**
     * FAST mode: random directional probes. When one fails on a check small enough for FULL mode,
     * FULL runs for the entry-level report and the mistake.
     */
    private CheckResult fast(List<Analytic> first, List<Analytic> second, int free) {
        List<Probes.Outcome> outcomes = new ArrayList<>();
        if (!first.isEmpty()) {
            Map<String, Operator> exact = spec.reference().exact() != null ? prepareReference(first) : null;
            outcomes.addAll(new Probes(guard, spec, f0, first).execute(exact, spec.reference().numeric()));
        }
        for (Analytic a : second) {
            outcomes.addAll(new Probes(guard, spec, f0, List.of(a)).execute(null, true));
        }
        int probes = outcomes.get(0).probes().size();
        String mode = "FAST (" + (options.mode() == Mode.AUTO ? "AUTO: " + free + " coordinates > " + Mode.AUTO_LIMIT
                + "; " : "") + probes + " random directions)";
        Result result = FastVerdict.judge(spec, outcomes, repairs, shapeProblems, mode, guard.evaluations(),
                options.seed());
        if (result.passed() || free > Mode.AUTO_LIMIT) {
            return result;
        }
        Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
        for (String name : guard.names()) {
            point.put(name, guard.pristine(name));
        }
        Result full = (Result) new Run(spec.withOptions(options.withMode(Mode.FULL)), Inputs.of(point)).execute();
        boolean weak = full.passed() && String.valueOf(full.facts().get("note")).contains("resolve the derivative only");
        if (weak || full.origin() == Origin.UNRESOLVED) {
            // the probes see more than single entries do where f is noisy (they add up many
            // coordinates' worth of change): their verdict stands
            return FastVerdict.withFullNote(result, full);
        }
        return FastVerdict.afterFast(full, result, guard.evaluations());
    }

    private Analytic prepare(String name, Derivative d, boolean ofScalar) {
        return Analytic.prepare(this, guard, name, d, coordinates(name), spec.derivativeName(name, d), ofScalar);
    }

    String functionName() {
        return spec.functionName();
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

    /**
     * The value when it has the expected shape. A value of the transposed shape, or (broadcast:
     * a result the shape of the input) of a batch's shape for a 1×k or n×1 input, is mended so
     * that the check can go on and learn whether that was the mistake; any other shape ends the
     * check as a SHAPE_MISMATCH whose mistake is unknown.
     */
    DMatrixRMaj conform(String input, DMatrixRMaj value, int rows, int cols, String expectation,
                        boolean broadcast) {
        if (value.numRows == rows && value.numCols == cols) {
            return value;
        }
        String label = spec.derivativeName(input);
        String shapes = label + " is " + Numbers.shape(value.numRows, value.numCols) + " but " + expectation + " "
                + Numbers.shape(rows, cols);
        Repair repair = Repair.of(value, rows, cols, broadcast);
        if (repair == null) {
            throw shapeAbort(input, shapes);
        }
        recordRepair(input, repair, shapes);
        return repair.apply(value);
    }

    /** Notes that a derivative of input was mended; a second, different repair ends the check. */
    synchronized void recordRepair(String input, Repair repair, String shapes) {
        Repair before = repairs.get(input);
        if (before != null && before != repair) {
            throw shapeAbort(input, shapes);
        }
        repairs.put(input, repair);
        shapeProblems.putIfAbsent(input, shapes);
    }

    /** A SHAPE_MISMATCH whose mistake is unknown. */
    Abort shapeAbort(String input, String shapes) {
        return new Abort(Status.SHAPE_MISMATCH, Mistake.UNKNOWN, Origin.DERIVATIVE,
                Report.headline(shapes)
                        .fact("status", Status.SHAPE_MISMATCH.name())
                        .fact("mistake", Mistake.UNKNOWN.name())
                        .fact("function", spec.derivativeName(input))
                        .fact("shapes", shapes), null);
    }

    void requireFinite(String input, DMatrixRMaj value, String direction) {
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
        if (noiseMeasured) {
            return;
        }
        noiseMeasured = true;
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Watched> differentiated = new ArrayList<>();
        List<double[]> directions = new ArrayList<>();
        for (String name : spec.differentiated().keySet()) {
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
        boolean any = false;
        for (Analytic a : prepared) {
            DMatrixRMaj m = a.fixed();
            if (m != null && !a.derivative.secondOrder()) {
                any = true;
                double[] values = java.util.Arrays.copyOf(m.data, m.getNumElements());
                if (!NoiseEstimator.isFloatValued(values)) {
                    return false;
                }
            }
        }
        return any;
    }

    /** The perturbation basis of an input, from its declared structure. */
    private Coordinates coordinates(String name) {
        Watched w = guard.input(name);
        return Coordinates.of(options.structure(name), w.rows(), w.cols());
    }

    /**
     * The exact reference: the expression's value (which must be f's) and its exact Jacobian
     * with respect to each differentiated input, at the point.
     *
     * @throws IllegalArgumentException when the expression does not describe f: another shape,
     *     or another value at the point
     */
    private Map<String, Operator> prepareReference(List<Analytic> first) {
        Expr expression = spec.reference().exact();
        Map<String, String> variables = new LinkedHashMap<>();
        Inputs at;
        if (spec.singleInput()) {
            String variable = expression.variables().isEmpty() ? CheckSpec.SINGLE_INPUT
                    : expression.variables().iterator().next();
            variables.put(CheckSpec.SINGLE_INPUT, variable);
            at = Inputs.of(variable, guard.pristine(CheckSpec.SINGLE_INPUT));
        } else {
            Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
            for (String name : guard.names()) {
                point.put(name, guard.pristine(name));
                variables.put(name, name);
            }
            at = Inputs.of(point);
        }
        DMatrixRMaj value = referenceCall(expression, () -> expression.evaluate(at));
        String f = spec.functionName();
        if (value.numRows != guard.outputRows() || value.numCols != guard.outputCols()) {
            throw new IllegalArgumentException("exactly: the expression " + expression + " is "
                    + Numbers.shape(value.numRows, value.numCols) + " at the point but " + f + " is "
                    + Numbers.shape(guard.outputRows(), guard.outputCols()) + ": it does not describe " + f);
        }
        double[] values = new double[f0.length];
        VecLayout.vecInto(value, values);
        double allowed = REFERENCE_AGREEMENT * Math.max(maxAbs(f0), maxAbs(values));
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                        Report.headline("the reference expression " + expression + " is " + Numbers.format(values[i])
                                        + outputEntry(i) + " at the point")
                                .fact("status", Status.NON_FINITE.name())
                                .fact("function", "reference " + expression)
                                .fact("value", values[i])
                                .fact("at", "the point" + outputEntry(i)), null);
            }
            if (!(Math.abs(values[i] - f0[i]) <= allowed)) {
                throw new IllegalArgumentException("exactly: the expression " + expression + " is "
                        + Numbers.format(values[i]) + outputEntry(i) + " at the point but " + f + " is "
                        + Numbers.format(f0[i]) + ": it does not describe " + f);
            }
        }
        Map<String, Operator> jacobians = new LinkedHashMap<>();
        for (Analytic a : first) {
            String variable = variables.get(a.input);
            Operator j = Operator.of(referenceCall(expression, () -> expression.jacobian(variable, at)));
            int entries = a.coordinates.rows() * a.coordinates.cols();
            if (j.rows() != f0.length || j.cols() != entries) {
                throw new IllegalStateException("the exact Jacobian of " + expression + " with respect to " + variable
                        + " is " + Numbers.shape(j.rows(), j.cols()) + ", not " + Numbers.shape(f0.length, entries));
            }
            jacobians.put(a.input, j);
        }
        return jacobians;
    }

    /**
     * Evaluates the reference; an operation undefined at the point (a singular inverse) is
     * NON_FINITE, an expression that does not fit the inputs' shapes an IllegalArgumentException.
     */
    private <T> T referenceCall(Expr expression, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("exactly: the expression " + expression + " cannot be evaluated at "
                    + "the point: " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                    Report.headline("the reference expression " + expression + " is not defined at the point: "
                                    + e.getMessage())
                            .fact("status", Status.NON_FINITE.name())
                            .fact("function", "reference " + expression)
                            .fact("cause", e.getMessage()), e);
        }
    }

    /** Compares one input's derivative with the exact Jacobian J of the reference expression. */
    private void compareExact(Analytic a, Operator j) {
        InputComparison comparison = new InputComparison(a, Against.EXACT, options);
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
        comparison.finish();
        comparisons.add(comparison);
    }

    /** ⟨v, vec(Bₖ)⟩ for a vector v in vec order. */
    private static double along(double[] v, Coordinates coordinates, int k) {
        int paired = coordinates.pairedVecIndex(k);
        return v[coordinates.vecIndex(k)] + (paired < 0 ? 0 : v[paired]);
    }

    /** Compares one input's derivative with central differences along every coordinate. */
    private void compareNumeric(Analytic a) {
        measureNoise();
        InputComparison comparison = new InputComparison(a, Against.FINITE_DIFFERENCES, options);
        CoordinateLine line = new CoordinateLine(guard, guard.input(a.input), guard.pristine(a.input), a.coordinates);
        if (a.byRows()) {
            compareRows(comparison, line, a);
        } else {
            compareColumns(comparison, line, a);
        }
        comparison.finish();
        comparisons.add(comparison);
        guard.restore();
    }

    private void compareColumns(InputComparison comparison, CoordinateLine line, Analytic a) {
        if (options.parallel() && a.coordinates.size() > 1) {
            compareColumnsInParallel(comparison, a);
            return;
        }
        int m = f0.length;
        Coordinates coordinates = line.coordinates;
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate estimate = new ColumnEstimate(m);
        double[] analytic = new double[m];
        double[] hint = new double[m];
        for (int k = 0; k < coordinates.size(); k++) {
            a.column(k, analytic);
            // a gradient is reported as entries of the (symmetric) gradient: ⟨G, Bₖ⟩ and d/dt f(X + tBₖ), weighted
            double weight = a.isGradient() ? coordinates.weight(k) : 1.0;
            for (int i = 0; i < m; i++) {
                hint[i] = analytic[i] / weight;
            }
            estimateColumn(line, k, differences, hint, estimate);
            estimate.scale(weight);
            for (int i = 0; i < m; i++) {
                comparison.add(i, k, analytic[i], estimate, i);
            }
        }
    }

    /**
     * FULL mode's columns on the common fork-join pool, a chunk of coordinates at a time: each
     * worker has its own copies of the inputs (its own {@link Guard}), and the columns are
     * compared in coordinate order, so the result, failures and evaluation count included, is the
     * sequential one.
     */
    private void compareColumnsInParallel(InputComparison comparison, Analytic a) {
        int m = f0.length;
        Coordinates coordinates = a.coordinates;
        int n = coordinates.size();
        int chunk = (int) Math.max(1, Math.min(Math.min(n, 4L * ForkJoinPool.getCommonPoolParallelism()),
                WORK_BUDGET / (8L * m)));
        ColumnEstimate[] estimates = new ColumnEstimate[chunk];
        double[][] analytic = new double[chunk][m];
        long[] evaluations = new long[chunk];
        Abort[] aborts = new Abort[chunk];
        for (int c = 0; c < chunk; c++) {
            estimates[c] = new ColumnEstimate(m);
        }
        java.util.concurrent.ConcurrentLinkedQueue<Worker> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int start = 0; start < n; start += chunk) {
            int first = start;
            int end = Math.min(n, start + chunk);
            java.util.Arrays.fill(aborts, null);
            java.util.stream.IntStream.range(start, end).parallel().forEach(k -> {
                Worker w = idle.poll();
                if (w == null) {
                    w = new Worker(a);
                }
                int slot = k - first;
                long before = w.guard.evaluations();
                try {
                    w.analytic.column(k, analytic[slot]);
                    double weight = a.isGradient() ? coordinates.weight(k) : 1.0;
                    double[] hint = new double[m];
                    for (int i = 0; i < m; i++) {
                        hint[i] = analytic[slot][i] / weight;
                    }
                    estimateColumn(w.line, k, w.differences, hint, estimates[slot]);
                    estimates[slot].scale(weight);
                } catch (Abort abort) {
                    aborts[slot] = abort;
                    w = new Worker(a); // its inputs may be left anywhere
                } finally {
                    evaluations[slot] = w.guard.evaluations() - before;
                }
                idle.add(w);
            });
            for (int k = start; k < end; k++) {
                int slot = k - start;
                guard.count(Math.max(0, evaluations[slot]));
                if (aborts[slot] != null) {
                    throw aborts[slot];
                }
                for (int i = 0; i < m; i++) {
                    comparison.add(i, k, analytic[slot][i], estimates[slot], i);
                }
            }
        }
    }

    /** A worker of a parallel FULL check: its own inputs, line, differences and derivative. */
    private final class Worker {
        final Guard guard;
        final CoordinateLine line;
        final CentralDifference differences;
        final Analytic analytic;

        Worker(Analytic a) {
            this.guard = Run.this.guard.fork();
            this.line = new CoordinateLine(guard, guard.input(a.input), guard.pristine(a.input), a.coordinates);
            this.differences = new CentralDifference(f0.length);
            this.analytic = a.forGuard(guard);
        }
    }

    /**
     * A vjp gives the Jacobian a row at a time (row i = vjp(Eᵢ)), finite differences a column at
     * a time: numerical columns are computed in blocks that fit {@link #WORK_BUDGET}, and each
     * block is compared with every row.
     */
    private void compareRows(InputComparison comparison, CoordinateLine line, Analytic a) {
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
                estimateColumn(line, k, differences, null, estimates[k - start]);
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
     * Compares the Hessian (or hvp) of a scalar f given without a gradient with second
     * differences of f along every pair of coordinates (the lower triangle; the Hessian of a
     * twice-differentiable f is symmetric).
     */
    private void compareSecond(Analytic a) {
        measureNoise();
        Coordinates coordinates = a.coordinates;
        int n = coordinates.size();
        Watched w = guard.input(a.input);
        DMatrixRMaj x = guard.pristine(a.input);
        double scale = typicalScale(x);
        double relative = Math.abs(f0[0]) > 0 ? noise[0] / Math.abs(f0[0]) : (noise[0] > 0 ? MAX_RELATIVE_NOISE : EPS);
        double factor = SECOND_STEP * Math.pow(Math.min(MAX_RELATIVE_NOISE, Math.max(EPS, relative)), 1.0 / 6);
        double[] values = new double[n * (n + 1) / 2];
        double[] errors = new double[values.length];
        double[] out = new double[1];
        for (int l = 0; l < n; l++) {
            for (int k = l; k < n; k++) {
                int kk = k;
                int ll = l;
                double anchorK = x.data[coordinates.dataIndex(k)];
                double anchorL = x.data[coordinates.dataIndex(l)];
                SecondDifference.Plane plane = (s, t) -> {
                    coordinates.set(w, kk, anchorK + s);
                    if (kk != ll) {
                        coordinates.set(w, ll, anchorL + t);
                    }
                    guard.evaluate(out);
                    coordinates.set(w, kk, anchorK);
                    coordinates.set(w, ll, anchorL);
                    return out[0];
                };
                guard.where(() -> "near the point, along " + coordinates.basis(kk)
                        + (kk == ll ? "" : " and " + coordinates.basis(ll)));
                SecondDifference.Estimate e = SecondDifference.estimate(plane, k == l,
                        powerOfTwo(factor * Math.max(Math.abs(anchorK), scale)),
                        powerOfTwo(factor * Math.max(Math.abs(anchorL), scale)), f0[0], noise[0]);
                if (!e.defined()) {
                    String along = a.input + coordinates.entry(k) + (k == l ? "" : " and " + a.input
                            + coordinates.entry(l));
                    throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                            Report.headline("f is not finite near the point: NaN or infinite at every step along "
                                            + along + " (the point is on the boundary of f's domain)")
                                    .fact("status", Status.NON_FINITE.name())
                                    .fact("function", "f")
                                    .fact("along", along), null);
                }
                int index = lowerIndex(k, l, n);
                values[index] = e.value();
                errors[index] = e.error();
            }
        }
        guard.restore();
        InputComparison comparison = new InputComparison(a, Against.SECOND_DIFFERENCES, options);
        ColumnEstimate estimate = new ColumnEstimate(n);
        double[] analytic = new double[n];
        for (int l = 0; l < n; l++) {
            for (int k = 0; k < n; k++) {
                int index = lowerIndex(Math.max(k, l), Math.min(k, l), n);
                estimate.setKnown(k, values[index], errors[index]);
            }
            a.column(l, analytic);
            for (int k = 0; k < n; k++) {
                comparison.add(k, l, analytic[k], estimate, k);
            }
        }
        comparison.finish();
        comparisons.add(comparison);
    }

    /** Position of (k, l), k ≥ l, in the packed lower triangle of an n×n matrix, by columns. */
    private static int lowerIndex(int k, int l, int n) {
        return VecLayout.vechIndex(k, l, n);
    }

    /** The power of two nearest to h: x₀ ± h is then exact for most x₀. */
    private static double powerOfTwo(double h) {
        return Math.scalb(1.0, Math.getExponent(h) + (h / Math.scalb(1.0, Math.getExponent(h)) > Math.sqrt(2) ? 1 : 0));
    }

    /**
     * Estimates column k by central differences; {@code analytic}, when given, spares the confirming
     * probe where it agrees (see {@link CentralDifference}).
     */
    private void estimateColumn(CoordinateLine line, int k, CentralDifference differences, double[] analytic,
                                ColumnEstimate estimate) {
        line.moveTo(k);
        line.guard.where(line::describe);
        double h0 = stepFactor * Math.max(Math.abs(line.anchor()), line.scale());
        double minStep = MIN_STEP_ULPS * Math.ulp(Math.max(Math.abs(line.anchor()), Double.MIN_NORMAL));
        double maxStep = Math.max(Math.abs(line.anchor()), line.scale());
        differences.estimate(line, h0, minStep, maxStep, f0, noise, blind, analytic, options.rtol(), estimate);
        line.restore();
        for (int i = 0; i < estimate.size(); i++) {
            if (estimate.kind(i) == EntryKind.UNDEFINED) {
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
        private final Guard guard;
        private final Watched input;
        private final DMatrixRMaj point;
        private final Coordinates coordinates;
        private final double scale;
        private int coordinate = -1;
        private double anchor;
        private double t;

        CoordinateLine(Guard guard, Watched input, DMatrixRMaj point, Coordinates coordinates) {
            this.guard = guard;
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
