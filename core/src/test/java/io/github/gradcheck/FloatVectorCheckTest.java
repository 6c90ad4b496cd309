package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.testing.FloatDense;
import io.github.gradcheck.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * Scalar functions of a {@code float[]}: a float32 dense layer's loss and its input gradient, computed
 * in float throughout. The tolerance is float rounding's (1e-4 of the derivative's scale).
 */
class FloatVectorCheckTest extends QuietTest {

    private static final float[] X0 = FloatDense.gaussian(4, 1f, 6);

    private static FloatDense layer(FloatDense.Bug bug) {
        return new FloatDense(4, 3, 5, bug);
    }

    @Test
    void denseLayerInputGradientPasses() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(layer::inputGradient).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void denseLayerInputGradientOfTheWrongSignIsWrongSign() {
        FloatDense layer = layer(FloatDense.Bug.SIGN);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(layer::inputGradient).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void denseLayerInputGradientTwiceTooLargeIsWrongScaleTwo() {
        FloatDense layer = layer(FloatDense.Bug.TWICE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(layer::inputGradient).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-3, r::report);
    }

    /** The right input gradient, each entry off by a relative {@code error}. */
    private static float[] offBy(FloatDense layer, float[] x, double error) {
        float[] g = layer.inputGradient(x);
        for (int i = 0; i < g.length; i++) {
            g[i] *= (float) (1 + error);
        }
        return g;
    }

    /** An error of 3e-5 of the gradient is within float rounding's tolerance (1e-4 of its scale). */
    @Test
    void anErrorWithinFloatRoundingPasses() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(x -> offBy(layer, x, 3e-5)).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** 5e-4 fails at float's default tolerance, and passes at a tolerance of 1e-3 the user sets. */
    @Test
    void aToleranceSetByTheUserIsKept() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult byDefault = GradCheck.floatVector(layer::loss).gradient(x -> offBy(layer, x, 5e-4)).at(X0).check();
        assertEquals(Status.MISMATCH, byDefault.status(), byDefault::report);
        CheckResult looser = GradCheck.floatVector(layer::loss).gradient(x -> offBy(layer, x, 5e-4))
                .tolerance(1e-3, 0).at(X0).check();
        assertEquals(Status.PASSED, looser.status(), looser::report);
    }

    @Test
    void aFunctionThatWritesIntoItsFloatArgumentIsInputMutated() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(x -> {
            x[2] *= 0.5f; // scales its input in place
            return layer.loss(x);
        }).gradient(layer::inputGradient).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("f", r.facts().get("function"), r::report);
        assertEquals("(2, 0)", r.facts().get("entry"), r::report);
    }

    @Test
    void aGradientThatWritesIntoItsFloatArgumentIsInputMutated() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(x -> {
            float[] g = layer.inputGradient(x);
            x[0] = 0;
            return g;
        }).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("gradient", r.facts().get("function"), r::report);
    }

    @Test
    void aGradientOfAnotherLengthIsAShapeMismatch() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(x -> new float[3]).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient is 3×1 but input x is 4×1", r.facts().get("shapes"), r::report);
    }

    @Test
    void aNullGradientIsAShapeMismatch() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        CheckResult r = GradCheck.floatVector(layer::loss).gradient(x -> null).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
    }

    @Test
    void aNullOrNonFinitePointIsRejected() {
        FloatDense layer = layer(FloatDense.Bug.NONE);
        FloatVectorCheck check = GradCheck.floatVector(layer::loss).gradient(layer::inputGradient);
        assertThrows(IllegalArgumentException.class, () -> check.at(null));
        assertThrows(IllegalArgumentException.class, () -> check.at(new float[] {1, Float.NaN, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> check.at(new float[0]));
    }
}
