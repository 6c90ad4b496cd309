package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random trials of the array checks over {@code Domain.dims("n=1..8").input("x", "n", 1, …)}: right
 * derivatives pass; a wrong one fails and shrinks to the smallest n where it is wrong.
 */
class ArrayTrialsTest extends QuietTest {

    private static final Domain VECTORS = Domain.dims("n=1..8").input("x", "n", 1, Structure.GAUSSIAN);

    private static Counterexample counterexample(TrialsResult r) {
        assertFalse(r.passed(), r::report);
        return r.counterexample().orElseThrow(() -> new AssertionError(r.report()));
    }

    /** ‖x‖ = √(Σ xᵢ²). */
    private static double norm(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** x / ‖x‖. */
    private static double[] normGradient(double[] x) {
        return Vectors.scaled(x, 1 / norm(x));
    }

    /** sign(x): the gradient of |x| in one dimension, wrong in more. */
    private static double[] signs(double[] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = Math.signum(x[i]);
        }
        return s;
    }

    @Test
    void vectorTrialsOfARightGradientPass() {
        TrialsResult r = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax).forAll(VECTORS).trials(50)
                .run();
        assertTrue(r.passed(), r::report);
        assertEquals(50, r.trials());
    }

    @Test
    void vectorTrialsOfAGradientRightOnlyInOneDimensionShrinkToTwo() {
        Counterexample c = counterexample(GradCheck.vector(ArrayTrialsTest::norm).gradient(ArrayTrialsTest::signs)
                .forAll(VECTORS).trials(50).run());
        assertEquals(Map.of("n", 2), c.dims(), c.result()::report);
        assertEquals(Status.MISMATCH, c.result().status(), c.result()::report);
        assertEquals(2, c.inputs().get("x").numRows);
        assertEquals(1, c.inputs().get("x").numCols);
    }

    @Test
    void vectorTrialsOfTheNormGradientPass() {
        TrialsResult r = GradCheck.vector(ArrayTrialsTest::norm).gradient(ArrayTrialsTest::normGradient)
                .forAll(VECTORS).trials(50).run();
        assertTrue(r.passed(), r::report);
    }

    @Test
    void fusedTrialsOfARightObjectivePass() {
        TrialsResult r = GradCheck.fused((x, g) -> {
            double value = Vectors.logSumExp(x);
            System.arraycopy(Vectors.softmax(x), 0, g, 0, g.length);
            return value;
        }).forAll(VECTORS).trials(50).run();
        assertTrue(r.passed(), r::report);
    }

    @Test
    void fusedTrialsOfAWrongScaleShrinkToOneWithTheirMistake() {
        Counterexample c = counterexample(GradCheck.fused((x, g) -> {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * x[i];
                g[i] = 3 * x[i];
            }
            return sum;
        }).forAll(VECTORS).trials(50).run());
        assertEquals(Map.of("n", 1), c.dims(), c.result()::report);
        assertEquals(Mistake.WRONG_SCALE, c.result().mistake(), c.result()::report);
        assertEquals(1.5, c.result().scaleFactor().orElseThrow(), 1e-6, c.result()::report);
    }

    @Test
    void fusedTrialsOfAnObjectiveThatAddsIntoItsGradientShrinkToOne() {
        Counterexample c = counterexample(GradCheck.fused((x, g) -> {
            double value = Vectors.logSumExp(x);
            double[] s = Vectors.softmax(x);
            for (int i = 0; i < g.length; i++) {
                g[i] += s[i];
            }
            return value;
        }).forAll(VECTORS).trials(50).run());
        assertEquals(Map.of("n", 1), c.dims(), c.result()::report);
        assertEquals(Mistake.GRADIENT_NOT_RESET, c.result().mistake(), c.result()::report);
    }

    @Test
    void floatVectorTrialsOfARightGradientPass() {
        TrialsResult r = GradCheck.floatVector(ArrayTrialsTest::floatSquares).gradient(x -> floatTimes(x, 2))
                .forAll(VECTORS).trials(50).run();
        assertTrue(r.passed(), r::report);
    }

    @Test
    void floatVectorTrialsOfAWrongSignShrinkToOne() {
        Counterexample c = counterexample(GradCheck.floatVector(ArrayTrialsTest::floatSquares)
                .gradient(x -> floatTimes(x, -2)).forAll(VECTORS).trials(50).run());
        assertEquals(Map.of("n", 1), c.dims(), c.result()::report);
        assertEquals(Mistake.WRONG_SIGN, c.result().mistake(), c.result()::report);
    }

    @Test
    void vectorMapTrialsOfSoftmaxDifferentiatedAsIfElementwiseShrinkToTwo() {
        Counterexample c = counterexample(GradCheck.vectorMap(Vectors::softmax)
                .jacobian(Vectors::softmaxJacobianAsIfElementwise).forAll(VECTORS).trials(50).run());
        assertEquals(Map.of("n", 2), c.dims(), c.result()::report);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, c.result().mistake(), c.result()::report);
    }

    /** Σ xᵢ², summed in float. */
    private static double floatSquares(float[] x) {
        float sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return sum;
    }

    private static float[] floatTimes(float[] x, float c) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = c * x[i];
        }
        return out;
    }
}
