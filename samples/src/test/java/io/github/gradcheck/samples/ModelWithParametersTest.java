package io.github.gradcheck.samples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.testing.DropoutRegression;
import io.github.gradcheck.testing.Mlp;
import io.github.gradcheck.testing.SoftmaxClassifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checking a model that holds its parameters and writes gradients into buffers it owns: gradcheck
 * perturbs the parameter arrays in place, calls the loss, calls the backward (twice: a backward
 * that never zeroes its buffers is GRADIENT_NOT_RESET), and puts every parameter back bit for bit.
 * The models are {@link Mlp} (flat {@code double[]} arrays), {@link SoftmaxClassifier} (EJML
 * matrices) and {@link DropoutRegression} (random masks).
 */
class ModelWithParametersTest {

    @Test
    void twoLayerPerceptron() {
        Mlp net = new Mlp(3, 5, 2, 1);
        Mlp.Batch batch = net.batch(8, 2);
        GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)     // a flat array, row-major 3×5
                .parameter("b1", net.b1)
                .parameter("W2", net.w2, net.hidden, net.outputs)
                .parameter("b2", net.b2)
                .gradients(() -> {
                    net.backward(batch);
                    return Map.of("W1", net.dW1, "b1", net.db1, "W2", net.dW2, "b2", net.db2);
                })
                .assertPasses();
    }

    @Test
    void softmaxClassifierOverEjmlMatrices() {
        SoftmaxClassifier model = new SoftmaxClassifier(6, 3, 4, 8, SoftmaxClassifier.Bug.NONE);
        GradCheck.model(model::loss)
                .parameter("W", model.w)
                .parameter("b", model.b)
                .gradients(() -> {
                    model.backward();
                    return Map.of("W", model.dW, "b", model.db);
                })
                .assertPasses();
    }

    // dropout draws a new mask every pass: reseed it before every evaluation
    @Test
    void regressionWithDropout() {
        DropoutRegression model = new DropoutRegression(10, 4, 9);
        GradCheck.model(model::loss)
                .parameter("w", model.w)
                .gradients(() -> {
                    model.backward();
                    return Map.of("w", model.dW);
                })
                .beforeEachEvaluation(() -> model.dropout.reseed(42))
                .assertPasses();
    }

    // 64·100 + 100 + 100·10 + 10 = 7,510 parameters: 25 entries of each, in FULL mode
    @Test
    void aLargerPerceptronOnASubsetOfEachParameter() {
        Mlp net = new Mlp(64, 100, 10, 3);
        Mlp.Batch batch = net.batch(16, 4);
        GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)
                .parameter("b1", net.b1)
                .parameter("W2", net.w2, net.hidden, net.outputs)
                .parameter("b2", net.b2)
                .gradients(() -> {
                    net.backward(batch);
                    return net.gradients();
                })
                .maxEntriesPerParameter(25)
                .assertPasses();
    }
}
