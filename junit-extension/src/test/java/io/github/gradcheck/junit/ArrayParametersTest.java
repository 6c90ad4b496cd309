package io.github.gradcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @GradientTest} parameters of the code people have: a {@code double} ({@link Scalar}), a
 * {@code double[]} and a {@code float[]} ({@link Shape} with rows only), drawn and shrunk like
 * matrices.
 */
class ArrayParametersTest extends QuietTest {

    // ------------------------------------------------------------------ fixtures

    static class RightSoftplus {
        @GradientTest(trials = 60)
        void softplus(@Scalar(min = -3, max = 3) double x) {
            assertTrue(x >= -3 && x <= 3, "drawn in range: " + x);
            GradCheck.univariate(v -> Math.log1p(Math.exp(v))).derivative(v -> 1 / (1 + Math.exp(-v))).at(x)
                    .assertPasses();
        }
    }

    static class SoftplusOffByTwo {
        @GradientTest(trials = 20)
        void softplus(@Scalar(min = -3, max = 3) double x) {
            GradCheck.univariate(v -> Math.log1p(Math.exp(v))).derivative(v -> 2 / (1 + Math.exp(-v))).at(x)
                    .assertPasses();
        }
    }

    static class RightLogSumExp {
        @GradientTest(trials = 40, dims = "n=1..6")
        void logSumExp(@Shape(rows = "n") double[] x) {
            GradCheck.vector(ArrayParametersTest::logSumExp).gradient(ArrayParametersTest::softmax).at(x).assertPasses();
        }
    }

    static class LogSumExpWithoutNormalisation {
        /**
         * exp(x) where softmax(x) = exp(x)/Σ exp is right: at one point every entry is off by the
         * same factor Σ exp (a missing normalisation), a factor that changes from point to point.
         */
        @GradientTest(trials = 40, dims = "n=1..6")
        void logSumExp(@Shape(rows = "n") double[] x) {
            GradCheck.vector(ArrayParametersTest::logSumExp).gradient(v -> {
                double[] e = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    e[i] = Math.exp(v[i]);
                }
                return e;
            }).at(x).assertPasses();
        }
    }

    static class FloatSumOfSquares {
        @GradientTest(trials = 30, dims = "n=1..5")
        void sumOfSquares(@Shape(rows = "n") float[] x) {
            GradCheck.floatVector(v -> {
                float s = 0;
                for (float f : v) {
                    s += f * f;
                }
                return s;
            }).gradient(v -> {
                float[] g = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    g[i] = 2 * v[i];
                }
                return g;
            }).at(x).assertPasses();
        }
    }

    static class Misconfigured {
        @GradientTest
        void scalarOnAVector(@Scalar double[] x) {
        }

        @GradientTest(dims = "n=1..3")
        void vectorWithColumns(@Shape(rows = "n", cols = "n") double[] x) {
        }

        @GradientTest
        void emptyRange(@Scalar(min = 2, max = 1) double x) {
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aDoubleIsDrawnInItsRangeAndARightDerivativePasses() {
        EngineExecutionResults results = Fixtures.run(RightSoftplus.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aDerivativeOffByTwoFailsAsAConstantFactorShrunkToASimpleValue() {
        Throwable failure = Fixtures.failures(Fixtures.run(SoftplusOffByTwo.class)).get("softplus");
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class, failure);
        assertEquals(Mistake.WRONG_SCALE, error.result().mistake(), error::getMessage);
        assertEquals(2.0, error.result().scaleFactor().getAsDouble(), 1e-6);
        String x = Fixtures.facts(error.getMessage()).get("inputs");
        assertTrue(x.contains("{0}") || x.contains("{1}") || x.contains("{-1}"), "shrunk to a simple value: " + x);
    }

    @Test
    void aDoubleArrayIsAVectorOfTheDrawnLength() {
        EngineExecutionResults results = Fixtures.run(RightLogSumExp.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aMissingNormalisationIsOneFactorOnEveryEntryAndShrinksToTheSmallestLengthThatShowsIt() {
        // two entries off by the same factor are a constant factor at that point; one entry alone
        // cannot show it (at a second point its factor differs), so shrinking stops at n = 2
        Throwable failure = Fixtures.failures(Fixtures.run(LogSumExpWithoutNormalisation.class)).get("logSumExp");
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class, failure);
        assertEquals(Mistake.WRONG_SCALE, error.result().mistake(), error::getMessage);
        assertEquals("n=2", Fixtures.facts(error.getMessage()).get("dims"), error::getMessage);
    }

    @Test
    void aFloatArrayIsAVectorOfFloats() {
        EngineExecutionResults results = Fixtures.run(FloatSumOfSquares.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void misplacedAnnotationsAreConfigurationErrors() {
        Map<String, Throwable> failures = Fixtures.failures(Fixtures.run(Misconfigured.class));
        for (String name : new String[] {"scalarOnAVector", "vectorWithColumns", "emptyRange"}) {
            assertInstanceOf(ExtensionConfigurationException.class, failures.get(name), name);
        }
        assertTrue(failures.get("scalarOnAVector").getMessage().contains("only a double"), failures::toString);
        assertTrue(failures.get("vectorWithColumns").getMessage().contains("a vector has one column"), failures::toString);
        assertTrue(failures.get("emptyRange").getMessage().contains("finite min < max"), failures::toString);
    }

    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    static double[] softmax(double[] x) {
        double lse = logSumExp(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] - lse);
        }
        return out;
    }
}
