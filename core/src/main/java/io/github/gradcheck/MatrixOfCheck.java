package io.github.gradcheck;

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
public final class MatrixOfCheck extends AbstractCheck<MatrixOfCheck> {

    MatrixOfCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    MatrixOfCheck with(CheckSpec newSpec) {
        return new MatrixOfCheck(newSpec);
    }

    /**
     * The JVP with respect to one input: {@code H ↦ ∂F/∂input (H)}.
     *
     * @param input the input's name
     * @param jvp (inputs, H) ↦ the directional derivative of F along H; H has the input's shape,
     *     the result F's shape; must not modify the inputs or H
     * @return this check with the jvp
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
     * @return this check with the vjp
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
     * @return this check with the Jacobian
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck jacobian(String input, Function<Inputs, DMatrixRMaj> jacobian) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Jacobian(jacobian)));
    }

    /**
     * The Jacobian with respect to one input as a matrix-free linear map,
     * {@code ∂vec F / ∂vec inputᵀ}, as {@link MatrixCheck#kronecker}.
     *
     * @param input the input's name
     * @param kronecker inputs ↦ J; must not modify the inputs
     * @return this check with the Kronecker form
     * @throws IllegalStateException when that input already has a derivative form
     */
    public MatrixOfCheck kronecker(String input, Function<Inputs, LinearMap> kronecker) {
        return new MatrixOfCheck(spec.withDerivative(Names.require(input), new Derivative.Kronecker(kronecker)));
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
    public MatrixOfCheck structure(String input, Structure structure) {
        return new MatrixOfCheck(spec.withOptions(spec.options().withStructure(Names.require(input), structure)));
    }

    /**
     * The point to check at.
     *
     * @param inputs every input F reads, copied here
     * @return the check at this point, ready to run
     * @throws IllegalArgumentException when a differentiated input is missing, or an input is empty
     *     or not finite
     * @throws IllegalStateException when no derivative form is given
     */
    public PointCheck at(Inputs inputs) {
        return Points.named(spec, inputs);
    }
}
