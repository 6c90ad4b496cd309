package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.kron.LinearMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the derivative of a matrix function of one matrix, F: ℝ^{m×n} → ℝ^{p×q}. Give
 * exactly one derivative form: {@link #jvp}, {@link #vjp}, {@link #jacobian} or
 * {@link #kronecker}. It is compared with finite differences, or with the exact derivative of a
 * reference expression ({@link #exactly}), or both. Immutable: every method returns a new check.
 * Start with {@link GradCheck#matrix}; the input is called {@code X}.
 */
public final class MatrixCheck extends AbstractCheck<MatrixCheck> {

    MatrixCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    MatrixCheck with(CheckSpec newSpec) {
        return new MatrixCheck(newSpec);
    }

    /**
     * The Jacobian-vector product (Fréchet derivative) {@code H ↦ DF[X](H)}.
     *
     * @param jvp (X, H) ↦ DF[X](H): H has the shape of X, the result the shape of F; must not
     *     modify X or H
     * @return this check with the jvp
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck jvp(BinaryOperator<DMatrixRMaj> jvp) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Jvp(
                jvp == null ? null : (in, h) -> jvp.apply(in.get(CheckSpec.SINGLE_INPUT), h))));
    }

    /**
     * The vector-Jacobian product (what backpropagation computes) {@code G ↦ DF[X]*(G)}, the
     * adjoint of the JVP: {@code ⟨G, DF[X](H)⟩ = ⟨DF[X]*(G), H⟩}.
     *
     * @param vjp (X, G) ↦ DF[X]*(G): G has the shape of F, the result the shape of X; must not
     *     modify X or G
     * @return this check with the vjp
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck vjp(BinaryOperator<DMatrixRMaj> vjp) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Vjp(
                vjp == null ? null : (in, g) -> vjp.apply(in.get(CheckSpec.SINGLE_INPUT), g))));
    }

    /**
     * The dense Jacobian {@code J = ∂vec F / ∂vec Xᵀ}, (pq × mn), vec stacking columns: entry
     * (c·p + r, j·m + i) is ∂F[r][c]/∂X[i][j].
     *
     * @param jacobian X ↦ J; must not modify X
     * @return this check with the Jacobian
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck jacobian(UnaryOperator<DMatrixRMaj> jacobian) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Jacobian(
                jacobian == null ? null : in -> jacobian.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * The Jacobian as a matrix-free linear map, {@code J = ∂vec F / ∂vec Xᵀ} (pq × mn), e.g.
     * {@code X -> Kron.of(B.transpose(), A)} for F(X) = A X B. The map is applied to one
     * coordinate direction at a time and never formed, so large maps are checked in memory
     * O(input + output).
     *
     * @param kronecker X ↦ J; must not modify X
     * @return this check with the Kronecker form
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck kronecker(Function<DMatrixRMaj, LinearMap> kronecker) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Kronecker(
                kronecker == null ? null : in -> kronecker.apply(in.get(CheckSpec.SINGLE_INPUT)))));
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
    public MatrixCheck structure(Structure structure) {
        return new MatrixCheck(spec.withOptions(spec.options().withStructure(CheckSpec.SINGLE_INPUT, structure)));
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @return the check at this point, ready to run
     * @throws IllegalArgumentException for an empty or non-finite x
     * @throws IllegalStateException when no derivative form is given
     */
    public PointCheck at(DMatrixRMaj x) {
        return Points.single(spec, x);
    }
}
