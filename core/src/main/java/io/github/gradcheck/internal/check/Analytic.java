package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Mended;
import io.github.gradcheck.internal.verdict.Problem;
import io.github.gradcheck.internal.verdict.Repair;
import io.github.gradcheck.kron.LinearMap;
import java.util.function.BiFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * The user's derivative of one input, prepared at the point, giving the analytic side of the
 * comparison one Jacobian column (coordinate k) or, for a vjp, one row (output i) at a time,
 * whatever the reference it is compared with.
 *
 * <p>A column is {@code J·vec(Bₖ)} for the coordinate direction Bₖ: for a gradient, the one entry
 * ⟨G, Bₖ⟩ (weighted, see {@link Coordinates#weight}); for a Jacobian, Kronecker form or jvp, the
 * vec of DF[X](Bₖ). For the Hessian of a scalar f checked without a gradient, the outputs are the
 * coordinates themselves: entry l of column k is {@code vec(B_l)ᵀ H vec(Bₖ)}.
 */
final class Analytic {

    final String input;
    final Derivative derivative;
    final Coordinates coordinates;
    final String label;
    /** Whether this is the Hessian (or hvp) of a scalar f, compared with second differences of f. */
    final boolean ofScalar;
    private final Shapes shapes;
    /** How reports name f (or F). */
    private final String function;
    private final Guard guard;
    private final int outputs;
    private final int outputRows;
    private final int outputCols;
    /** A gradient, Jacobian or Hessian at the point (mended when it had a repairable shape). */
    private DMatrixRMaj fixed;
    /** For a gradient written into buffers that a second call kept adding into: how, and {@link #fixed} is the increment. */
    private Accumulates accumulates = Accumulates.NO;
    private Operator map;
    /** The direction handed to a jvp, vjp or hvp. */
    private Watched direction;

    private Analytic(Shapes shapes, String function, Guard guard, String input, Derivative derivative,
                     Coordinates coordinates, String label, boolean ofScalar, int outputRows, int outputCols) {
        this.shapes = shapes;
        this.function = function;
        this.guard = guard;
        this.input = input;
        this.derivative = derivative;
        this.coordinates = coordinates;
        this.label = label;
        this.ofScalar = ofScalar;
        this.outputRows = ofScalar ? coordinates.size() : outputRows;
        this.outputCols = ofScalar ? 1 : outputCols;
        this.outputs = this.outputRows * this.outputCols;
    }

    /**
     * This derivative for a worker of a parallel check: the same prepared values, its own guard
     * and direction.
     */
    Analytic forGuard(Guard other) {
        Analytic a = new Analytic(shapes, function, other, input, derivative, coordinates, label, ofScalar, outputRows,
                outputCols);
        a.fixed = fixed;
        a.accumulates = accumulates;
        a.map = map;
        a.direction = direction == null ? null : new Watched(direction.name, direction.matrix);
        if (a.direction != null) {
            a.direction.clear();
        }
        return a;
    }

    /**
     * Prepares a derivative: calls a gradient, Jacobian, Kronecker form or Hessian once, at the
     * point, and checks its shape and values.
     */
    static Analytic prepare(Shapes shapes, String function, Guard guard, String input, Derivative derivative,
                            Coordinates coordinates, String label, boolean ofScalar) {
        Analytic a = new Analytic(shapes, function, guard, input, derivative, coordinates, label, ofScalar,
                guard.outputRows(), guard.outputCols());
        a.prepare();
        return a;
    }

    private void prepare() {
        int m = coordinates.rows();
        int n = coordinates.cols();
        int entries = m * n;
        int fOutputs = guard.outputRows() * guard.outputCols();
        if (derivative instanceof Derivative.Gradient g) {
            fixed = shapes.conform(guard.call(label, g.function()).copy(), expected(m, n, Problem.Expected.INPUT), true);
            Shapes.requireFinite(label, fixed, "");
            if (g.again() != null) {
                CallsAgain.Buffered b = CallsAgain.buffered(guard, shapes, label, input, fixed, g.again(),
                        expected(m, n, Problem.Expected.INPUT));
                fixed = b.analytic();
                accumulates = b.accumulates();
            }
        } else if (derivative instanceof Derivative.Jacobian j) {
            fixed = shapes.conform(guard.call(label, j.function()).copy(),
                    expected(fOutputs, entries, Problem.Expected.JACOBIAN), false);
            Shapes.requireFinite(label, fixed, "");
        } else if (derivative instanceof Derivative.Hessian h) {
            fixed = shapes.conform(guard.call(label, h.function()).copy(),
                    expected(entries, entries, Problem.Expected.HESSIAN), false);
            Shapes.requireFinite(label, fixed, "");
        } else if (derivative instanceof Derivative.Kronecker k) {
            map = conformMap(guard.call(label, k.function()), fOutputs, entries);
        } else {
            direction = derivative instanceof Derivative.Vjp
                    ? new Watched("G", new DMatrixRMaj(guard.outputRows(), guard.outputCols()))
                    : new Watched(derivative instanceof Derivative.Hvp ? "V" : "H", new DMatrixRMaj(m, n));
            if (derivative instanceof Derivative.Vjp vjp) {
                CallsAgain.requireUpstreamUsed(guard, shapes, label, input, vjp, direction,
                        expected(m, n, Problem.Expected.INPUT));
            }
        }
    }

    /** Whether this gradient kept adding into its buffers (then its values are the increment of a second call). */
    Accumulates accumulates() {
        return accumulates;
    }

    /** What this derivative must be, rows × cols, for a shape message. */
    private Problem.WrongShape expected(int rows, int cols, Problem.Expected expected) {
        return new Problem.WrongShape(label, derivative.form(), input, 0, 0, rows, cols, expected, function);
    }

    /** The map when its dimensions fit (or are the transposed ones, a mistake worth naming). */
    private Operator conformMap(LinearMap given, int rows, int cols) {
        int givenRows;
        int givenCols;
        try {
            givenRows = given.rows();
            givenCols = given.cols();
        } catch (RuntimeException e) {
            throw guard.threw(label, e);
        }
        if (givenRows == rows && givenCols == cols) {
            return wrap(given);
        }
        Problem.WrongShape found = new Problem.WrongShape(label, derivative.form(), input, givenRows, givenCols, rows,
                cols, Problem.Expected.MAP, function);
        if (givenRows == cols && givenCols == rows && rows != cols) {
            Operator transposed;
            try {
                transposed = wrap(given).transpose();
            } catch (RuntimeException e) {
                throw new Abort(found);
            }
            shapes.record(new Mended(input, Repair.TRANSPOSE, found));
            return transposed;
        }
        throw new Abort(found);
    }

    private Operator wrap(LinearMap given) {
        try {
            return operator(given, label);
        } catch (IllegalArgumentException e) {
            throw new Abort(new Problem.Malformed(label, e.getMessage()));
        }
    }

    /**
     * The operator behind a map the user's code returned: the toolkit's own for a map built by
     * {@code Kron} or an expression, an adapter through its {@code apply} for one the user
     * implemented.
     *
     * @throws IllegalArgumentException for a map with non-positive dimensions
     */
    private static Operator operator(LinearMap map, String what) {
        if (map instanceof Backed backed) {
            return backed.operator();
        }
        return Operators.foreign(map.rows(), map.cols(), map::apply, () -> {
            LinearMap t = map.transpose();
            return t == null ? null : operator(t, "the transpose of " + map);
        }, () -> String.valueOf(map));
    }

    /** Entries of a column: F's entries, or the coordinates for the Hessian of a scalar f. */
    int outputs() {
        return outputs;
    }

    int outputRows() {
        return outputRows;
    }

    int outputCols() {
        return outputCols;
    }

    /** Whether the derivative comes a row at a time (a vjp). */
    boolean byRows() {
        return derivative instanceof Derivative.Vjp;
    }

    /** Whether the derivative is a gradient: one entry per coordinate, reported weighted. */
    boolean isGradient() {
        return derivative instanceof Derivative.Gradient;
    }

    /** The gradient, Jacobian or Hessian given as a matrix, at the point; null for other forms. */
    DMatrixRMaj fixed() {
        return fixed;
    }

    /**
     * The analytic side of a FAST probe along a direction V (this input's part, of its shape):
     * J·vec(V) into {@code out} (F's entries in vec order; one entry, ⟨G, V⟩, for a gradient; the
     * input's entries, H·vec(V), for the Hessian of a scalar f). Not for a vjp (see
     * {@link #bilinear}).
     */
    void along(DMatrixRMaj v, double[] out) {
        int n = coordinates.rows() * coordinates.cols();
        if (derivative instanceof Derivative.Gradient) {
            out[0] = dot(fixed.data, v.data, n);
        } else if (fixed != null) {
            double[] vecV = new double[n];
            VecLayout.vecInto(v, vecV);
            multiply(fixed, vecV, out);
        } else if (map != null) {
            double[] vecV = new double[n];
            VecLayout.vecInto(v, vecV);
            if (map.selfContained()) {
                map.applyInto(vecV, out); // the toolkit's arithmetic: nothing to guard, nothing shared
            } else {
                guard.where(() -> "applying it to a random direction");
                guard.run(label, () -> map.applyInto(vecV, out));
                guard.where(() -> "at the point");
            }
            for (int i = 0; i < outputs; i++) {
                if (!Double.isFinite(out[i])) {
                    DMatrixRMaj value = new DMatrixRMaj(outputs, 1);
                    System.arraycopy(out, 0, value.data, 0, outputs);
                    Shapes.requireFinite(label, value, ", applied to a random direction");
                }
            }
        } else {
            VecLayout.vecInto(productAlong(v), out);
        }
    }

    /**
     * Whether {@link #along} runs only the toolkit's arithmetic on values fixed at the point (a
     * matrix the user's code returned, or a map built by {@code Kron} from matrices it copied), so
     * that it may run on another core while the user's function is evaluated.
     */
    boolean alongSelfContained() {
        return fixed != null || map != null && map.selfContained();
    }

    /** The length of {@link #along}'s result: F's entries, 1 for a gradient, the input's for a Hessian. */
    int alongLength() {
        return ofScalar ? coordinates.rows() * coordinates.cols() : outputs;
    }

    /**
     * ⟨U, J·vec(V)⟩ for this input's part V of a direction: through the vjp as ⟨vjp(U), V⟩, else
     * through {@link #along}. For the Hessian of a scalar f, U and V are of the input's shape and
     * the value is vec(U)ᵀ H vec(V).
     *
     * @param u U in vec order (F's entries, or the input's for a Hessian of a scalar f)
     * @param uMatrix U as a matrix
     * @param v the direction for this input, of its shape; not modified
     */
    double bilinear(double[] u, DMatrixRMaj uMatrix, DMatrixRMaj v) {
        int n = coordinates.rows() * coordinates.cols();
        if (byRows()) {
            direction.reset(uMatrix);
            guard.where(() -> "at the point, for G = a random direction");
            Derivative.Vjp vjp = (Derivative.Vjp) derivative;
            DMatrixRMaj value = shapes.conform(guard.call(label, vjp.function(), direction).copy(),
                    expected(coordinates.rows(), coordinates.cols(), Problem.Expected.INPUT), true);
            Shapes.requireFinite(label, value, " for G = a random direction");
            direction.clear();
            guard.where(() -> "at the point");
            return dot(value.data, v.data, n);
        }
        double[] jv = new double[alongLength()];
        along(v, jv);
        return dot(u, jv, jv.length);
    }

    /** jvp(V) or hvp(V) along a given direction. */
    private DMatrixRMaj productAlong(DMatrixRMaj v) {
        direction.reset(v);
        guard.where(() -> "at the point, for " + direction.name + " = a random direction");
        boolean hvpOfScalar = derivative instanceof Derivative.Hvp && ofScalar;
        int rows = hvpOfScalar ? coordinates.rows() : guard.outputRows();
        int cols = hvpOfScalar ? coordinates.cols() : guard.outputCols();
        DMatrixRMaj value = shapes.conform(guard.call(label, productFunction(), direction).copy(),
                expected(rows, cols, ofScalar ? Problem.Expected.INPUT : Problem.Expected.OUTPUT), false);
        Shapes.requireFinite(label, value, " for " + direction.name + " = a random direction");
        direction.clear();
        guard.where(() -> "at the point");
        return value;
    }

    /** y = M·x for a dense M (rows × x.length). */
    private static void multiply(DMatrixRMaj m, double[] x, double[] y) {
        int cols = m.numCols;
        for (int r = 0; r < m.numRows; r++) {
            double sum = 0;
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                sum += m.data[base + c] * x[c];
            }
            y[r] = sum;
        }
    }

    private static double dot(double[] a, double[] b, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Writes column k of the analytic derivative, {@code J·vec(Bₖ)}, into {@code out[0 .. outputs)}. */
    void column(int k, double[] out) {
        if (derivative instanceof Derivative.Gradient) {
            out[0] = coordinates.weight(k) * coordinates.project(fixed, k);
        } else if (ofScalar) {
            hessianColumn(k, out);
        } else if (fixed != null) {
            int column = coordinates.vecIndex(k);
            int paired = coordinates.pairedVecIndex(k);
            for (int i = 0; i < outputs; i++) {
                out[i] = fixed.unsafe_get(i, column) + (paired < 0 ? 0 : fixed.unsafe_get(i, paired));
            }
        } else if (map != null) {
            mapColumn(k, out);
        } else {
            DMatrixRMaj value = product(k);
            VecLayout.vecInto(value, out);
        }
    }

    private void mapColumn(int k, double[] out) {
        int paired = coordinates.pairedVecIndex(k);
        guard.where(() -> "applying it to vec(" + coordinates.basis(k) + ")");
        guard.run(label, () -> {
            map.columnInto(coordinates.vecIndex(k), out);
            if (paired >= 0) {
                double[] second = new double[outputs];
                map.columnInto(paired, second);
                for (int i = 0; i < outputs; i++) {
                    out[i] += second[i];
                }
            }
        });
        requireFinite(out, k);
        guard.where(() -> "at the point");
    }

    /** Column k of the Hessian of a scalar f, seen through the coordinates: vec(B_l)ᵀ H vec(Bₖ). */
    private void hessianColumn(int k, double[] out) {
        if (fixed != null) {
            int a = coordinates.vecIndex(k);
            int b = coordinates.pairedVecIndex(k);
            for (int l = 0; l < outputs; l++) {
                int c = coordinates.vecIndex(l);
                int d = coordinates.pairedVecIndex(l);
                double v = fixed.unsafe_get(c, a) + (b < 0 ? 0 : fixed.unsafe_get(c, b));
                if (d >= 0) {
                    v += fixed.unsafe_get(d, a) + (b < 0 ? 0 : fixed.unsafe_get(d, b));
                }
                out[l] = v;
            }
        } else {
            DMatrixRMaj value = product(k);
            for (int l = 0; l < outputs; l++) {
                out[l] = coordinates.project(value, l);
            }
        }
    }

    /** jvp(Bₖ) or hvp(Bₖ): the user's product along coordinate k, the shape of F (or of X). */
    private DMatrixRMaj product(int k) {
        String where = " for " + direction.name + " = " + coordinates.basis(k);
        direction.set(coordinates, k, 1.0);
        guard.where(() -> "at the point" + where);
        int rows = derivative instanceof Derivative.Hvp && ofScalar ? coordinates.rows() : guard.outputRows();
        int cols = derivative instanceof Derivative.Hvp && ofScalar ? coordinates.cols() : guard.outputCols();
        // a copy: the result may be the direction itself (the jvp of X + Y is H), which is reset below
        DMatrixRMaj value = shapes.conform(guard.call(label, productFunction(), direction).copy(),
                expected(rows, cols, ofScalar ? Problem.Expected.INPUT : Problem.Expected.OUTPUT), false);
        Shapes.requireFinite(label, value, where);
        direction.set(coordinates, k, 0.0);
        guard.where(() -> "at the point");
        return value;
    }

    /**
     * Row i of the analytic Jacobian from a vjp, {@code vjp(Eᵢ)}, seen through the coordinates:
     * entry k is ⟨vjp(Eᵢ), Bₖ⟩.
     */
    void row(int i, double[] out) {
        int outRows = guard.outputRows();
        int index = VecLayout.dataIndex(i, outRows, guard.outputCols());
        String where = " for G = E(" + VecLayout.row(i, outRows) + ", " + VecLayout.col(i, outRows) + ")";
        direction.set(index, 1.0);
        guard.where(() -> "at the point" + where);
        Derivative.Vjp vjp = (Derivative.Vjp) derivative;
        DMatrixRMaj value = shapes.conform(guard.call(label, vjp.function(), direction),
                expected(coordinates.rows(), coordinates.cols(), Problem.Expected.INPUT), true);
        Shapes.requireFinite(label, value, where);
        for (int k = 0; k < coordinates.size(); k++) {
            out[k] = coordinates.project(value, k);
        }
        direction.set(index, 0.0);
        guard.where(() -> "at the point");
    }

    private void requireFinite(double[] column, int k) {
        for (int i = 0; i < outputs; i++) {
            if (!Double.isFinite(column[i])) {
                DMatrixRMaj value = new DMatrixRMaj(outputs, 1);
                System.arraycopy(column, 0, value.data, 0, outputs);
                Shapes.requireFinite(label, value, " in its column for " + coordinates.basis(k));
            }
        }
    }

    private BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> productFunction() {
        return derivative instanceof Derivative.Jvp jvp ? jvp.function() : ((Derivative.Hvp) derivative).function();
    }
}
