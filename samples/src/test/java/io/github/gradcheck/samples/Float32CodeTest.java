package io.github.gradcheck.samples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.testing.FloatDense;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checking float32 code: a dense layer {@code tanh(W x + b)} computed in float ({@link FloatDense}).
 * Every value the code sees is a float, and the tolerance is float rounding's (1e-4 of the
 * derivative's scale), not double's.
 */
class Float32CodeTest {

    private final FloatDense layer = new FloatDense(4, 3, 5, FloatDense.Bug.NONE);

    // the loss of one example as a function of the input x
    @Test
    void inputGradientOfAFloatLayer() {
        GradCheck.floatVector(layer::loss)
                .gradient(layer::inputGradient)
                .at(new float[] {0.5f, -1f, 2f, 0.25f})
                .assertPasses();
    }

    // the loss of a batch as a function of the layer's own float[] weights
    @Test
    void parameterGradientsOfAFloatLayer() {
        float[] batch = FloatDense.gaussian(4 * 8, 1f, 11);
        GradCheck.model(() -> layer.loss(batch, 8))
                .parameter("W", layer.w, layer.outputs, layer.inputs)
                .parameter("b", layer.b)
                .gradients(() -> {
                    layer.backward(batch, 8);
                    return Map.of("W", layer.dW, "b", layer.db);
                })
                .assertPasses();
    }
}
