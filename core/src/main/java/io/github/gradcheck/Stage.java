package io.github.gradcheck;

import io.github.gradcheck.internal.pipeline.StageSpec;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * One step of a hand-written forward and backward pass, for {@link GradCheck#pipeline()}: a
 * matrix stage (its forward F and its vjp) or the scalar loss that ends the pipeline (its value
 * and its gradient). Immutable.
 *
 * <p>A stage reads its input as {@value #INPUT} (the previous stage's output, or the pipeline's
 * input for the first stage) and any parameters by name: {@code in.get("W")}. Its vjp maps the
 * upstream gradient G (the gradient of the loss with respect to F, F's shape) to the gradients of
 * the loss with respect to the stage's inputs, {@code DF[in]*(G)} for each input, returned by name:
 * the names it returns are the inputs the stage is differentiated with respect to. A stage sees
 * only {@value #INPUT}, the parameters its vjp returns and the pipeline's constants; a forward
 * that reads another parameter is reported as a stage whose vjp leaves that parameter out.
 */
public final class Stage {

    /** The name under which a stage reads its input: the previous stage's output, or the pipeline's input. */
    public static final String INPUT = "x";

    private final Function<Inputs, DMatrixRMaj> forward;
    private final BiFunction<Inputs, DMatrixRMaj, Inputs> vjp;
    private final ToDoubleFunction<Inputs> loss;
    private final Function<Inputs, Inputs> gradient;

    private Stage(Function<Inputs, DMatrixRMaj> forward, BiFunction<Inputs, DMatrixRMaj, Inputs> vjp,
                  ToDoubleFunction<Inputs> loss, Function<Inputs, Inputs> gradient) {
        this.forward = forward;
        this.vjp = vjp;
        this.loss = loss;
        this.gradient = gradient;
    }

    /**
     * A matrix stage with parameters: {@code F(x, W, …)} and its vjp.
     *
     * <pre>{@code
     * Stage.of(in -> affine(in.get("x"), in.get("W"), in.get("b")),
     *          (in, g) -> Inputs.of("x", mult(g, transpose(W)), "W", mult(transpose(x), g), "b", columnSums(g)))
     * }</pre>
     *
     * @param forward inputs ↦ F, a matrix; must not modify the inputs
     * @param vjp (inputs, G) ↦ the gradient of ⟨G, F⟩ with respect to each input it names, each of that
     *     input's shape (G has F's shape); must not modify the inputs or G
     * @return the stage
     * @throws IllegalArgumentException for a null function
     */
    public static Stage of(Function<Inputs, DMatrixRMaj> forward, BiFunction<Inputs, DMatrixRMaj, Inputs> vjp) {
        require(forward, "forward");
        require(vjp, "vjp");
        return new Stage(forward, vjp, null, null);
    }

    /**
     * A matrix stage without parameters, {@code X ↦ F(X)}, such as softmax of rows or tanh.
     *
     * @param forward X ↦ F(X); must not modify X
     * @param vjp (X, G) ↦ {@code DF[X]*(G)}, X's shape (G has F's shape); must not modify X or G
     * @return the stage
     * @throws IllegalArgumentException for a null function
     */
    public static Stage matrix(UnaryOperator<DMatrixRMaj> forward, BinaryOperator<DMatrixRMaj> vjp) {
        require(forward, "forward");
        require(vjp, "vjp");
        return new Stage(in -> forward.apply(in.get(INPUT)), (in, g) -> Inputs.of(INPUT, vjp.apply(in.get(INPUT), g)),
                null, null);
    }

    /**
     * The loss, the last stage: a scalar of {@value #INPUT} (the last matrix stage's output) and
     * any parameters or constants, with its gradient.
     *
     * @param loss inputs ↦ ℓ; must not modify the inputs
     * @param gradient inputs ↦ the gradient of ℓ with respect to each input it names (each of that
     *     input's shape); must not modify the inputs
     * @return this pipeline ended by the loss stage
     * @throws IllegalArgumentException for a null function
     */
    public static Stage loss(ToDoubleFunction<Inputs> loss, Function<Inputs, Inputs> gradient) {
        require(loss, "loss");
        require(gradient, "gradient");
        return new Stage(null, null, loss, gradient);
    }

    /**
     * Whether this is a loss ({@link #loss}), which ends a pipeline.
     *
     * @return the stage
     */
    public boolean isLoss() {
        return loss != null;
    }

    StageSpec spec(String name) {
        return new StageSpec(name, forward, vjp, loss, gradient);
    }

    private static void require(Object function, String what) {
        if (function == null) {
            throw new IllegalArgumentException("Stage: the " + what + " function is null");
        }
    }

    /** {@code Stage[matrix]} or {@code Stage[loss]}. */
    @Override
    public String toString() {
        return isLoss() ? "Stage[loss]" : "Stage[matrix]";
    }
}
