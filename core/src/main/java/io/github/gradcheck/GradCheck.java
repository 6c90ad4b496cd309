package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.pipeline.PipelineSpec;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Entry point: checks a hand-written derivative (gradient, Jacobian, JVP, VJP) of a matrix
 * function against finite differences and says what is wrong.
 *
 * <pre>{@code
 * GradCheck.scalar(X -> f(X))
 *         .gradient(X -> g(X))
 *         .at(X0)
 *         .assertPasses();
 * }</pre>
 *
 * <p>Conventions. The gradient of a scalar f(X), X m×n, is the m×n matrix G with
 * {@code df = tr(Gᵀ dX)}, i.e. {@code G[i][j] = ∂f/∂X[i][j]}. vec stacks columns. The Jacobian of
 * F: ℝ^{m×n} → ℝ^{p×q} is the (pq × mn) matrix {@code ∂vec F / ∂vec Xᵀ}. A JVP maps H (the shape
 * of X) to {@code DF[X](H)} (the shape of F); a VJP maps G (the shape of F) to
 * {@code DF[X]*(G)} (the shape of X), the adjoint under the Frobenius inner product.
 */
public final class GradCheck {

    private GradCheck() {
    }

    /**
     * Checks derivatives of a scalar function of one matrix.
     *
     * @param f X ↦ f(X); must not modify X
     */
    public static ScalarCheck scalar(ToDoubleFunction<DMatrixRMaj> f) {
        ToDoubleFunction<Inputs> named = f == null ? null : in -> f.applyAsDouble(in.get(CheckSpec.SINGLE_INPUT));
        return new ScalarCheck(CheckSpec.ofScalar(named, true));
    }

    /**
     * Checks derivatives of a scalar function of several named matrices, such as a loss of
     * weights and biases. An input with no derivative given is held constant.
     *
     * @param f inputs ↦ f; must not modify the inputs
     */
    public static ScalarOfCheck scalarOf(ToDoubleFunction<Inputs> f) {
        return new ScalarOfCheck(CheckSpec.ofScalar(f, false));
    }

    /**
     * Checks the derivative of a matrix function of one matrix, F: ℝ^{m×n} → ℝ^{p×q}.
     *
     * @param f X ↦ F(X); must not modify X
     */
    public static MatrixCheck matrix(UnaryOperator<DMatrixRMaj> f) {
        Function<Inputs, DMatrixRMaj> named = f == null ? null : in -> f.apply(in.get(CheckSpec.SINGLE_INPUT));
        return new MatrixCheck(CheckSpec.ofMatrix(named, true));
    }

    /**
     * Checks derivatives of a matrix function of several named matrices. An input with no
     * derivative given is held constant.
     *
     * @param f inputs ↦ F; must not modify the inputs
     */
    public static MatrixOfCheck matrixOf(Function<Inputs, DMatrixRMaj> f) {
        return new MatrixOfCheck(CheckSpec.ofMatrix(f, false));
    }

    /**
     * Checks a hand-written forward and backward pass stage by stage: each stage's derivative at the
     * values the forward pass fed it, then the loss's gradient with respect to every parameter end
     * to end; the result names the first stage, in forward order, whose derivative is wrong.
     *
     * <pre>{@code
     * GradCheck.pipeline()
     *         .stage("affine", Stage.of(in -> affine(in), (in, g) -> Inputs.of("x", gx, "W", gW, "b", gb)))
     *         .stage("softmax", Stage.matrix(X -> softmax(X), (X, G) -> softmaxVjp(X, G)))
     *         .loss("cross-entropy", Stage.loss(in -> ce(in.get("x")), in -> Inputs.of("x", ceGradient(in.get("x")))))
     *         .at(Inputs.of("x", X, "W", W0, "b", b0))
     *         .check()
     *         .failedStage();
     * }</pre>
     */
    public static PipelineCheck pipeline() {
        return new PipelineCheck(PipelineSpec.empty());
    }
}
