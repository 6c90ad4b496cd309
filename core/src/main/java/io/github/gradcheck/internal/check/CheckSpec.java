package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything a check needs except the point: the function, the derivatives given per input,
 * and the options. Exactly one of {@code scalar} and {@code matrix} is non-null. Immutable.
 *
 * @param scalar f: inputs ↦ ℝ, or null
 * @param matrix F: inputs ↦ ℝ^{p×q}, or null
 * @param derivatives the derivative given for each differentiated input, in the order given
 * @param singleInput whether the user wrote a function of one matrix (named {@value #SINGLE_INPUT})
 * @param options tolerances and seed
 */
public record CheckSpec(ToDoubleFunction<Inputs> scalar,
                        Function<Inputs, DMatrixRMaj> matrix,
                        Map<String, Derivative> derivatives,
                        boolean singleInput,
                        Options options) {

    /** The name of the input of a one-matrix function. */
    public static final String SINGLE_INPUT = "X";

    public CheckSpec {
        if ((scalar == null) == (matrix == null)) {
            throw new IllegalArgumentException("exactly one of a scalar and a matrix function");
        }
        derivatives = Collections.unmodifiableMap(new LinkedHashMap<>(derivatives));
    }

    public static CheckSpec ofScalar(ToDoubleFunction<Inputs> f, boolean singleInput) {
        return new CheckSpec(requireFunction(f), null, Map.of(), singleInput, Options.defaults());
    }

    public static CheckSpec ofMatrix(Function<Inputs, DMatrixRMaj> f, boolean singleInput) {
        return new CheckSpec(null, requireFunction(f), Map.of(), singleInput, Options.defaults());
    }

    private static <T> T requireFunction(T f) {
        if (f == null) {
            throw new IllegalArgumentException("the function to check is null");
        }
        return f;
    }

    public boolean isScalar() {
        return scalar != null;
    }

    /**
     * A copy with the derivative of one more input.
     *
     * @throws IllegalArgumentException for a null derivative
     * @throws IllegalStateException when that input already has a derivative
     */
    public CheckSpec withDerivative(String input, Derivative derivative) {
        if (derivative.function() == null) {
            throw new IllegalArgumentException("the " + derivative.form() + " given for " + input + " is null");
        }
        Derivative existing = derivatives.get(input);
        if (existing != null) {
            String what = singleInput ? "" : " for input " + input;
            throw new IllegalStateException("a " + existing.form() + what + " is already given; give exactly "
                    + "one derivative form" + what + " (this call adds a " + derivative.form() + ")");
        }
        Map<String, Derivative> more = new LinkedHashMap<>(derivatives);
        more.put(input, derivative);
        return new CheckSpec(scalar, matrix, more, singleInput, options);
    }

    public CheckSpec withOptions(Options newOptions) {
        return new CheckSpec(scalar, matrix, derivatives, singleInput, newOptions);
    }

    /** The name of the user's function in messages: f for a scalar function, F for a matrix map. */
    public String functionName() {
        return isScalar() ? "f" : "F";
    }

    /** How reports name the derivative of an input: "gradient" or "gradient for W". */
    public String derivativeName(String input) {
        String form = derivatives.get(input).form();
        return singleInput ? form : form + " for " + input;
    }
}
