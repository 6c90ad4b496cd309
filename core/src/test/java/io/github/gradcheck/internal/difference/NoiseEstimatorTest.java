package io.github.gradcheck.internal.difference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Noise is measured at the level of rounding, and structure is not taken for noise. */
class NoiseEstimatorTest extends QuietTest {

    private static NoiseEstimator.Result measure(DoubleUnaryOperator f, double x0) {
        Line line = (t, out) -> {
            out[0] = f.applyAsDouble(x0 + t * Math.max(1, Math.abs(x0)));
            return t;
        };
        return NoiseEstimator.estimate(line, new double[] {f.applyAsDouble(x0)});
    }

    @Test
    void aDoubleFunctionHasNoiseNearItsRounding() {
        NoiseEstimator.Result r = measure(x -> Math.exp(Math.sin(x)) * 3, 0.4);
        double value = Math.exp(Math.sin(0.4)) * 3;
        assertTrue(r.noise()[0] < 1e-14 * value, "noise " + r.noise()[0]);
        assertFalse(r.floatValued());
        assertEquals(40, r.evaluations());
    }

    @Test
    void aFloatFunctionHasNoiseNearFloatRounding() {
        NoiseEstimator.Result r = measure(x -> (float) Math.exp((float) x) * (float) x, 0.7);
        double value = Math.exp(0.7) * 0.7;
        assertTrue(r.floatValued());
        assertTrue(r.noise()[0] >= Math.ulp(1.0f) * value * 0.99, "noise " + r.noise()[0]);
        assertTrue(r.noise()[0] < 1e-5 * value, "noise " + r.noise()[0]);
    }

    @Test
    void anExactFunctionHasNoNoise() {
        NoiseEstimator.Result r = measure(x -> 3.0, 1);
        assertEquals(0.0, r.noise()[0]);
    }

    /** log|x − 1e−9|: the nine points straddle the singularity at spacing 1e−6 and 1e−8, not below. */
    @Test
    void aSingularityNearThePointIsNotTakenForNoise() {
        NoiseEstimator.Result r = measure(x -> Math.log(Math.abs(x - 1e-9)), 0);
        assertTrue(r.noise()[0] < 1e-12, "noise " + r.noise()[0]);
    }
}
