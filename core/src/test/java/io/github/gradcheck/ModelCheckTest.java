package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.DropoutRegression;
import io.github.gradcheck.testing.FloatDense;
import io.github.gradcheck.testing.Mlp;
import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.SoftmaxClassifier;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Models that hold their parameters: a two-layer perceptron over flat {@code double[]} arrays with
 * gradient buffers it owns, a softmax classifier over EJML matrices, a float32 dense layer over
 * {@code float[]}, and a regression with dropout. Each right model passes; each classic mistake in a
 * backward is named.
 */
class ModelCheckTest extends QuietTest {

    /** W1 is 3×3, so that a gradient written at the transposed index is the transpose. */
    private static Mlp mlp(Mlp.Bug bug) {
        return new Mlp(3, 3, 2, 1, bug);
    }

    private static ModelCheck check(Mlp net, Mlp.Batch batch) {
        return GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)
                .parameter("b1", net.b1)
                .parameter("W2", net.w2, net.hidden, net.outputs)
                .parameter("b2", net.b2)
                .gradients(() -> {
                    net.backward(batch);
                    return net.gradients();
                });
    }

    private static CheckResult check(Mlp.Bug bug) {
        Mlp net = mlp(bug);
        return check(net, net.batch(4, 2)).check();
    }

    // ------------------------------------------------------------------ double[] parameters

    @Test
    void perceptronWithBuffersItOwnsPasses() {
        CheckResult r = check(Mlp.Bug.NONE);
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FULL, r.mode());
    }

    /**
     * A model with one scalar parameter whose backward is twice too large: one entry cannot tell a
     * constant factor, so the check confirms it at a second point, where the backward must be
     * called again (not its gradient at the first point reused).
     */
    @Test
    void aOneEntryModelsFactorIsConfirmedWithItsBackwardAtTheSecondPoint() {
        double[] a = {0.3};
        double[] gradient = new double[1];
        CheckResult r = GradCheck.model(() -> Math.sin(a[0]) * a[0])
                .parameter("a", a)
                .gradients(() -> {
                    gradient[0] = 2 * (Math.cos(a[0]) * a[0] + Math.sin(a[0]));
                    return Map.of("a", gradient);
                })
                .check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().getAsDouble(), 1e-6, r::report);
        assertTrue(r.facts().containsKey("second point"), r::report);
        assertEquals(0.3, a[0]);
    }

    @Test
    void perceptronThatNeverZeroesItsBuffersIsGradientNotReset() {
        CheckResult r = check(Mlp.Bug.NOT_RESET);
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
    }

    @Test
    void perceptronWritingDW1AtTheTransposedIndexIsTransposed() {
        CheckResult r = check(Mlp.Bug.W1_TRANSPOSED);
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
        assertEquals("W1 (3×3)", r.facts().get("input"), r::report);
    }

    @Test
    void perceptronAveragingDW2OverTheBatchIsWrongScale() {
        CheckResult r = check(Mlp.Bug.W2_MEAN);
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(0.25, r.scaleFactor().orElseThrow(), 1e-6, r::report);
    }

    @Test
    void perceptronWithDb2OfTheWrongSignIsWrongSign() {
        CheckResult r = check(Mlp.Bug.B2_SIGN);
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
        assertEquals("b2 (2×1)", r.facts().get("input"), r::report);
    }

    /** A bias given the shape 1 × hidden: a flat per-example gradient (batch × hidden) is named. */
    @Test
    void perceptronWithAPerExampleBiasGradientIsNotSummedOverBatch() {
        Mlp net = mlp(Mlp.Bug.B1_NOT_SUMMED);
        Mlp.Batch batch = net.batch(4, 2);
        CheckResult r = GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)
                .parameter("b1", net.b1, 1, net.hidden)
                .gradients(() -> {
                    net.backward(batch);
                    return Map.of("W1", net.dW1, "b1", net.gradients().get("b1"));
                }).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, r.mistake(), r::report);
    }

    // ------------------------------------------------------------------ EJML parameters

    private static CheckResult check(SoftmaxClassifier model) {
        return GradCheck.model(model::loss)
                .parameter("W", model.w)
                .parameter("b", model.b)
                .gradients(() -> {
                    model.backward();
                    return Map.of("W", model.dW, "b", model.db);
                }).check();
    }

    @Test
    void softmaxClassifierOverMatricesPasses() {
        CheckResult r = check(new SoftmaxClassifier(5, 3, 4, 8, SoftmaxClassifier.Bug.NONE));
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void softmaxClassifierWithABiasGradientPerExampleIsNotSummedOverBatch() {
        CheckResult r = check(new SoftmaxClassifier(5, 3, 4, 8, SoftmaxClassifier.Bug.BIAS_NOT_SUMMED));
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, r.mistake(), r::report);
    }

    @Test
    void softmaxClassifierWithGTransposedXIsTransposed() {
        CheckResult r = check(new SoftmaxClassifier(5, 3, 4, 8, SoftmaxClassifier.Bug.W_TRANSPOSED));
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
    }

    // ------------------------------------------------------------------ float[] parameters

    private static CheckResult check(FloatDense layer) {
        float[] batch = FloatDense.gaussian(layer.inputs * 5, 1f, 7);
        return GradCheck.model(() -> layer.loss(batch, 5))
                .parameter("W", layer.w, layer.outputs, layer.inputs)
                .parameter("b", layer.b)
                .gradients(() -> {
                    layer.backward(batch, 5);
                    return Map.of("W", layer.dW, "b", layer.db);
                }).check();
    }

    @Test
    void float32DenseLayerPasses() {
        CheckResult r = check(new FloatDense(4, 3, 5, FloatDense.Bug.NONE));
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("W (3×4), b (3×1)", r.facts().get("inputs"), r::report);
    }

    @Test
    void float32DenseLayerOfTheWrongSignIsWrongSign() {
        CheckResult r = check(new FloatDense(4, 3, 5, FloatDense.Bug.SIGN));
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void float32DenseLayerTwiceTooLargeIsWrongScaleTwo() {
        CheckResult r = check(new FloatDense(4, 3, 5, FloatDense.Bug.TWICE));
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-3, r::report);
    }

    // ------------------------------------------------------------------ randomness

    private static ModelCheck check(DropoutRegression model) {
        return GradCheck.model(model::loss).parameter("w", model.w).gradients(() -> {
            model.backward();
            return Map.of("w", model.dW);
        });
    }

    @Test
    void dropoutWithoutReseedingIsNondeterministic() {
        CheckResult r = check(new DropoutRegression(6, 4, 9)).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake(), r::report);
        assertEquals("loss", r.facts().get("function"), r::report);
    }

    @Test
    void dropoutReseededBeforeEachEvaluationPasses() {
        DropoutRegression model = new DropoutRegression(6, 4, 9);
        CheckResult r = check(model).beforeEachEvaluation(() -> model.dropout.reseed(42)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** The loss reseeds its dropout, the backward does not: the backward is reported, not a mismatch. */
    @Test
    void dropoutReseededInTheLossOnlyIsNondeterministic() {
        DropoutRegression model = new DropoutRegression(6, 4, 9);
        CheckResult r = GradCheck.model(() -> {
            model.dropout.reseed(42);
            return model.loss();
        }).parameter("w", model.w).gradients(() -> {
            model.backward();
            return Map.of("w", model.dW);
        }).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertEquals("gradient for w", r.facts().get("function"), r::report);
    }

    @Test
    void beforeEachEvaluationRunsBeforeEveryLossAndBackward() {
        DropoutRegression model = new DropoutRegression(6, 4, 9);
        int[] runs = {0};
        int[] calls = {0};
        CheckResult r = GradCheck.model(() -> {
            calls[0]++;
            return model.loss();
        }).parameter("w", model.w).gradients(() -> {
            calls[0]++;
            model.backward();
            return Map.of("w", model.dW);
        }).beforeEachEvaluation(() -> {
            runs[0]++;
            model.dropout.reseed(42);
        }).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(calls[0], runs[0]);
        assertEquals(r.evaluations() + 2, calls[0], "every loss, and the backward twice");
    }

    // ------------------------------------------------------------------ gradients are read, not kept

    @Test
    void theGradientBuffersAreReadAtOnceAndNeverKept() {
        Mlp net = mlp(Mlp.Bug.NONE);
        CheckResult r = check(net, net.batch(4, 2)).check();
        double[] dW1 = net.dW1.clone();
        Arrays.fill(net.dW1, 1e6);
        assertArrayEquals(new double[] {dW1[0], dW1[1], dW1[2]}, Arrays.copyOf(r.analytic().get("W1").data, 3), 0);
    }
}
