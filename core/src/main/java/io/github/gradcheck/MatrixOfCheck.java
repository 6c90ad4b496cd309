package io.github.gradcheck;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.kron.LinearMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the derivatives of a matrix function of several named matrices. Give one derivative
 * form per differentiated input; the others are held constant. Immutable: every method returns
 * a new check. Start with {@link GradCheck#matrixOf}.
 */
public final class MatrixOfCheck {

    private final CheckSpec spec;

    MatrixOfCheck(CheckSpec spec) {
        this.spec = spec;
    }

    /**
     * The JVP with respect to one input: {@code H ↦ ∂F/∂input (H)}.
     *
     * @param input the input's name
     * @param jvp (inputs, H) ↦ the directional derivative of F along H; H has the input's shape,
     *     the result F's shape; must not modify the inputs or H
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck jvp(String input, BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> jvp) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Jvp(jvp)));
    }

    /**
     * The VJP with respect to one input: {@code G ↦ (∂F/∂input)*(G)}, what backpropagation
     * computes for that input.
     *
     * @param input the input's name
     * @param vjp (inputs, G) ↦ the input's gradient of ⟨G, F⟩; G has F's shape, the result the
     *     input's shape; must not modify the inputs or G
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck vjp(String input, BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> vjp) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Vjp(vjp)));
    }

    /**
     * The dense Jacobian with respect to one input, {@code ∂vec F / ∂vec inputᵀ} (pq × mn).
     *
     * @param input the input's name
     * @param jacobian inputs ↦ J; must not modify the inputs
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck jacobian(String input, Function<Inputs, DMatrixRMaj> jacobian) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Jacobian(jacobian)));
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
     * <p>The expression must describe F: its variables are inputs, by name; inputs it does not read have a zero derivative. At the point, its value must equal F's
     * (to 1e-5 of their size).
     *
     * @param reference the expression F computes
     * @throws IllegalArgumentException for a null expression; and from {@code check()}
     *     when the expression's shape or value at the point is not F's
     * @throws IllegalStateException when a reference expression is already given
     */
    public MatrixOfCheck exactly(Expr reference) {
        return new MatrixOfCheck(spec.withExact(reference));
    }

    /**
     * Compares with finite differences too, beside the exact reference given to {@code exactly}
     * (without one, finite differences are the reference anyway). The first reference that
     * disagrees makes the result; the report says how the other went.
     */
    public MatrixOfCheck numerically() {
        return new MatrixOfCheck(spec.withNumeric());
    }

    /**
     * The Jacobian with respect to one input as a matrix-free linear map,
     * {@code ∂vec F / ∂vec inputᵀ}, as {@link MatrixCheck#kronecker}.
     *
     * @param input the input's name
     * @param kronecker inputs ↦ J; must not modify the inputs
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck kronecker(String input, Function<Inputs, LinearMap> kronecker) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Kronecker(kronecker)));
    }

    /** See {@link ScalarCheck#tolerance(double, double)}. */
    public MatrixOfCheck tolerance(double rtol, double atol) {
        return new MatrixOfCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
    }

    /**
     * How finite differences are taken: {@link Mode#FULL} along every coordinate,
     * {@link Mode#FAST} along a few random directions (a cost independent of the input's size),
     * or {@link Mode#AUTO} (the default: FULL up to {@value Mode#AUTO_LIMIT} coordinates).
     *
     * @throws IllegalArgumentException for a null mode
     */
    public MatrixOfCheck mode(Mode mode) {
        return new MatrixOfCheck(spec.withOptions(spec.options().withMode(mode)));
    }

    /**
     * Evaluates the coordinates of a FULL check in parallel, on the common fork-join pool. Only
     * for a function and derivatives that are safe to call from several threads at once (each
     * call gets its own copies of the inputs); the result is the same as sequentially.
     */
    public MatrixOfCheck parallel() {
        return new MatrixOfCheck(spec.withOptions(spec.options().withParallel(true)));
    }

    /** The seed of every random choice (default 0); reports print it. */
    public MatrixOfCheck seed(long seed) {
        return new MatrixOfCheck(spec.withOptions(spec.options().withSeed(seed)));
    }

    /**
     * Declares what kind of matrix an input is. SYMMETRIC and SPD inputs are perturbed only in
     * symmetric directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and
     * TRIANGULAR inputs only inside their structure; ONE_HOT_ROWS and INTEGER inputs are
     * constants. The point given to {@code at} must have the structure.
     *
     * @throws IllegalArgumentException for a null structure
     */
    public MatrixOfCheck structure(String input, Structure structure) {
        return new MatrixOfCheck(spec.withOptions(spec.options().withStructure(Names.require(input), structure)));
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
     * @param inputs every input F reads, copied here
     * @throws IllegalArgumentException when a differentiated input is missing, or an input is empty
     *     or not finite
     * @throws IllegalStateException when no derivative form is given
     */
    public PointCheck at(Inputs inputs) {
        return Points.named(spec, inputs);
    }
}
