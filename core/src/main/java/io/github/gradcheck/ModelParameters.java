package io.github.gradcheck;

import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.internal.check.UserCodeProblem;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * One run of a model check: the model's live parameter arrays, a bitwise snapshot of them taken
 * before anything runs, and the loss and backward called on the live arrays. Before every call the
 * values the check wants are written into the live arrays; after it, the arrays must still hold
 * them (a loss or backward that writes into its parameters is reported); at the end the snapshot
 * is copied back, bit for bit. The backward's gradients are copied as they arrive.
 */
final class ModelParameters {

    /** How reports name the user's backward. */
    private static final String BACKWARD = "backward";

    /**
     * A parameter: the model's array, and its shape in reports.
     *
     * @param array a {@code double[]}, {@code float[]} or {@code DMatrixRMaj}
     */
    record Parameter(String name, Object array, int rows, int cols) {

        boolean floats() {
            return array instanceof float[];
        }

        /**
         * The double storage of a {@code double[]} or {@code DMatrixRMaj} parameter (a matrix's
         * data array read now: the user's code may have reshaped it); null for a {@code float[]}.
         */
        double[] doubles() {
            return array instanceof double[] a ? a : array instanceof DMatrixRMaj m ? m.data : null;
        }

        int length() {
            return rows * cols;
        }

        /** Whether {@code o} is this parameter's storage. */
        boolean holds(Object o) {
            return o == array || (array instanceof DMatrixRMaj m && o == m.data);
        }
    }

    static Parameter of(String name, double[] values, int rows, int cols) {
        require(name, values, values == null ? 0 : values.length, rows, cols);
        return new Parameter(name, values, rows, cols);
    }

    static Parameter of(String name, float[] values, int rows, int cols) {
        require(name, values, values == null ? 0 : values.length, rows, cols);
        return new Parameter(name, values, rows, cols);
    }

    static Parameter of(String name, DMatrixRMaj values) {
        require(name, values, values == null ? 0 : values.getNumElements(), values == null ? 0 : values.numRows,
                values == null ? 0 : values.numCols);
        return new Parameter(name, values, values.numRows, values.numCols);
    }

    private static void require(String name, Object values, int length, int rows, int cols) {
        Names.require(name);
        if (values == null) {
            throw new IllegalArgumentException("parameter: the values of '" + name + "' are null");
        }
        if (length == 0) {
            throw new IllegalArgumentException("parameter: '" + name + "' is empty: there is nothing to differentiate");
        }
        if (rows < 1 || cols < 1 || (long) rows * cols != length) {
            throw new IllegalArgumentException("parameter: '" + name + "' has " + length + " entries, but its shape is "
                    + Numbers.shape(rows, cols) + " (" + (long) rows * cols + " entries)");
        }
    }

    private final List<Parameter> parameters;
    private final List<Object> snapshot = new ArrayList<>();
    private final DoubleSupplier loss;
    private final Supplier<? extends Map<String, ?>> gradients;
    private final Runnable beforeEach;
    /** The gradients of the first, second (and third) backward at {@link #roundsAt}, once called. */
    private final List<Map<String, DMatrixRMaj>> rounds = new ArrayList<>();
    /**
     * The point those backward calls were made at, each parameter's values: a check may ask at a
     * second point too (to confirm a label), where the backward must run again.
     */
    private final Map<String, double[]> roundsAt = new LinkedHashMap<>();

    ModelParameters(List<Parameter> parameters, DoubleSupplier loss, Supplier<? extends Map<String, ?>> gradients,
                    Runnable beforeEach) {
        this.parameters = parameters;
        this.loss = loss;
        this.gradients = gradients;
        this.beforeEach = beforeEach;
        for (Parameter p : parameters) {
            snapshot.add(p.floats() ? ((float[]) p.array()).clone() : Arrays.copyOf(p.doubles(), p.length()));
        }
    }

    /**
     * The parameters' values as the check's point.
     *
     * @throws IllegalArgumentException for a non-finite value
     */
    Inputs point() {
        Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            DMatrixRMaj m = new DMatrixRMaj(p.rows(), p.cols());
            Object saved = snapshot.get(k);
            for (int i = 0; i < p.length(); i++) {
                double v = saved instanceof float[] f ? f[i] : ((double[]) saved)[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("parameter '" + p.name() + "' is " + Numbers.format(v)
                            + " at index " + i + ": a check needs finite parameters");
                }
                m.data[i] = v;
            }
            point.put(p.name(), m);
        }
        return Inputs.of(point);
    }

    /** Puts every parameter back to the values it had before the check, bit for bit. */
    void restore() {
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            if (p.array() instanceof DMatrixRMaj m && (m.numRows != p.rows() || m.numCols != p.cols())) {
                m.reshape(p.rows(), p.cols());
            }
            System.arraycopy(snapshot.get(k), 0, p.floats() ? p.array() : p.doubles(), 0, p.length());
        }
    }

    /** The loss at the check's current values. */
    double loss(Inputs in) {
        sync(in);
        double value = loss.getAsDouble();
        requireUnchanged(in, "loss", Origin.FUNCTION);
        return value;
    }

    /** The gradient of one parameter, from the first backward at the point. */
    DMatrixRMaj gradient(Inputs in, String name) {
        return round(0, in).get(name);
    }

    /** The backward called again at the point, as a training loop would call it. */
    Derivative.Again again(String name) {
        return new Derivative.Again() {
            @Override
            public Derivative.Reading call(Inputs in, int time) {
                return new Derivative.Reading(round(time - 1, in).get(name), round(time - 2, in).get(name));
            }

            @Override
            public boolean givenBuffer() {
                return false;
            }
        };
    }

    /** The gradients of the k-th backward at the point (k from 0), copied as they arrive. */
    private Map<String, DMatrixRMaj> round(int k, Inputs in) {
        if (!calledAt(in)) {
            rounds.clear();
            for (Parameter p : parameters) {
                roundsAt.put(p.name(), in.get(p.name()).data.clone());
            }
        }
        while (rounds.size() <= k) {
            sync(in);
            Map<String, ?> returned;
            try {
                returned = gradients.get();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // named as the backward, not as the gradient of whichever parameter asked first
                throw new UserCodeProblem(new Problem.Threw(BACKWARD, t, rounds.isEmpty() ? "at the point"
                        : "at the point, called again", Origin.DERIVATIVE));
            }
            // the map first: a buffer that is a parameter's array explains the write into that parameter
            Map<String, DMatrixRMaj> copies = copies(returned);
            requireUnchanged(in, BACKWARD, Origin.DERIVATIVE);
            rounds.add(copies);
        }
        return rounds.get(k);
    }

    /** Whether the cached backward calls were made at these values (bit for bit). */
    private boolean calledAt(Inputs in) {
        if (roundsAt.isEmpty()) {
            return false;
        }
        for (Parameter p : parameters) {
            if (!Arrays.equals(roundsAt.get(p.name()), 0, p.length(), in.get(p.name()).data, 0, p.length())) {
                return false;
            }
        }
        return true;
    }

    /** Writes the check's current values into the live arrays, then runs the before-each action. */
    private void sync(Inputs in) {
        for (Parameter p : parameters) {
            double[] values = in.get(p.name()).data;
            if (p.array() instanceof float[] a) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) values[i];
                }
            } else {
                System.arraycopy(values, 0, p.doubles(), 0, p.length());
            }
        }
        if (beforeEach != null) {
            beforeEach.run();
        }
    }

    /** After a call the live arrays must still hold the check's values: else the call wrote into its parameters. */
    private void requireUnchanged(Inputs in, String function, Origin origin) {
        for (Parameter p : parameters) {
            double[] expected = in.get(p.name()).data;
            int length = p.length();
            if (p.array() instanceof DMatrixRMaj m && (m.numRows != p.rows() || m.numCols != p.cols())) {
                throw new UserCodeProblem(new Problem.InputMutated(function, p.name(), p.rows(), p.cols(), -1,
                        Double.NaN, Double.NaN, m.numRows, m.numCols, where(in), origin));
            }
            int i = firstChange(p, expected, length);
            if (i >= 0) {
                double now = p.floats() ? ((float[]) p.array())[i] : p.doubles()[i];
                throw new UserCodeProblem(new Problem.InputMutated(function, p.name(), p.rows(), p.cols(), i,
                        expected[i], now, p.rows(), p.cols(), where(in), origin));
            }
        }
    }

    /** The first index where a live array no longer holds the expected bits (−0.0 is not 0.0), or −1. */
    private static int firstChange(Parameter p, double[] expected, int length) {
        if (p.array() instanceof float[] f) {
            for (int i = 0; i < length; i++) {
                if (Double.doubleToRawLongBits(f[i]) != Double.doubleToRawLongBits(expected[i])) {
                    return i;
                }
            }
            return -1;
        }
        return Arrays.mismatch(p.doubles(), 0, length, expected, 0, length);
    }

    /** "at the point" when the check's values are the parameters' own, else "near the point". */
    private String where(Inputs in) {
        for (int k = 0; k < parameters.size(); k++) {
            double[] values = in.get(parameters.get(k).name()).data;
            Object saved = snapshot.get(k);
            for (int i = 0; i < parameters.get(k).length(); i++) {
                double v = saved instanceof float[] f ? f[i] : ((double[]) saved)[i];
                if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(values[i])) {
                    return "near the point";
                }
            }
        }
        return "at the point";
    }

    /** The backward's gradients as matrices of the parameters' shapes, copied. */
    private Map<String, DMatrixRMaj> copies(Map<String, ?> returned) {
        if (returned == null) {
            throw new UserCodeProblem(new Problem.Malformed(BACKWARD, "it returned null instead of a map from parameter "
                    + "names to gradients"));
        }
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.name()));
        for (Object key : returned.keySet()) {
            if (!(key instanceof String s) || !names.contains(s)) {
                throw new UserCodeProblem(new Problem.UnknownGradient(BACKWARD, String.valueOf(key), names));
            }
        }
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (!returned.containsKey(p.name())) {
                throw new UserCodeProblem(new Problem.MissingGradient(BACKWARD, p.name(),
                        new ArrayList<>(returned.keySet().stream().map(String::valueOf).toList())));
            }
            Object g = returned.get(p.name());
            for (Parameter q : parameters) {
                if (q.holds(g)) {
                    throw new UserCodeProblem(new Problem.AliasedGradient(BACKWARD, p.name(), q.name()));
                }
            }
            out.put(p.name(), copy(p, g));
        }
        return out;
    }

    /**
     * A gradient as a matrix of its parameter's shape, copied. A flat array of another length is a
     * shape mismatch naming both lengths, except for a parameter of one row (a bias, 1×k) given m·k
     * entries: that is read as m rows of k, a per-example gradient, so that the check can name one
     * not summed over the batch.
     */
    private static DMatrixRMaj copy(Parameter p, Object g) {
        String label = "gradient for " + p.name();
        if (g instanceof DMatrixRMaj m) {
            return m.copy(); // of any shape: a transposed or batch-shaped gradient is named by the check
        }
        int length = g instanceof double[] a ? a.length : g instanceof float[] f ? f.length : -1;
        if (length < 0) {
            throw new UserCodeProblem(new Problem.Malformed(label, g == null ? "it is null"
                    : "it is a " + g.getClass().getSimpleName() + ", not a double[], float[] or DMatrixRMaj"));
        }
        DMatrixRMaj m;
        if (length == p.length()) {
            m = new DMatrixRMaj(p.rows(), p.cols());
        } else if (p.rows() == 1 && length > 0 && length % p.cols() == 0) {
            m = new DMatrixRMaj(length / p.cols(), p.cols());
        } else {
            throw new UserCodeProblem(new Problem.WrongShape(label, "gradient", p.name(), length, 1, p.rows(), p.cols(),
                    Problem.Expected.INPUT, "loss"));
        }
        for (int i = 0; i < length; i++) {
            m.data[i] = g instanceof double[] a ? a[i] : ((float[]) g)[i];
        }
        return m;
    }
}
