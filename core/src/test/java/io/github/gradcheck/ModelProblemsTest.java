package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.testing.Mlp;
import io.github.gradcheck.testing.QuietTest;
import java.util.HashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A model's loss or backward misbehaving, and a model check configured wrong: each gets its own
 * status (or exception) naming the parameter, never a false mismatch.
 */
class ModelProblemsTest extends QuietTest {

    private final Mlp net = new Mlp(3, 4, 2, 1);
    private final Mlp.Batch batch = net.batch(4, 2);

    private ModelCheck model() {
        return GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)
                .parameter("b1", net.b1);
    }

    private Map<String, Object> backward() {
        net.backward(batch);
        return Map.of("W1", net.dW1, "b1", net.db1);
    }

    // ------------------------------------------------------------------ writes into parameters

    @Test
    void aLossThatWritesIntoAParameterIsInputMutated() {
        CheckResult r = GradCheck.model(() -> {
            net.b1[1] = Math.max(net.b1[1], 0); // "clamps" a parameter while computing the loss
            return net.loss(batch);
        }).parameter("W1", net.w1, net.inputs, net.hidden).parameter("b1", net.b1)
                .gradients(this::backward).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("loss", r.facts().get("function"), r::report);
        assertEquals("b1 (4×1)", r.facts().get("argument"), r::report);
    }

    @Test
    void aBackwardThatWritesIntoAParameterIsInputMutated() {
        CheckResult r = model().gradients(() -> {
            Map<String, Object> g = backward();
            net.w1[2] -= 0.1 * net.dW1[2]; // an optimizer step inside the backward
            return g;
        }).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("backward", r.facts().get("function"), r::report);
        assertEquals("W1 (3×4)", r.facts().get("argument"), r::report);
        assertEquals("(0, 2)", r.facts().get("entry"), r::report);
    }

    @Test
    void aMatrixParameterReshapedByTheLossIsInputMutated() {
        DMatrixRMaj w = new DMatrixRMaj(2, 3, true, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        CheckResult r = GradCheck.model(() -> {
            w.reshape(3, 2);
            return w.data[0] * w.data[0];
        }).parameter("W", w).gradients(() -> Map.of("W", new DMatrixRMaj(2, 3))).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals(2, w.numRows);
        assertEquals(3, w.numCols);
    }

    // ------------------------------------------------------------------ what the backward returns

    @Test
    void aBackwardReturningTheParameterArrayItselfGetsTheAliasingMessage() {
        CheckResult r = model().gradients(() -> {
            net.backward(batch);
            return Map.of("W1", net.w1, "b1", net.db1);
        }).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
        assertEquals("W1", r.facts().get("parameter"), r::report);
        assertEquals("W1", r.facts().get("aliases"), r::report);
    }

    /** dW1 = w1 by a slip in the constructor: zeroing and filling "dW1" overwrites the weights. */
    @Test
    void aGradientBufferThatIsTheParameterArrayGetsTheAliasingMessageEvenThoughItWritesIntoIt() {
        double[] shared = net.w1;
        CheckResult r = model().gradients(() -> {
            net.backward(batch);
            System.arraycopy(net.dW1, 0, shared, 0, shared.length);
            return Map.of("W1", shared, "b1", net.db1);
        }).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("W1", r.facts().get("aliases"), r::report);
    }

    @Test
    void aGradientReturnedForOneParameterThatIsAnothersArrayNamesBoth() {
        CheckResult r = model().gradients(() -> Map.of("W1", net.dW1, "b1", net.b1)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("b1", r.facts().get("parameter"), r::report);
        assertEquals("b1", r.facts().get("aliases"), r::report);
    }

    @Test
    void aGradientOfAnotherLengthIsAShapeMismatchNamingBothLengths() {
        CheckResult r = model().gradients(() -> Map.of("W1", net.dW1, "b1", new double[7])).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
        assertEquals("gradient for b1 is 7×1 but input b1 is 4×1", r.facts().get("shapes"), r::report);
    }

    @Test
    void aNullGradientIsAShapeMismatch() {
        CheckResult r = model().gradients(() -> {
            Map<String, Object> g = new HashMap<>(backward());
            g.put("b1", null);
            return g;
        }).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient for b1", r.facts().get("function"), r::report);
    }

    @Test
    void aGradientOfAnotherTypeIsAShapeMismatch() {
        CheckResult r = model().gradients(() -> Map.of("W1", net.dW1, "b1", java.util.List.of(1.0, 2.0))).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient for b1", r.facts().get("function"), r::report);
    }

    @Test
    void aNullMapIsAShapeMismatch() {
        CheckResult r = model().gradients(() -> null).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("backward", r.facts().get("function"), r::report);
    }

    @Test
    void aMissingParameterNameIsNamedWithWhatWasReturned() {
        CheckResult r = model().gradients(() -> {
            net.backward(batch);
            return Map.of("W1", net.dW1);
        }).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("b1", r.facts().get("missing"), r::report);
        assertEquals("W1", r.facts().get("returned"), r::report);
    }

    @Test
    void anExtraNameIsNamedWithTheParameters() {
        CheckResult r = model().gradients(() -> {
            net.backward(batch);
            return Map.of("W1", net.dW1, "b1", net.db1, "W2", net.dW2);
        }).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("W2", r.facts().get("unknown"), r::report);
        assertEquals("W1, b1", r.facts().get("parameters"), r::report);
    }

    @Test
    void aBackwardThatThrowsIsThrew() {
        CheckResult r = model().gradients(() -> {
            throw new IllegalStateException("forward not called");
        }).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertEquals("backward", r.facts().get("function"), r::report);
    }

    @Test
    void aBackwardThatThrowsOnlyOnItsSecondCallIsThrew() {
        int[] calls = {0};
        CheckResult r = model().gradients(() -> {
            if (++calls[0] > 1) {
                throw new IllegalStateException("backward called twice without a forward");
            }
            return backward();
        }).check();
        assertEquals(Status.THREW, r.status(), r::report);
    }

    /** Randomness in the backward alone: the loss is deterministic, the backward is not. */
    @Test
    void aBackwardThatIsNotRepeatableIsNondeterministicNotAMismatch() {
        java.util.Random random = new java.util.Random(1);
        CheckResult r = model().gradients(() -> {
            Map<String, Object> g = backward();
            double[] noisy = net.db1.clone();
            noisy[1] += 0.01 * random.nextGaussian(); // a gradient-noise regularizer left switched on
            return Map.of("W1", net.dW1, "b1", noisy);
        }).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake(), r::report);
        assertEquals("gradient for b1", r.facts().get("function"), r::report);
        assertEquals("b1 (4×1)", r.facts().get("input"), r::report);
        assertEquals("(1, 0)", r.facts().get("entry"), r::report);
    }

    /** Never reset, and of the wrong sign: what one call adds is compared, and its mistake named. */
    @Test
    void aBackwardThatNeverResetsAndIsWrongHasTheMistakeOfWhatItAdds() {
        Mlp notReset = new Mlp(3, 4, 2, 1, Mlp.Bug.NOT_RESET);
        CheckResult r = GradCheck.model(() -> notReset.loss(batch)).parameter("b1", notReset.b1).gradients(() -> {
            notReset.backward(batch);
            double[] negated = notReset.db1.clone();
            for (int i = 0; i < negated.length; i++) {
                negated[i] = -negated[i];
            }
            return Map.of("b1", negated);
        }).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
        assertEquals(true, r.facts().containsKey("second call"), r::report);
    }

    @Test
    void aLossThatIsNaNIsNonFinite() {
        CheckResult r = GradCheck.model(() -> Double.NaN).parameter("b1", net.b1)
                .gradients(() -> Map.of("b1", net.db1)).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
    }

    // ------------------------------------------------------------------ configuration

    @Test
    void aParameterGivenTwiceByNameOrByArrayIsRejected() {
        ModelCheck one = GradCheck.model(() -> net.loss(batch)).parameter("W1", net.w1);
        assertThrows(IllegalArgumentException.class, () -> one.parameter("W1", net.b1));
        assertThrows(IllegalArgumentException.class, () -> one.parameter("other", net.w1));
    }

    @Test
    void aShapeThatDoesNotFitTheArrayIsRejected() {
        ModelCheck model = GradCheck.model(() -> net.loss(batch));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("W1", net.w1, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("W1", net.w1, 0, 12));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("W1", new float[6], 4, 2));
    }

    @Test
    void nullOrEmptyParametersAndNamesAreRejected() {
        ModelCheck model = GradCheck.model(() -> net.loss(batch));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("w", (double[]) null));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("w", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("w", (DMatrixRMaj) null));
        assertThrows(IllegalArgumentException.class, () -> model.parameter(null, net.w1));
        assertThrows(IllegalArgumentException.class, () -> model.parameter("", net.w1));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.model(null));
        assertThrows(IllegalArgumentException.class, () -> model.gradients(null));
        assertThrows(IllegalArgumentException.class, () -> model.beforeEachEvaluation(null));
        assertThrows(IllegalArgumentException.class, () -> model.maxEntriesPerParameter(0));
    }

    @Test
    void checkWithoutParametersOrBackwardIsRejected() {
        assertThrows(IllegalStateException.class,
                () -> GradCheck.model(() -> net.loss(batch)).gradients(this::backward).check());
        assertThrows(IllegalStateException.class, () -> model().check());
    }

    @Test
    void aNonFiniteParameterIsRejectedAndLeftAsItWas() {
        double[] w = {1, Double.NaN, 3};
        ModelCheck check = GradCheck.model(() -> w[0]).parameter("w", w).gradients(() -> Map.of("w", new double[3]));
        assertThrows(IllegalArgumentException.class, check::check);
        assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(w[1]));
    }

    /** Each option returns a new check; the one it was derived from checks what it did before. */
    @Test
    void aDerivedModelCheckLeavesTheOriginalAsItWas() {
        ModelCheck w1Only = GradCheck.model(() -> net.loss(batch)).parameter("W1", net.w1, net.inputs, net.hidden)
                .gradients(() -> {
                    net.backward(batch);
                    return Map.of("W1", net.dW1);
                });
        ModelCheck both = w1Only.parameter("b1", net.b1);
        assertEquals(Status.SHAPE_MISMATCH, both.check().status());
        CheckResult r = w1Only.check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("W1 (3×4)", r.facts().get("input"), r::report);
    }
}
