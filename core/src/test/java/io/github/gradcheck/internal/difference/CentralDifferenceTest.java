package io.github.gradcheck.internal.difference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The one-coordinate estimator on functions of one variable. */
class CentralDifferenceTest extends QuietTest {

    private static ColumnEstimate estimate(DoubleUnaryOperator f, double x0, double h0) {
        Line line = (t, out) -> {
            double x = x0 + t;
            out[0] = f.applyAsDouble(x);
            return x - x0;
        };
        ColumnEstimate out = new ColumnEstimate(1);
        double[] noise = {0};
        new CentralDifference(1).estimate(line, h0, 1e-300, 1e300, new double[] {f.applyAsDouble(x0)}, noise, false, out);
        return out;
    }

    @Test
    void smoothFunctionsAreEstimatedWithAnHonestErrorBound() {
        for (double x0 : new double[] {-2, -0.3, 0.1, 1, 5}) {
            ColumnEstimate e = estimate(Math::exp, x0, 1e-3);
            assertEquals(EntryKind.SMOOTH, e.kind(0));
            assertTrue(Math.abs(e.value[0] - Math.exp(x0)) <= e.error[0], "error bound holds at " + x0);
            assertTrue(e.error[0] < 1e-8 * Math.exp(x0), "and is small at " + x0);
        }
    }

    @Test
    void aStepTooLargeForTheCurvatureIsRefined() {
        // log(1 + 1e6·x) near 0: the first step (0.01) is 1e4 times too large
        ColumnEstimate e = estimate(x -> Math.log1p(1e6 * x), 0, 1e-2);
        assertEquals(EntryKind.SMOOTH, e.kind(0));
        assertEquals(1e6, e.value[0], e.error[0]);
        assertTrue(e.error[0] < 1e-3 * 1e6);
    }

    @Test
    void aKinkIsRecognisedWithItsOneSidedSlopes() {
        ColumnEstimate e = estimate(x -> Math.max(0, x) + x * x, 0, 1e-5);
        assertEquals(EntryKind.KINK, e.kind(0));
        assertEquals(0, e.low[0], 1e-4);
        assertEquals(1, e.high[0], 1e-4);
    }

    @Test
    void aKinkCloseToThePointBehindTheStepIsResolvedAsSmooth() {
        ColumnEstimate e = estimate(x -> Math.max(0, x), 1e-7, 1e-5);
        assertTrue(e.kind(0) == EntryKind.KINK || e.kind(0) == EntryKind.SMOOTH);
        assertTrue(e.distance(0, 1.0) <= e.error[0], "the derivative 1 is accepted");
    }

    @Test
    void nonFiniteValuesRefineTheStepAndUndefinedEverywhereIsReported() {
        ColumnEstimate near = estimate(x -> Math.log(x), 1e-4, 1e-3);
        assertEquals(EntryKind.SMOOTH, near.kind(0));
        assertEquals(1e4, near.value[0], near.error[0]);
        ColumnEstimate boundary = estimate(Math::sqrt, 0, 1e-3);
        assertEquals(EntryKind.UNDEFINED, boundary.kind(0));
    }
}
