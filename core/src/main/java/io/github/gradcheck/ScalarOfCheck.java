package io.github.gradcheck;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the gradients of a scalar function of several named matrices, such as a loss of
 * weights {@code W} and a bias {@code b}. Inputs with no gradient given are held constant.
 * Immutable: every method returns a new check. Start with {@link GradCheck#scalarOf}.
 */
public final class ScalarOfCheck {

    private final CheckSpec spec;

    ScalarOfCheck(CheckSpec spec) {
        this.spec = spec;
    }

    /**
     * The hand-written gradient with respect to one input: the matrix G of that input's shape with
     * {@code G[i][j] = ∂f/∂input[i][j]}.
     *
     * @param input the input's name
     * @param gradient inputs ↦ G; must not modify the inputs
     * @throws IllegalStateException when that input already has a gradient
     */
    public ScalarOfCheck gradient(String input, Function<Inputs, DMatrixRMaj> gradient) {
        return new ScalarOfCheck(spec.withDerivative(Names.require(input), new Derivative.Gradient(gradient)));
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
     * <p>The expression must describe f: its variables are inputs, by name; inputs it does not read have a zero derivative. At the point, its value must equal f's
     * (to 1e-5 of their size).
     *
     * @param reference the expression f computes
     * @throws IllegalArgumentException for a null expression; and from {@code check()}
     *     when the expression's shape or value at the point is not f's
     * @throws IllegalStateException when a reference expression is already given
     */
    public ScalarOfCheck exactly(Expr reference) {
        return new ScalarOfCheck(spec.withExact(reference));
    }

    /**
     * Compares with finite differences too, beside the exact reference given to {@code exactly}
     * (without one, finite differences are the reference anyway). The first reference that
     * disagrees makes the result; the report says how the other went.
     */
    public ScalarOfCheck numerically() {
        return new ScalarOfCheck(spec.withNumeric());
    }

    /**
     * The hand-written Hessian with respect to one input, in vec layout (mn × mn), as
     * {@link ScalarCheck#hessian}: compared with finite differences of that input's gradient when
     * one is given, with second differences of f otherwise.
     *
     * @param input the input's name
     * @param hessian inputs ↦ H; must not modify the inputs
     * @throws IllegalStateException when that input already has a Hessian or hvp
     */
    public ScalarOfCheck hessian(String input, Function<Inputs, DMatrixRMaj> hessian) {
        return new ScalarOfCheck(spec.withDerivative(Names.require(input), new Derivative.Hessian(hessian)));
    }

    /**
     * The hand-written Hessian-vector product with respect to one input, as {@link ScalarCheck#hvp}.
     *
     * @param input the input's name
     * @param hvp (inputs, V) ↦ HV, the input's shape; must not modify the inputs or V
     * @throws IllegalStateException when that input already has a Hessian or hvp
     */
    public ScalarOfCheck hvp(String input, BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> hvp) {
        return new ScalarOfCheck(spec.withDerivative(Names.require(input), new Derivative.Hvp(hvp)));
    }

    /** See {@link ScalarCheck#tolerance(double, double)}. */
    public ScalarOfCheck tolerance(double rtol, double atol) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
    }

    /**
     * How finite differences are taken: {@link Mode#FULL} along every coordinate,
     * {@link Mode#FAST} along a few random directions (a cost independent of the input's size),
     * or {@link Mode#AUTO} (the default: FULL up to {@value Mode#AUTO_LIMIT} coordinates).
     *
     * @throws IllegalArgumentException for a null mode
     */
    public ScalarOfCheck mode(Mode mode) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withMode(mode)));
    }

    /**
     * Evaluates the coordinates of a FULL check in parallel, on the common fork-join pool. Only
     * for a function and derivatives that are safe to call from several threads at once (each
     * call gets its own copies of the inputs); the result is the same as sequentially.
     */
    public ScalarOfCheck parallel() {
        return new ScalarOfCheck(spec.withOptions(spec.options().withParallel(true)));
    }

    /** The seed of every random choice (default 0); reports print it. */
    public ScalarOfCheck seed(long seed) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withSeed(seed)));
    }

    /**
     * Declares what kind of matrix an input is. SYMMETRIC and SPD inputs are perturbed only in
     * symmetric directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and
     * TRIANGULAR inputs only inside their structure; ONE_HOT_ROWS and INTEGER inputs are
     * constants. The point given to {@code at} must have the structure.
     *
     * @throws IllegalArgumentException for a null structure
     */
    public ScalarOfCheck structure(String input, Structure structure) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withStructure(Names.require(input), structure)));
    }

    /**
     * Random trials: the check at inputs drawn from {@code domain}, the first failure shrunk.
     * Configure with {@link Trials#trials}, {@link Trials#seed}.
     *
     * @throws IllegalArgumentException when a differentiated input is not in the domain, or is a
     *     constant (ONE_HOT_ROWS, INTEGER)
     */
    public Trials forAll(Domain domain) {
        return Trials.of(spec, domain);
    }

    /**
     * The point to check at.
     *
     * @param inputs every input f reads, copied here
     * @throws IllegalArgumentException when a differentiated input is missing, or an input is empty
     *     or not finite
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(Inputs inputs) {
        return Points.named(spec, inputs);
    }
}
