package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
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

    /** See {@link ScalarCheck#tolerance(double, double)}. */
    public ScalarOfCheck tolerance(double rtol, double atol) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
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
