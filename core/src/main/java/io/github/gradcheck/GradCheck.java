package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.pipeline.PipelineSpec;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
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
     * @return the check, to be configured
     */
    public static ScalarCheck scalar(ToDoubleFunction<DMatrixRMaj> f) {
        ToDoubleFunction<Inputs> named = f == null ? null : in -> f.applyAsDouble(in.get(CheckSpec.SINGLE_INPUT));
        return new ScalarCheck(CheckSpec.ofScalar(named, CheckSpec.SINGLE_INPUT));
    }

    /**
     * Checks derivatives of a scalar function of several named matrices, such as a loss of
     * weights and biases. An input with no derivative given is held constant.
     *
     * @param f inputs ↦ f; must not modify the inputs
     * @return the check, to be configured
     */
    public static ScalarOfCheck scalarOf(ToDoubleFunction<Inputs> f) {
        return new ScalarOfCheck(CheckSpec.ofScalar(f, null));
    }

    /**
     * Checks the derivative of a function of one real variable, f: ℝ → ℝ (a special function, a
     * kernel as a function of one hyperparameter). The variable is {@code x} in reports.
     *
     * @param f x ↦ f(x)
     * @return the check, to be given a derivative and a point
     * @throws IllegalArgumentException for null
     */
    public static UnivariateCheck univariate(DoubleUnaryOperator f) {
        ToDoubleFunction<Inputs> named = f == null ? null : in -> f.applyAsDouble(UnivariateCheck.x(in));
        return new UnivariateCheck(CheckSpec.ofScalar(named, UnivariateCheck.VARIABLE));
    }

    /**
     * Checks the gradient of a scalar function of a vector written over {@code double[]},
     * f: ℝⁿ → ℝ. The vector is a column (n×1) in reports, called {@code x}.
     *
     * @param f x ↦ f(x); must not modify x
     * @return the check, to be given a gradient and a point
     * @throws IllegalArgumentException for null
     */
    public static VectorCheck vector(ToDoubleFunction<double[]> f) {
        ToDoubleFunction<Inputs> named = f == null ? null
                : in -> f.applyAsDouble(ArrayViews.data(in.get(VectorCheck.VECTOR)));
        return new VectorCheck(CheckSpec.ofScalar(named, VectorCheck.VECTOR));
    }

    /**
     * Checks the derivative of a vector function of a vector written over {@code double[]},
     * F: ℝⁿ → ℝᵐ: its Jacobian, jvp or vjp (or a jvp and a vjp, checked against each other too).
     *
     * @param f x ↦ F(x); must not modify x
     * @return the check, to be given a derivative and a point
     * @throws IllegalArgumentException for null
     */
    public static VectorMapCheck vectorMap(UnaryOperator<double[]> f) {
        Function<Inputs, DMatrixRMaj> named = f == null ? null
                : in -> ArrayViews.column(f.apply(ArrayViews.data(in.get(VectorCheck.VECTOR))));
        return new VectorMapCheck(CheckSpec.ofMatrix(named, VectorCheck.VECTOR));
    }

    /**
     * Checks a function with the optimizer signature, which returns f(x) and writes ∇f(x) into
     * the array it is given: its gradient against finite differences of its values.
     *
     * @param f (x, gradient) ↦ f(x), writing ∇f(x) into gradient; must not modify x
     * @return the check, to be given a point
     * @throws IllegalArgumentException for null
     */
    public static FusedCheck fused(ValueAndGradient f) {
        return FusedCheck.of(f);
    }

    /**
     * Checks the gradient of a scalar function of a {@code float[]} vector, as float32 code
     * computes it: perturbations are float values, and the tolerance is float rounding's.
     *
     * @param f x ↦ f(x); must not modify x
     * @return the check, to be given a gradient and a point
     * @throws IllegalArgumentException for null
     */
    public static FloatVectorCheck floatVector(ToDoubleFunction<float[]> f) {
        return FloatVectorCheck.of(f);
    }

    /**
     * Checks the gradients of a model that holds its parameters: the loss reads the parameters'
     * live arrays, which the check perturbs in place and restores bit for bit when it ends.
     *
     * @param loss the loss at the parameters' current values
     * @return the check, to be given parameters and the backward
     * @throws IllegalArgumentException for null
     */
    public static ModelCheck model(DoubleSupplier loss) {
        return ModelCheck.of(loss);
    }

    /**
     * Checks the derivative of a matrix function of one matrix, F: ℝ^{m×n} → ℝ^{p×q}.
     *
     * @param f X ↦ F(X); must not modify X
     * @return the check, to be configured
     */
    public static MatrixCheck matrix(UnaryOperator<DMatrixRMaj> f) {
        Function<Inputs, DMatrixRMaj> named = f == null ? null : in -> f.apply(in.get(CheckSpec.SINGLE_INPUT));
        return new MatrixCheck(CheckSpec.ofMatrix(named, CheckSpec.SINGLE_INPUT));
    }

    /**
     * Checks derivatives of a matrix function of several named matrices. An input with no
     * derivative given is held constant.
     *
     * @param f inputs ↦ F; must not modify the inputs
     * @return the check, to be configured
     */
    public static MatrixOfCheck matrixOf(Function<Inputs, DMatrixRMaj> f) {
        return new MatrixOfCheck(CheckSpec.ofMatrix(f, null));
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
     *
     * @return the check, to be configured
     */
    public static PipelineCheck pipeline() {
        return new PipelineCheck(PipelineSpec.empty());
    }
}
