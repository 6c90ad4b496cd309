package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Calls the user's functions safely: on private copies of the inputs, counting evaluations of f,
 * and turning a throw, a mutated argument, a null or a changed output shape into an
 * {@link Abort} that names the function, the argument and the point.
 */
final class Guard {

    private final CheckSpec spec;
    private final Map<String, DMatrixRMaj> pristine;
    private final Map<String, Watched> inputs = new LinkedHashMap<>();
    private final Inputs view;
    private long evaluations;
    private int outputRows = -1;
    private int outputCols = -1;
    private Supplier<String> where = () -> "at the point";

    /**
     * @param point the inputs; read, never modified
     */
    Guard(CheckSpec spec, Inputs point) {
        this.spec = spec;
        this.pristine = point.asMap();
        Map<String, DMatrixRMaj> views = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : pristine.entrySet()) {
            Watched w = new Watched(e.getKey(), e.getValue(), spec.options().isFloat(e.getKey()));
            inputs.put(e.getKey(), w);
            views.put(e.getKey(), w.matrix);
        }
        this.view = Inputs.of(views);
    }

    Watched input(String name) {
        return inputs.get(name);
    }

    /** The names of all inputs, in order. */
    java.util.Set<String> names() {
        return pristine.keySet();
    }

    DMatrixRMaj pristine(String name) {
        return pristine.get(name);
    }

    long evaluations() {
        return evaluations;
    }

    /** Adds evaluations made by a fork, to the count of this guard. */
    void count(long more) {
        evaluations += more;
    }

    /**
     * A guard of its own for a worker thread: its own copies of the inputs, at the point, and its
     * own count; the user's functions are shared (they must be thread-safe to run in parallel).
     */
    Guard fork() {
        Guard g = new Guard(spec, Inputs.of(pristine));
        g.outputRows = outputRows;
        g.outputCols = outputCols;
        return g;
    }

    /** Describes the current point for messages ("at X + 1.0e-6·E(0, 1)"); evaluated only on failure. */
    void where(Supplier<String> description) {
        this.where = description;
    }

    /** Puts every input back to the point. */
    void restore() {
        for (Watched w : inputs.values()) {
            w.reset(pristine.get(w.name));
        }
        where = () -> "at the point";
    }

    /** Rows of F (1 for a scalar f); known after the first evaluation. */
    int outputRows() {
        return outputRows;
    }

    int outputCols() {
        return outputCols;
    }

    /** Evaluates f (or F) at the current inputs and writes vec of the value into {@code out}. */
    void evaluate(double[] out) {
        if (spec.isScalar()) {
            out[0] = callScalar();
        } else {
            VecLayout.vecInto(callMatrix(), out);
        }
    }

    /** Evaluates f (or F) at the current inputs into a new array: vec of the value. */
    double[] evaluateNew() {
        if (spec.isScalar()) {
            return new double[] {callScalar()};
        }
        DMatrixRMaj value = callMatrix();
        double[] out = new double[value.numRows * value.numCols];
        VecLayout.vecInto(value, out);
        return out;
    }

    private double callScalar() {
        evaluations++;
        String name = spec.functionName();
        double value;
        try {
            value = spec.scalar().applyAsDouble(view);
        } catch (Throwable t) {
            throw threw(name, t);
        }
        verifyInputs(name);
        outputRows = 1;
        outputCols = 1;
        return value;
    }

    private DMatrixRMaj callMatrix() {
        evaluations++;
        String name = spec.functionName();
        DMatrixRMaj value;
        try {
            value = spec.matrix().apply(view);
        } catch (Throwable t) {
            throw threw(name, t);
        }
        verifyInputs(name);
        if (value == null) {
            throw new Abort(new Problem.NullResult(name, false, where.get()));
        }
        if (outputRows < 0) {
            outputRows = value.numRows;
            outputCols = value.numCols;
        } else if (value.numRows != outputRows || value.numCols != outputCols) {
            throw new Abort(new Problem.ChangedShape(name, value.numRows, value.numCols, outputRows, outputCols,
                    where.get()));
        }
        return value;
    }

    /**
     * Calls a derivative that does not take a direction (a gradient, Jacobian, Kronecker form or
     * Hessian) at the current inputs.
     *
     * @param label how reports name it ("gradient", "Hessian for W")
     */
    <T> T call(String label, Function<Inputs, T> derivative) {
        T value;
        try {
            value = derivative.apply(view);
        } catch (Throwable t) {
            throw threw(label, t);
        }
        verifyInputs(label);
        return requireResult(label, value);
    }

    /** Calls a jvp, vjp or hvp at the current inputs with direction {@code direction} (H, G or V). */
    DMatrixRMaj call(String label, BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> product, Watched direction) {
        DMatrixRMaj value;
        try {
            value = product.apply(view, direction.matrix);
        } catch (Throwable t) {
            throw threw(label, t);
        }
        verifyInputs(label);
        verify(label, direction);
        return requireResult(label, value);
    }

    /** Runs code of the user's other than f and its derivatives (a linear map they implemented), guarded. */
    void run(String label, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            throw threw(label, t);
        }
        verifyInputs(label);
    }

    private <T> T requireResult(String label, T value) {
        if (value == null) {
            throw new Abort(new Problem.NullResult(label, true, where.get()));
        }
        return value;
    }

    private void verifyInputs(String function) {
        for (Watched w : inputs.values()) {
            verify(function, w);
        }
    }

    private void verify(String function, Watched w) {
        int changed = w.firstChange();
        if (changed == -1) {
            return;
        }
        boolean shape = changed == -2;
        throw new Abort(new Problem.InputMutated(function, w.name, w.rows(), w.cols(), shape ? -1 : changed,
                shape ? Double.NaN : w.expected(changed), shape ? Double.NaN : w.matrix.data[changed],
                w.matrix.numRows, w.matrix.numCols, where.get(), originOf(function)));
    }

    Abort threw(String function, Throwable t) {
        if (t instanceof UserCodeProblem p) {
            return new Abort(p.problem());
        }
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new Abort(new Problem.Threw(function, t, where.get(), originOf(function)));
    }

    /** f or F is the function; anything else is a derivative. */
    private Origin originOf(String function) {
        return function.equals(spec.functionName()) ? Origin.FUNCTION : Origin.DERIVATIVE;
    }
}
