package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Checker;
import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.internal.check.Options;
import io.github.gradcheck.internal.observe.Observation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of a model that holds its parameters: a loss computed from the parameters' live arrays,
 * and a backward that writes the gradients into buffers the model owns. gradcheck perturbs the
 * parameters in place, calls the loss, and puts every parameter back bit for bit when the check
 * ends, however it ends (the loss or the backward throwing or returning NaN included). The
 * gradient buffers the backward returns are read at once, never kept.
 *
 * <pre>{@code
 * GradCheck.model(() -> net.loss(batch))
 *         .parameter("W1", net.w1, 4, 3)          // a flat array with a matrix shape, row-major
 *         .parameter("b1", net.b1)                // a vector
 *         .gradients(() -> { net.backward(batch); return Map.of("W1", net.dW1, "b1", net.db1); })
 *         .check();
 * }</pre>
 *
 * <p>The backward is called twice at the point: a backward that adds into buffers it never resets
 * returns its previous contents plus the gradient the second time, and is reported as
 * {@link Mistake#GRADIENT_NOT_RESET}. A model with randomness (dropout) needs
 * {@link #beforeEachEvaluation} to reseed it; without, it is reported as
 * {@link Status#NONDETERMINISTIC}. Immutable: every method returns a new check. Start with
 * {@link GradCheck#model}.
 */
public final class ModelCheck extends CheckOptions<ModelCheck> {

    private final DoubleSupplier loss;
    private final Map<String, ModelParameters.Parameter> parameters;
    private final Supplier<? extends Map<String, ?>> gradients;
    private final Runnable beforeEach;
    private final int maxEntries;

    private ModelCheck(CheckSpec spec, DoubleSupplier loss, Map<String, ModelParameters.Parameter> parameters,
                       Supplier<? extends Map<String, ?>> gradients, Runnable beforeEach, int maxEntries) {
        super(spec);
        this.loss = loss;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.gradients = gradients;
        this.beforeEach = beforeEach;
        this.maxEntries = maxEntries;
    }

    static ModelCheck of(DoubleSupplier loss) {
        if (loss == null) {
            throw new IllegalArgumentException("model: the loss is null");
        }
        CheckSpec spec = CheckSpec.ofScalar(in -> 0, null);
        return new ModelCheck(spec, loss, Map.of(), null, null, Integer.MAX_VALUE);
    }

    @Override
    ModelCheck with(CheckSpec newSpec) {
        return new ModelCheck(newSpec, loss, parameters, gradients, beforeEach, maxEntries);
    }

    private ModelCheck with(ModelParameters.Parameter p) {
        if (parameters.containsKey(p.name())) {
            throw new IllegalArgumentException("parameter: '" + p.name() + "' is given twice");
        }
        for (ModelParameters.Parameter other : parameters.values()) {
            if (other.array() == p.array()) {
                throw new IllegalArgumentException("parameter: '" + p.name() + "' is the same array as '" + other.name()
                        + "'; give each array once");
            }
        }
        Map<String, ModelParameters.Parameter> more = new LinkedHashMap<>(parameters);
        more.put(p.name(), p);
        return new ModelCheck(spec, loss, more, gradients, beforeEach, maxEntries);
    }

    /**
     * A parameter the model holds in a {@code double[]}: a column vector (n×1) in reports.
     *
     * @param name how the gradients map and reports name it
     * @param values the model's own array, perturbed in place during the check and restored after
     * @return this check with the parameter
     * @throws IllegalArgumentException for a null or empty name or array, or a name or array given twice
     */
    public ModelCheck parameter(String name, double[] values) {
        return with(ModelParameters.of(name, values, values == null ? 0 : values.length, 1));
    }

    /**
     * A parameter the model holds in a flat {@code double[]} with a matrix shape, row-major
     * ({@code values[i * cols + j]} is entry (i, j), as EJML stores matrices): reports and mistake
     * diagnosis see the matrix (a transposed gradient can only be named with a shape). A bias of
     * shape 1 × k whose backward returns m·k entries is read as m rows of k, so that a per-example
     * gradient not summed over the batch is named.
     *
     * @param name how the gradients map and reports name it
     * @param values the model's own array, of rows × cols entries, perturbed in place and restored
     * @param rows the matrix's rows
     * @param cols the matrix's columns
     * @return this check with the parameter
     * @throws IllegalArgumentException for a null or empty name or array, a length other than
     *     rows × cols, or a name or array given twice
     */
    public ModelCheck parameter(String name, double[] values, int rows, int cols) {
        return with(ModelParameters.of(name, values, rows, cols));
    }

    /**
     * A parameter the model holds in a {@code float[]} (float32 code): a column vector in reports.
     * Perturbations are float values, and the default relative tolerance is float's (1e-4).
     *
     * @param name how the gradients map and reports name it
     * @param values the model's own array, perturbed in place and restored
     * @return this check with the parameter
     * @throws IllegalArgumentException for a null or empty name or array, or a name or array given twice
     */
    public ModelCheck parameter(String name, float[] values) {
        return with(ModelParameters.of(name, values, values == null ? 0 : values.length, 1));
    }

    /**
     * A parameter the model holds in a flat {@code float[]} with a matrix shape, row-major.
     *
     * @param name how the gradients map and reports name it
     * @param values the model's own array, of rows × cols entries, perturbed in place and restored
     * @param rows the matrix's rows
     * @param cols the matrix's columns
     * @return this check with the parameter
     * @throws IllegalArgumentException for a null or empty name or array, a length other than
     *     rows × cols, or a name or array given twice
     */
    public ModelCheck parameter(String name, float[] values, int rows, int cols) {
        return with(ModelParameters.of(name, values, rows, cols));
    }

    /**
     * A parameter the model holds in an EJML matrix.
     *
     * @param name how the gradients map and reports name it
     * @param values the model's own matrix, perturbed in place and restored
     * @return this check with the parameter
     * @throws IllegalArgumentException for a null or empty name or matrix, or a name or matrix given twice
     */
    public ModelCheck parameter(String name, DMatrixRMaj values) {
        return with(ModelParameters.of(name, values));
    }

    /**
     * The backward: computes the gradients of the loss at the parameters' current values and
     * returns them by parameter name, each a {@code double[]}, {@code float[]} or
     * {@code DMatrixRMaj} of its parameter's size (usually buffers the model owns). They are read
     * at once and never kept. It is called twice at the point, as a training loop would call it;
     * reports call it "backward". A missing or unknown name, a null, a gradient of another length,
     * and a parameter's own array returned as its gradient each end the check with their own
     * message.
     *
     * @param gradients the backward; it must not modify the parameters
     * @return this check with the backward
     * @throws IllegalArgumentException for null
     */
    public ModelCheck gradients(Supplier<? extends Map<String, ?>> gradients) {
        if (gradients == null) {
            throw new IllegalArgumentException("gradients: the backward is null");
        }
        return new ModelCheck(spec, loss, parameters, gradients, beforeEach, maxEntries);
    }

    /**
     * Code to run before every call of the loss and of the backward, such as reseeding the random
     * generator of a dropout layer so that every evaluation sees the same mask.
     *
     * @param action what to run
     * @return this check with the action
     * @throws IllegalArgumentException for null
     */
    public ModelCheck beforeEachEvaluation(Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("beforeEachEvaluation: the action is null");
        }
        return new ModelCheck(spec, loss, parameters, gradients, action, maxEntries);
    }

    /**
     * In FULL mode, checks at most {@code k} entries of each parameter, evenly spread over it
     * (reports say it was a subset): a large model checked entry by entry where FAST mode's random
     * directions would not locate a wrong entry.
     *
     * @param k the most entries per parameter, at least 1
     * @return this check on subsets
     * @throws IllegalArgumentException for k below 1
     */
    public ModelCheck maxEntriesPerParameter(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("maxEntriesPerParameter: at least 1 entry, got " + k);
        }
        return new ModelCheck(spec, loss, parameters, gradients, beforeEach, k);
    }

    /**
     * Runs the check. Never throws for a failed check; the parameters hold exactly their values
     * again when it returns (or throws an Error).
     *
     * @return the result
     * @throws IllegalStateException when no parameter or no backward is given
     * @throws IllegalArgumentException when a parameter is not finite
     */
    public CheckResult check() {
        if (parameters.isEmpty()) {
            throw new IllegalStateException("no parameter given: call parameter(name, values) before check()");
        }
        if (gradients == null) {
            throw new IllegalStateException("no backward given: call gradients(() -> ...) before check()");
        }
        long start = System.nanoTime();
        ModelParameters model = new ModelParameters(new ArrayList<>(parameters.values()), loss, gradients, beforeEach);
        CheckSpec checked = specFor(model);
        Inputs point = model.point();
        CheckResult result;
        try {
            result = Checker.run(checked, point);
        } finally {
            model.restore();
        }
        Observation.point(checked, point, result, start);
        return result;
    }

    /**
     * Runs the check and throws when it does not pass.
     *
     * @return the passing result
     * @throws GradientMismatchError with the report as its message when the status is not PASSED
     */
    public CheckResult assertPasses() {
        return PointCheck.passedOrThrow(check());
    }

    private CheckSpec specFor(ModelParameters model) {
        CheckSpec s = CheckSpec.ofScalar(model::loss, null).withLabel("loss").withOptions(spec.options());
        Options options = s.options();
        List<String> names = new ArrayList<>(parameters.keySet());
        for (String name : names) {
            s = s.withDerivative(name, new Derivative.Gradient(in -> model.gradient(in, name), "gradient",
                    model.again(name)));
            if (parameters.get(name).floats()) {
                options = options.withFloat(name);
            }
            if (maxEntries != Integer.MAX_VALUE) {
                options = options.withSubset(name, maxEntries);
            }
        }
        return s.withOptions(options);
    }
}
