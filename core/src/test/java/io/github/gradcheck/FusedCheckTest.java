package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.LogisticRegression;
import io.github.gradcheck.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * Fused value-and-gradient functions with the optimizer signature
 * {@code double valueAndGradient(double[] x, double[] gradient)}: an L-BFGS objective for logistic
 * regression, right and with its classic mistakes.
 */
class FusedCheckTest extends QuietTest {

    private static final double[] W0 = {0.1, -0.2, 0.3, 0.05, -0.4};

    private static LogisticRegression objective(LogisticRegression.Bug bug) {
        return new LogisticRegression(20, W0.length, 0.1, 3, bug);
    }

    @Test
    void logisticRegressionObjectivePasses() {
        CheckResult r = GradCheck.fused(objective(LogisticRegression.Bug.NONE)::valueAndGradient).at(W0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("x (5×1)", r.facts().get("input"), r::report);
    }

    @Test
    void anObjectiveThatAddsIntoTheGradientArrayIsGradientNotReset() {
        CheckResult r = GradCheck.fused(objective(LogisticRegression.Bug.ADDS_INTO_GRADIENT)::valueAndGradient)
                .at(W0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
    }

    /** c/2 ‖x‖², adding its gradient c·x into the array. */
    private static ValueAndGradient addingQuadratic(double c) {
        return (x, g) -> {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * x[i];
                g[i] += c * x[i];
            }
            return c / 2 * sum;
        };
    }

    @Test
    void anObjectiveWithAHugeGradientThatAddsIntoTheArrayIsGradientNotReset() {
        CheckResult r = GradCheck.fused(addingQuadratic(1e9)).at(W0).check();
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
    }

    @Test
    void anObjectiveWithATinyGradientThatAddsIntoTheArrayIsGradientNotReset() {
        CheckResult r = GradCheck.fused(addingQuadratic(1e-9)).at(W0).check();
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
    }

    /** Without a regularizer, a summed data term's gradient is exactly n = 20 times the mean's. */
    @Test
    void aGradientSummedWhereTheValueIsAMeanIsWrongScaleN() {
        LogisticRegression summed = new LogisticRegression(20, W0.length, 0, 3, LogisticRegression.Bug.SUM_NOT_MEAN);
        CheckResult r = GradCheck.fused(summed::valueAndGradient).at(W0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(20.0, r.scaleFactor().orElseThrow(), 1e-4, r::report);
    }

    @Test
    void aGradientOfTheWrongSignIsWrongSign() {
        CheckResult r = GradCheck.fused(objective(LogisticRegression.Bug.SIGN)::valueAndGradient).at(W0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void anObjectiveThatNeverWritesTheGradientIsAMismatch() {
        LogisticRegression right = objective(LogisticRegression.Bug.NONE);
        CheckResult r = GradCheck.fused((w, g) -> right.valueAndGradient(w, new double[w.length])).at(W0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** Writes every entry but the last, which keeps what the array held: the optimizer's stale value. */
    @Test
    void anObjectiveThatLeavesAnEntryUnwrittenIsNondeterministicNotAMismatch() {
        LogisticRegression right = objective(LogisticRegression.Bug.NONE);
        CheckResult r = GradCheck.fused((w, g) -> {
            double[] full = new double[w.length];
            double value = right.valueAndGradient(w, full);
            System.arraycopy(full, 0, g, 0, g.length - 1);
            return value;
        }).at(W0).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake(), r::report);
    }

    @Test
    void anObjectiveWithRandomnessInItsGradientIsNondeterministic() {
        LogisticRegression right = objective(LogisticRegression.Bug.NONE);
        java.util.Random random = new java.util.Random(2);
        CheckResult r = GradCheck.fused((w, g) -> {
            double value = right.valueAndGradient(w, g);
            g[2] += 1e-3 * random.nextGaussian();
            return value;
        }).at(W0).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
    }

    @Test
    void theGradientArrayGivenHoldsNonzeroValues() {
        boolean[] sawNonzero = {false};
        LogisticRegression right = objective(LogisticRegression.Bug.NONE);
        GradCheck.fused((w, g) -> {
            for (double v : g) {
                sawNonzero[0] |= v != 0;
            }
            return right.valueAndGradient(w, g);
        }).at(W0).check();
        assertTrue(sawNonzero[0]);
    }

    @Test
    void anObjectiveThatWritesIntoItsPointIsInputMutated() {
        LogisticRegression right = objective(LogisticRegression.Bug.NONE);
        CheckResult r = GradCheck.fused((w, g) -> {
            double value = right.valueAndGradient(w, g);
            w[0] -= 0.1 * g[0]; // a step taken inside the objective
            return value;
        }).at(W0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
    }

    @Test
    void anObjectiveThatAddsIntoTheGradientArrayIsGradientNotResetInParallelToo() {
        CheckResult r = GradCheck.fused(objective(LogisticRegression.Bug.ADDS_INTO_GRADIENT)::valueAndGradient)
                .parallel().at(W0).check();
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
    }

    @Test
    void anObjectiveThatThrowsIsThrew() {
        CheckResult r = GradCheck.fused((w, g) -> {
            throw new IllegalStateException("line search failed");
        }).at(W0).check();
        assertEquals(Status.THREW, r.status(), r::report);
    }

    @Test
    void aNullObjectiveOrPointIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.fused(null));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.fused(objective(LogisticRegression.Bug.NONE)::valueAndGradient).at(null));
    }
}
