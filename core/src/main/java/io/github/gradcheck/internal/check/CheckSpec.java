package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.calculus.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything a check needs except the point: the function, the derivatives given per input,
 * the references to compare them with, and the options. Exactly one of {@code scalar} and
 * {@code matrix} is non-null. Immutable.
 *
 * @param scalar f: inputs ↦ ℝ, or null
 * @param matrix F: inputs ↦ ℝ^{p×q}, or null
 * @param derivatives the first derivative given for each differentiated input, in the order given
 * @param secondOrder the Hessian or Hessian-vector product given for inputs of a scalar f
 * @param adjoints for an input given both a jvp and a vjp, the one given second (the other is in
 *     {@code derivatives}): the two must be adjoint
 * @param single the name of the one input of a function of one matrix, vector or number
 *     ({@value #SINGLE_INPUT} for a matrix, x for a vector); null for a function of named inputs
 * @param options tolerances, seed and structures
 * @param reference what the derivatives are compared with
 * @param label how reports name the function; null for f (scalar) or F (matrix)
 */
public record CheckSpec(ToDoubleFunction<Inputs> scalar,
                        Function<Inputs, DMatrixRMaj> matrix,
                        Map<String, Derivative> derivatives,
                        Map<String, Derivative> secondOrder,
                        Map<String, Derivative> adjoints,
                        String single,
                        Options options,
                        Reference reference,
                        String label) {

    /** The name of the input of a one-matrix function. */
    public static final String SINGLE_INPUT = "X";

    public CheckSpec {
        if ((scalar == null) == (matrix == null)) {
            throw new IllegalArgumentException("exactly one of a scalar and a matrix function");
        }
        derivatives = Collections.unmodifiableMap(new LinkedHashMap<>(derivatives));
        secondOrder = Collections.unmodifiableMap(new LinkedHashMap<>(secondOrder));
        adjoints = Collections.unmodifiableMap(new LinkedHashMap<>(adjoints));
    }

    /**
     * What derivatives are compared with: the exact derivatives of an expression, finite
     * differences, or both.
     *
     * @param exact the expression whose exact derivatives are the reference, or null
     * @param numericRequested whether finite differences were asked for beside the expression
     */
    public record Reference(Expr exact, boolean numericRequested) {

        static final Reference NUMERIC = new Reference(null, false);

        /** Whether finite differences are a reference: always without an expression. */
        public boolean numeric() {
            return exact == null || numericRequested;
        }
    }

    /**
     * A check of a scalar function.
     *
     * @param single the name of its one input, or null for named inputs
     */
    public static CheckSpec ofScalar(ToDoubleFunction<Inputs> f, String single) {
        return new CheckSpec(requireFunction(f), null, Map.of(), Map.of(), Map.of(), single, Options.defaults(),
                Reference.NUMERIC, null);
    }

    /**
     * A check of a matrix function.
     *
     * @param single the name of its one input, or null for named inputs
     */
    public static CheckSpec ofMatrix(Function<Inputs, DMatrixRMaj> f, String single) {
        return new CheckSpec(null, requireFunction(f), Map.of(), Map.of(), Map.of(), single, Options.defaults(),
                Reference.NUMERIC, null);
    }

    /** Whether the user wrote a function of one input (named {@link #single()}). */
    public boolean singleInput() {
        return single != null;
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
     * A copy with the derivative of one more input (a Hessian or hvp goes beside its gradient).
     *
     * @throws IllegalArgumentException for a null derivative
     * @throws IllegalStateException when that input already has a derivative of that order
     */
    public CheckSpec withDerivative(String input, Derivative derivative) {
        if (derivative.function() == null) {
            throw new IllegalArgumentException("the " + derivative.form() + " given for " + input + " is null");
        }
        Map<String, Derivative> slot = derivative.secondOrder() ? secondOrder : derivatives;
        Derivative existing = slot.get(input);
        if (existing != null && adjoint(existing, derivative) && !adjoints.containsKey(input)) {
            Map<String, Derivative> pairs = new LinkedHashMap<>(adjoints);
            pairs.put(input, derivative);
            return new CheckSpec(scalar, matrix, derivatives, secondOrder, pairs, single, options, reference, label);
        }
        if (existing != null) {
            String what = single != null ? "" : " for input " + input;
            throw new IllegalStateException("a " + existing.form() + what + " is already given; give exactly "
                    + "one " + (derivative.secondOrder() ? "second-derivative" : "derivative") + " form" + what
                    + " (this call adds a " + derivative.form() + "), or a jvp and a vjp, which are then checked "
                    + "against each other too");
        }
        Map<String, Derivative> more = new LinkedHashMap<>(slot);
        more.put(input, derivative);
        return derivative.secondOrder()
                ? new CheckSpec(scalar, matrix, derivatives, more, adjoints, single, options, reference, label)
                : new CheckSpec(scalar, matrix, more, secondOrder, adjoints, single, options, reference, label);
    }

    /** A copy whose function reports name {@code newLabel} ("loss"). */
    public CheckSpec withLabel(String newLabel) {
        return new CheckSpec(scalar, matrix, derivatives, secondOrder, adjoints, single, options, reference, newLabel);
    }

    /** Whether two forms make an adjoint pair: a jvp and a vjp. */
    private static boolean adjoint(Derivative a, Derivative b) {
        return (a instanceof Derivative.Jvp && b instanceof Derivative.Vjp)
                || (a instanceof Derivative.Vjp && b instanceof Derivative.Jvp);
    }

    /**
     * This check with the second form of each adjoint pair in place of the first (and no pairs):
     * the check of the other half of each pair.
     */
    CheckSpec companions() {
        Map<String, Derivative> swapped = new LinkedHashMap<>(derivatives);
        swapped.putAll(adjoints);
        return new CheckSpec(scalar, matrix, swapped, secondOrder, Map.of(), single, options, reference, label);
    }

    /** How reports name the given derivatives of these inputs ("vjp", "vjp for W"). */
    java.util.List<String> adjointsLabel(java.util.Collection<String> inputs) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        inputs.forEach(input -> labels.add(derivativeName(input, derivatives.get(input))));
        return labels;
    }

    /** This check without the second forms of adjoint pairs. */
    CheckSpec firstForms() {
        return new CheckSpec(scalar, matrix, derivatives, secondOrder, Map.of(), single, options, reference, label);
    }

    public CheckSpec withOptions(Options newOptions) {
        return new CheckSpec(scalar, matrix, derivatives, secondOrder, adjoints, single, newOptions, reference, label);
    }

    /**
     * A copy compared with the exact derivatives of {@code expression}.
     *
     * @throws IllegalArgumentException for a null expression, or one of several variables in a
     *     check of a one-matrix function
     * @throws IllegalStateException when an expression is already given
     */
    public CheckSpec withExact(Expr expression) {
        if (expression == null) {
            throw new IllegalArgumentException("exactly: the reference expression is null");
        }
        if (reference.exact() != null) {
            throw new IllegalStateException("exactly: a reference expression is already given (" + reference.exact()
                    + ")");
        }
        if (single != null && expression.variables().size() > 1) {
            throw new IllegalArgumentException("exactly: the expression " + expression + " has the variables "
                    + String.join(", ", expression.variables()) + ", but a check of a function of one input binds "
                    + "one variable to " + single + "; use scalarOf or matrixOf for several inputs");
        }
        return new CheckSpec(scalar, matrix, derivatives, secondOrder, adjoints, single, options,
                new Reference(expression, reference.numericRequested()), label);
    }

    /** A copy that compares with finite differences too. */
    public CheckSpec withNumeric() {
        return new CheckSpec(scalar, matrix, derivatives, secondOrder, adjoints, single, options,
                new Reference(reference.exact(), true), label);
    }

    /**
     * The check of a second derivative given beside its gradient: the gradient as a matrix map,
     * with the Hessian as its Jacobian (or the hvp as its jvp), compared with finite differences.
     */
    CheckSpec secondOrderOf(String input) {
        Derivative.Gradient gradient = (Derivative.Gradient) derivatives.get(input);
        String name = single != null ? gradient.form() : gradient.form() + " for " + input;
        return new CheckSpec(null, gradient.function(), Map.of(input, secondOrder.get(input)), Map.of(), Map.of(), single,
                options, Reference.NUMERIC, name);
    }

    /**
     * Checks that the reference expression reads only the given inputs (with one input, its one
     * variable stands for X, whatever its name).
     *
     * @param where "the inputs" or "the domain's inputs", for the message
     * @throws IllegalArgumentException naming the variable that is not an input
     */
    public void requireReferenceVariables(java.util.Collection<String> inputs, String where) {
        if (reference.exact() == null || single != null) {
            return;
        }
        for (String variable : reference.exact().variables()) {
            if (!inputs.contains(variable)) {
                throw new IllegalArgumentException("exactly: the expression " + reference.exact() + " reads the variable '"
                        + variable + "', but " + where + " are " + String.join(", ", inputs));
            }
        }
    }

    /** Every differentiated input, with the form of its first derivative given (for messages). */
    public Map<String, String> differentiated() {
        Map<String, String> forms = new LinkedHashMap<>();
        derivatives.forEach((name, d) -> forms.put(name, d.form()));
        secondOrder.forEach((name, d) -> forms.putIfAbsent(name, d.form()));
        return forms;
    }

    /** The name of the user's function in messages: f for a scalar function, F for a matrix map. */
    public String functionName() {
        if (label != null) {
            return label;
        }
        return isScalar() ? "f" : "F";
    }

    /** How reports name the derivative of an input: "gradient" or "gradient for W". */
    public String derivativeName(String input) {
        Derivative d = derivatives.containsKey(input) ? derivatives.get(input) : secondOrder.get(input);
        return derivativeName(input, d);
    }

    /** How reports name a given derivative of an input. */
    public String derivativeName(String input, Derivative d) {
        return single != null ? d.form() : d.form() + " for " + input;
    }
}
