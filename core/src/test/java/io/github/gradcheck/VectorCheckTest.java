package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.Vectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Scalar functions of a {@code double[]} with a {@code double[]} gradient. */
class VectorCheckTest extends QuietTest {

    private static final double[] X0 = {0.5, -1, 2};

    @Test
    void softmaxIsTheGradientOfLogSumExp() {
        CheckResult r = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("x (3×1)", r.facts().get("input"), r::report);
    }

    @Test
    void leastSquaresGradientPasses() {
        CheckResult r = GradCheck.vector(Vectors::leastSquares).gradient(x -> Vectors.leastSquaresGradient(x, 1))
                .at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** The 2 of the square forgotten: Aᵀ(Ax − b). */
    @Test
    void leastSquaresGradientWithoutItsTwoIsWrongScaleOneHalf() {
        CheckResult r = GradCheck.vector(Vectors::leastSquares).gradient(x -> Vectors.leastSquaresGradient(x, 0.5))
                .at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(0.5, r.scaleFactor().orElseThrow(), 1e-6, r::report);
    }

    @Test
    void leastSquaresGradientOfTheWrongSignIsWrongSign() {
        CheckResult r = GradCheck.vector(Vectors::leastSquares).gradient(x -> Vectors.leastSquaresGradient(x, -1))
                .at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void aFunctionThatWritesIntoItsArgumentIsInputMutated() {
        CheckResult r = GradCheck.vector(x -> {
            x[1] = Math.abs(x[1]); // "clamping" in place
            return Vectors.logSumExp(x);
        }).gradient(Vectors::softmax).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("f", r.facts().get("function"), r::report);
        assertEquals("(1, 0)", r.facts().get("entry"), r::report);
    }

    @Test
    void aGradientThatWritesIntoItsArgumentIsInputMutated() {
        CheckResult r = GradCheck.vector(Vectors::logSumExp).gradient(x -> {
            double[] s = Vectors.softmax(x);
            System.arraycopy(s, 0, x, 0, s.length); // reuses its argument as the output buffer
            return x;
        }).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("gradient", r.facts().get("function"), r::report);
    }

    @Test
    void aGradientOfAnotherLengthIsAShapeMismatchNamingBoth() {
        CheckResult r = GradCheck.vector(Vectors::logSumExp).gradient(x -> Arrays.copyOf(Vectors.softmax(x), 2))
                .at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient is 2×1 but input x is 3×1", r.facts().get("shapes"), r::report);
    }

    @Test
    void aNullGradientIsAShapeMismatch() {
        CheckResult r = GradCheck.vector(Vectors::logSumExp).gradient(x -> null).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
    }

    /** A gradient that returns the same array every time (a reused buffer) is read at once. */
    @Test
    void aReusedGradientBufferIsReadAtOnce() {
        double[] buffer = new double[X0.length];
        CheckResult r = GradCheck.vector(Vectors::logSumExp).gradient(x -> {
            System.arraycopy(Vectors.softmax(x), 0, buffer, 0, buffer.length);
            return buffer;
        }).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        Arrays.fill(buffer, 99);
        assertArrayEquals(Vectors.softmax(X0), r.analytic().get("x").data, 1e-15);
    }

    @Test
    void aParallelCheckGivesTheSequentialResult() {
        double[] x = new java.util.Random(3).doubles(40).toArray();
        CheckResult sequential = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax).at(x).check();
        CheckResult parallel = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax).parallel().at(x).check();
        assertEquals(Status.PASSED, parallel.status(), parallel::report);
        assertEquals(sequential.maxAbsError(), parallel.maxAbsError(), 0);
        assertEquals(sequential.evaluations(), parallel.evaluations());
    }

    @Test
    void thePointIsCopiedAndNeverModified() {
        double[] x = X0.clone();
        PointCheck check = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax).at(x);
        x[0] = 100;
        CheckResult r = check.check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertArrayEquals(Vectors.softmax(X0), r.analytic().get("x").data, 1e-15);
        assertArrayEquals(new double[] {100, -1, 2}, x, 0);
    }

    @Test
    void anEmptyNullOrNonFinitePointIsRejected() {
        VectorCheck check = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax);
        assertThrows(IllegalArgumentException.class, () -> check.at(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> check.at(null));
        assertThrows(IllegalArgumentException.class, () -> check.at(new double[] {1, Double.NaN}));
        assertThrows(IllegalStateException.class, () -> GradCheck.vector(Vectors::logSumExp).at(X0));
    }

    @Test
    void forAllNeedsADomainOfOneColumn() {
        VectorCheck check = GradCheck.vector(Vectors::logSumExp).gradient(Vectors::softmax);
        assertThrows(IllegalArgumentException.class,
                () -> check.forAll(Domain.dims("n=1..4").input("x", "n", "n", Structure.GAUSSIAN)));
        assertThrows(IllegalArgumentException.class, () -> check.forAll(Domain.dims("n=1..4")
                .input("x", "n", 1, Structure.GAUSSIAN).input("y", "n", 1, Structure.GAUSSIAN)));
    }
}
