package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the derivative (and, optionally, the second derivative) of a function of one real
 * variable, f: ℝ → ℝ, such as a special function or a kernel as a function of one
 * hyperparameter. The variable is called {@code x} in reports. Immutable: every method returns a
 * new check. Start with {@link GradCheck#univariate}.
 *
 * <pre>{@code
 * GradCheck.univariate(x -> Math.log1p(Math.exp(x)))          // softplus
 *         .derivative(x -> 1 / (1 + Math.exp(-x)))             // its derivative, the logistic function
 *         .at(0.3)
 *         .assertPasses();
 * }</pre>
 */
public final class UnivariateCheck extends AbstractCheck<UnivariateCheck> {

    /** The name of the variable in reports and domains. */
    static final String VARIABLE = "x";

    UnivariateCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    UnivariateCheck with(CheckSpec newSpec) {
        return new UnivariateCheck(newSpec);
    }

    /**
     * The hand-written derivative to check: x ↦ f′(x).
     *
     * @param derivative x ↦ f′(x)
     * @return this check with the derivative
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a derivative is already given
     */
    public UnivariateCheck derivative(DoubleUnaryOperator derivative) {
        return with(spec.withDerivative(VARIABLE, new Derivative.Gradient(
                derivative == null ? null : in -> number(derivative.applyAsDouble(x(in))), "derivative", null)));
    }

    /**
     * The hand-written second derivative to check: x ↦ f″(x). With a derivative given, it is
     * compared with finite differences of that derivative after the derivative itself is checked;
     * without one, with second differences of f.
     *
     * @param second x ↦ f″(x)
     * @return this check with the second derivative
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a second derivative is already given
     */
    public UnivariateCheck secondDerivative(DoubleUnaryOperator second) {
        return with(spec.withDerivative(VARIABLE, new Derivative.Hessian(
                second == null ? null : in -> number(second.applyAsDouble(x(in))), "second derivative")));
    }

    /**
     * The point to check at.
     *
     * @param x the value of the variable
     * @return the check at x, ready to run
     * @throws IllegalArgumentException for a NaN or infinite x
     * @throws IllegalStateException when no derivative is given
     */
    public PointCheck at(double x) {
        return Points.single(spec, number(x));
    }

    static double x(Inputs in) {
        return in.get(VARIABLE).data[0];
    }

    static DMatrixRMaj number(double v) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = v;
        return m;
    }
}
