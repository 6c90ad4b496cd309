package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * A named stage as the pipeline runs it: a matrix stage (forward and vjp) or the loss (value and
 * gradient); exactly one of the two pairs is non-null.
 *
 * @param name the stage's name, unique in its pipeline
 * @param forward inputs ↦ F, or null for the loss
 * @param vjp (inputs, G) ↦ gradients by input name, or null for the loss
 * @param loss inputs ↦ ℓ, or null for a matrix stage
 * @param lossGradient inputs ↦ gradients by input name, or null for a matrix stage
 */
public record StageSpec(String name, Function<Inputs, DMatrixRMaj> forward, BiFunction<Inputs, DMatrixRMaj, Inputs> vjp,
                        ToDoubleFunction<Inputs> loss, Function<Inputs, Inputs> lossGradient) {

    public boolean isLoss() {
        return loss != null;
    }

    /** How reports name this stage's derivative: "vjp" or "gradient". */
    String derivative() {
        return isLoss() ? "gradient" : "vjp";
    }

    /** The stage's backward: the loss gradient, or the vjp at upstream gradient {@code g}. */
    Inputs backward(Inputs in, DMatrixRMaj g) {
        return isLoss() ? lossGradient.apply(in) : vjp.apply(in, g);
    }
}
