package io.github.gradcheck;

import io.github.gradcheck.calculus.Expr;
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
public final class MatrixCheck {

    private final CheckSpec spec;

    MatrixCheck(CheckSpec spec) {
        this.spec = spec;
    }

    /**
     * The Jacobian-vector product (Fréchet derivative) {@code H ↦ DF[X](H)}.
     *
     * @param jvp (X, H) ↦ DF[X](H): H has the shape of X, the result the shape of F; must not
     *     modify X or H
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
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck jacobian(UnaryOperator<DMatrixRMaj> jacobian) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Jacobian(
                jacobian == null ? null : in -> jacobian.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * Compares with the exact derivative of a reference expression instead of finite differences:
     * the expression's Jacobian (or gradient) from the rules of matrix calculus, assembled
     * matrix-free by {@link Expr#jacobian}. With an exact reference the tolerance is near machine
     * precision (default rtol 1e-8
     * of the derivative's scale; {@code tolerance} sets it), so even errors far below what finite
     * differences can see are caught, and each entry costs no evaluation of F. Add
     * {@link #numerically()} to compare with finite differences too.
     *
     * <p>The expression must describe F: its one variable stands for X, whatever its name. At the point, its value must equal F's
     * (to 1e-5 of their size).
     *
     * @param reference the expression F computes
     * @throws IllegalArgumentException for a null expression, or one with more than one variable; and from {@code check()}
     *     when the expression's shape or value at the point is not F's
     * @throws IllegalStateException when a reference expression is already given
     */
    public MatrixCheck exactly(Expr reference) {
        return new MatrixCheck(spec.withExact(reference));
    }

    /**
     * Compares with finite differences too, beside the exact reference given to {@code exactly}
     * (without one, finite differences are the reference anyway). The first reference that
     * disagrees makes the result; the report says how the other went.
     */
    public MatrixCheck numerically() {
        return new MatrixCheck(spec.withNumeric());
    }

    /**
     * The Jacobian as a matrix-free linear map, {@code J = ∂vec F / ∂vec Xᵀ} (pq × mn), e.g.
     * {@code X -> Kron.of(B.transpose(), A)} for F(X) = A X B. The map is applied to one
     * coordinate direction at a time and never formed, so large maps are checked in memory
     * O(input + output).
     *
     * @param kronecker X ↦ J; must not modify X
     * @throws IllegalStateException when a derivative form is already given
     */
    public MatrixCheck kronecker(Function<DMatrixRMaj, LinearMap> kronecker) {
        return new MatrixCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Kronecker(
                kronecker == null ? null : in -> kronecker.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /** See {@link ScalarCheck#tolerance(double, double)}. */
    public MatrixCheck tolerance(double rtol, double atol) {
        return new MatrixCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
    }

    /**
     * How finite differences are taken: {@link Mode#FULL} along every coordinate,
     * {@link Mode#FAST} along a few random directions (a cost independent of the input's size),
     * or {@link Mode#AUTO} (the default: FULL up to {@value Mode#AUTO_LIMIT} coordinates).
     *
     * @throws IllegalArgumentException for a null mode
     */
    public MatrixCheck mode(Mode mode) {
        return new MatrixCheck(spec.withOptions(spec.options().withMode(mode)));
    }

    /**
     * Evaluates the coordinates of a FULL check in parallel, on the common fork-join pool. Only
     * for a function and derivatives that are safe to call from several threads at once (each
     * call gets its own copies of the inputs); the result is the same as sequentially.
     */
    public MatrixCheck parallel() {
        return new MatrixCheck(spec.withOptions(spec.options().withParallel(true)));
    }

    /** The seed of every random choice (default 0); reports print it. */
    public MatrixCheck seed(long seed) {
        return new MatrixCheck(spec.withOptions(spec.options().withSeed(seed)));
    }

    /**
     * Declares what kind of matrix X is. SYMMETRIC and SPD inputs are perturbed only in symmetric
     * directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and TRIANGULAR
     * inputs only inside their structure. The point given to {@code at} must have the structure.
     *
     * @throws IllegalArgumentException for a null structure
     */
    public MatrixCheck structure(Structure structure) {
        return new MatrixCheck(spec.withOptions(spec.options().withStructure(CheckSpec.SINGLE_INPUT, structure)));
    }

    /**
     * Random trials: the check at inputs drawn from {@code domain} (one input, called X in
     * reports), the first failure shrunk. Configure with {@link Trials#trials}, {@link Trials#seed}.
     *
     * @throws IllegalArgumentException when the domain does not have exactly one input, or it is
     *     a constant (ONE_HOT_ROWS, INTEGER)
     */
    public Trials forAll(Domain domain) {
        return Trials.of(spec, domain);
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @throws IllegalArgumentException for an empty or non-finite x
     * @throws IllegalStateException when no derivative form is given
     */
    public PointCheck at(DMatrixRMaj x) {
        return Points.single(spec, x);
    }
}
