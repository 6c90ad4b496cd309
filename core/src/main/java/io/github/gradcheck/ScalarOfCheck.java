package io.github.gradcheck;

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
public final class ScalarOfCheck extends AbstractCheck<ScalarOfCheck> {

    ScalarOfCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    ScalarOfCheck with(CheckSpec newSpec) {
        return new ScalarOfCheck(newSpec);
    }

    /**
     * The hand-written gradient with respect to one input: the matrix G of that input's shape with
     * {@code G[i][j] = ∂f/∂input[i][j]}.
     *
     * @param input the input's name
     * @param gradient inputs ↦ G; must not modify the inputs
     * @return this check with the gradient
     * @throws IllegalStateException when that input already has a gradient
     */
    public ScalarOfCheck gradient(String input, Function<Inputs, DMatrixRMaj> gradient) {
        return new ScalarOfCheck(spec.withDerivative(Names.require(input), new Derivative.Gradient(gradient)));
    }

    /**
     * The hand-written Hessian with respect to one input, in vec layout (mn × mn), as
     * {@link ScalarCheck#hessian}: compared with finite differences of that input's gradient when
     * one is given, with second differences of f otherwise.
     *
     * @param input the input's name
     * @param hessian inputs ↦ H; must not modify the inputs
     * @return this check with the Hessian
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
     * @return this check with the Hessian-vector product
     * @throws IllegalStateException when that input already has a Hessian or hvp
     */
    public ScalarOfCheck hvp(String input, BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> hvp) {
        return new ScalarOfCheck(spec.withDerivative(Names.require(input), new Derivative.Hvp(hvp)));
    }

    /**
     * Declares what kind of matrix an input is. SYMMETRIC and SPD inputs are perturbed only in
     * symmetric directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and
     * TRIANGULAR inputs only inside their structure; ONE_HOT_ROWS and INTEGER inputs are
     * constants. The point given to {@code at} must have the structure.
     *
     * @param input the input's name
     * @param structure what kind of matrix it is
     * @return this check with the structure declared
     * @throws IllegalArgumentException for a null structure
     */
    public ScalarOfCheck structure(String input, Structure structure) {
        return new ScalarOfCheck(spec.withOptions(spec.options().withStructure(Names.require(input), structure)));
    }

    /**
     * The point to check at.
     *
     * @param inputs every input f reads, copied here
     * @return the check at this point, ready to run
     * @throws IllegalArgumentException when a differentiated input is missing, or an input is empty
     *     or not finite
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(Inputs inputs) {
        return Points.named(spec, inputs);
    }
}
