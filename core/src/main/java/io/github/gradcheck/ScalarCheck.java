package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the gradient (and, optionally, the Hessian) of a scalar function of one matrix,
 * f: ℝ^{m×n} → ℝ, against finite differences, the exact derivative of a reference expression
 * ({@link #exactly}), or both. Immutable: every method returns a new check and leaves this one as
 * it was. Start with {@link GradCheck#scalar}; the input is called {@code X} in reports.
 */
public final class ScalarCheck extends AbstractCheck<ScalarCheck> {

    ScalarCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    ScalarCheck with(CheckSpec newSpec) {
        return new ScalarCheck(newSpec);
    }

    /**
     * The hand-written gradient to check: the m×n matrix G with {@code G[i][j] = ∂f/∂X[i][j]},
     * i.e. {@code df = tr(Gᵀ dX)}.
     *
     * @param gradient X ↦ G, the shape of X; must not modify X
     * @return this check with the gradient
     * @throws IllegalStateException when a gradient is already given
     */
    public ScalarCheck gradient(UnaryOperator<DMatrixRMaj> gradient) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Gradient(
                gradient == null ? null : in -> gradient.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * The hand-written Hessian to check, in vec layout: the (mn × mn) matrix H with
     * {@code H[vec(i,j)][vec(k,l)] = ∂²f/∂X[i][j]∂X[k][l]}, vec stacking columns (entry (i, j) of
     * X is at {@code j·m + i}). With a gradient given, H is compared with finite differences of
     * that gradient (its Jacobian) after the gradient itself is checked; without one, with second
     * differences of f, which costs about 6·N² evaluations for N free entries. A Hessian that is
     * not symmetric is reported as such. Give at most one of {@code hessian} and {@code hvp}.
     *
     * @param hessian X ↦ H; must not modify X
     * @return this check with the Hessian
     * @throws IllegalStateException when a Hessian or hvp is already given
     */
    public ScalarCheck hessian(UnaryOperator<DMatrixRMaj> hessian) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Hessian(
                hessian == null ? null : in -> hessian.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * The hand-written Hessian-vector product to check: (X, V) ↦ the matrix HV of X's shape with
     * {@code vec(HV) = H vec(V)}, i.e. the directional derivative of the gradient along V. Compared
     * as {@link #hessian} is, one direction per free entry.
     *
     * @param hvp (X, V) ↦ HV; must not modify X or V
     * @return this check with the Hessian-vector product
     * @throws IllegalStateException when a Hessian or hvp is already given
     */
    public ScalarCheck hvp(BinaryOperator<DMatrixRMaj> hvp) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Hvp(
                hvp == null ? null : (in, v) -> hvp.apply(in.get(CheckSpec.SINGLE_INPUT), v))));
    }

    /**
     * Declares what kind of matrix X is. SYMMETRIC and SPD inputs are perturbed only in symmetric
     * directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and TRIANGULAR
     * inputs only inside their structure. The point given to {@code at} must have the structure.
     *
     * @param structure what kind of matrix it is
     * @return this check with the structure declared
     * @throws IllegalArgumentException for a null structure
     */
    public ScalarCheck structure(Structure structure) {
        return new ScalarCheck(spec.withOptions(spec.options().withStructure(CheckSpec.SINGLE_INPUT, structure)));
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here: later changes to x do not affect the check
     * @return the check at this point, ready to run
     * @throws IllegalArgumentException for an empty or non-finite x
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(DMatrixRMaj x) {
        return Points.single(spec, x);
    }
}
