package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * A check of the derivative of a vector function of a vector, F: ℝⁿ → ℝᵐ, written over
 * {@code double[]}. Give its Jacobian, its jvp, its vjp, or both a jvp and a vjp (then they are
 * also checked against each other: ⟨u, J v⟩ = ⟨Jᵀu, v⟩ on random u, v, to rounding, with no
 * finite differences). Vectors are columns in reports and diagnosis; the input is called
 * {@code x}. Immutable: every method returns a new check. Start with {@link GradCheck#vectorMap}.
 *
 * <pre>{@code
 * GradCheck.vectorMap(x -> softmax(x))
 *         .vjp((x, u) -> softmaxVjp(x, u))
 *         .at(new double[] {0.5, -1, 2})
 *         .assertPasses();
 * }</pre>
 */
public final class VectorMapCheck extends AbstractCheck<VectorMapCheck> {

    VectorMapCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    VectorMapCheck with(CheckSpec newSpec) {
        return new VectorMapCheck(newSpec);
    }

    /**
     * The hand-written Jacobian: x ↦ J, m rows of n entries, {@code J[i][j] = ∂F_i/∂x_j}.
     *
     * @param jacobian x ↦ J; must not modify x
     * @return this check with the Jacobian
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a derivative form is already given
     */
    public VectorMapCheck jacobian(Function<double[], double[][]> jacobian) {
        String label = "Jacobian";
        return with(spec.withDerivative(VectorCheck.VECTOR, new Derivative.Jacobian(jacobian == null ? null
                : in -> ArrayViews.matrix(jacobian.apply(ArrayViews.data(in.get(VectorCheck.VECTOR))), label))));
    }

    /**
     * The hand-written Jacobian-vector product: (x, v) ↦ J v, the directional derivative of F
     * along v (v of x's length, the result of F's).
     *
     * @param jvp (x, v) ↦ J v; must not modify x or v
     * @return this check with the jvp
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a derivative form other than a vjp is already given
     */
    public VectorMapCheck jvp(BinaryOperator<double[]> jvp) {
        return with(spec.withDerivative(VectorCheck.VECTOR, new Derivative.Jvp(jvp == null ? null
                : (in, v) -> ArrayViews.column(jvp.apply(ArrayViews.data(in.get(VectorCheck.VECTOR)),
                        ArrayViews.data(v))))));
    }

    /**
     * The hand-written vector-Jacobian product (what backpropagation computes): (x, u) ↦ Jᵀu, u of
     * F's length, the result of x's.
     *
     * @param vjp (x, u) ↦ Jᵀu; must not modify x or u
     * @return this check with the vjp
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a derivative form other than a jvp is already given
     */
    public VectorMapCheck vjp(BinaryOperator<double[]> vjp) {
        return with(spec.withDerivative(VectorCheck.VECTOR, new Derivative.Vjp(vjp == null ? null
                : (in, u) -> ArrayViews.column(vjp.apply(ArrayViews.data(in.get(VectorCheck.VECTOR)),
                        ArrayViews.data(u))))));
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @return the check at x, ready to run
     * @throws IllegalArgumentException for a null, empty or non-finite x
     * @throws IllegalStateException when no derivative form is given
     */
    public PointCheck at(double[] x) {
        return Points.single(spec, Points.vector(x));
    }

    /**
     * Random trials: the check at vectors drawn from {@code domain}, which has one input of shape
     * n×1, e.g. {@code Domain.dims("n=1..8").input("x", "n", 1, Structure.GAUSSIAN)}.
     *
     * @throws IllegalArgumentException when the domain does not have exactly one input of one column
     */
    @Override
    public Trials forAll(Domain domain) {
        return super.forAll(Points.vectorDomain(domain));
    }
}
