package io.github.gradcheck;

import io.github.gradcheck.calculus.Expr;
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
public final class ScalarCheck {

    private final CheckSpec spec;

    ScalarCheck(CheckSpec spec) {
        this.spec = spec;
    }

    /**
     * The hand-written gradient to check: the m×n matrix G with {@code G[i][j] = ∂f/∂X[i][j]},
     * i.e. {@code df = tr(Gᵀ dX)}.
     *
     * @param gradient X ↦ G, the shape of X; must not modify X
     * @throws IllegalStateException when a gradient is already given
     */
    public ScalarCheck gradient(UnaryOperator<DMatrixRMaj> gradient) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Gradient(
                gradient == null ? null : in -> gradient.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * Compares with the exact derivative of a reference expression instead of finite differences:
     * the expression's Jacobian (or gradient) from the rules of matrix calculus, assembled
     * matrix-free by {@link Expr#jacobian}. With an exact reference the tolerance is near machine
     * precision (default rtol 1e-8
     * of the derivative's scale; {@code tolerance} sets it), so even errors far below what finite
     * differences can see are caught, and each entry costs no evaluation of f. Add
     * {@link #numerically()} to compare with finite differences too.
     *
     * <p>The expression must describe f: its one variable stands for X, whatever its name. At the point, its value must equal f's
     * (to 1e-5 of their size).
     *
     * @param reference the expression f computes
     * @throws IllegalArgumentException for a null expression, or one with more than one variable; and from {@code check()}
     *     when the expression's shape or value at the point is not f's
     * @throws IllegalStateException when a reference expression is already given
     */
    public ScalarCheck exactly(Expr reference) {
        return new ScalarCheck(spec.withExact(reference));
    }

    /**
     * Compares with finite differences too, beside the exact reference given to {@code exactly}
     * (without one, finite differences are the reference anyway). The first reference that
     * disagrees makes the result; the report says how the other went.
     */
    public ScalarCheck numerically() {
        return new ScalarCheck(spec.withNumeric());
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
     * @throws IllegalStateException when a Hessian or hvp is already given
     */
    public ScalarCheck hvp(BinaryOperator<DMatrixRMaj> hvp) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Hvp(
                hvp == null ? null : (in, v) -> hvp.apply(in.get(CheckSpec.SINGLE_INPUT), v))));
    }

    /**
     * Tolerances: an entry passes when |analytic − numeric| ≤ FD error estimate + atol + rtol·S,
     * where S is the derivative's own scale (its largest |numeric| entry). Default rtol 1e-5,
     * atol 0.
     *
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public ScalarCheck tolerance(double rtol, double atol) {
        return new ScalarCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
    }

    /**
     * How finite differences are taken: {@link Mode#FULL} along every coordinate,
     * {@link Mode#FAST} along a few random directions (a cost independent of the input's size),
     * or {@link Mode#AUTO} (the default: FULL up to {@value Mode#AUTO_LIMIT} coordinates).
     *
     * @throws IllegalArgumentException for a null mode
     */
    public ScalarCheck mode(Mode mode) {
        return new ScalarCheck(spec.withOptions(spec.options().withMode(mode)));
    }

    /**
     * Evaluates the coordinates of a FULL check in parallel, on the common fork-join pool. Only
     * for a function and derivatives that are safe to call from several threads at once (each
     * call gets its own copies of the inputs); the result is the same as sequentially.
     */
    public ScalarCheck parallel() {
        return new ScalarCheck(spec.withOptions(spec.options().withParallel(true)));
    }

    /** The seed of every random choice (default 0); reports print it. */
    public ScalarCheck seed(long seed) {
        return new ScalarCheck(spec.withOptions(spec.options().withSeed(seed)));
    }

    /**
     * Declares what kind of matrix X is. SYMMETRIC and SPD inputs are perturbed only in symmetric
     * directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and TRIANGULAR
     * inputs only inside their structure. The point given to {@code at} must have the structure.
     *
     * @throws IllegalArgumentException for a null structure
     */
    public ScalarCheck structure(Structure structure) {
        return new ScalarCheck(spec.withOptions(spec.options().withStructure(CheckSpec.SINGLE_INPUT, structure)));
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
     * @param x the point, copied here: later changes to x do not affect the check
     * @throws IllegalArgumentException for an empty or non-finite x
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(DMatrixRMaj x) {
        return Points.single(spec, x);
    }
}
