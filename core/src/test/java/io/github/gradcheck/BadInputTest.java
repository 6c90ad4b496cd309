package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets its own status, never a false mismatch and never a false pass: every Status is
 * produced here, with the facts that say which function and which entry.
 */
class BadInputTest extends QuietTest {

    private static final DMatrixRMaj X0 = random(2, 3, 1);

    private static double sumOfSquares(DMatrixRMaj x) {
        return Matrices.sumOfSquares(x);
    }

    private static DMatrixRMaj twice(DMatrixRMaj x) {
        return scale(2, x);
    }

    @Test
    void passedIsAStatusToo() {
        assertEquals(Status.PASSED, GradCheck.scalar(BadInputTest::sumOfSquares).gradient(BadInputTest::twice).at(X0)
                .check().status());
    }

    @Test
    void fNotFiniteAtThePointIsNonFinite() {
        CheckResult r = GradCheck.scalar(x -> Math.log(x.get(0, 0) - 5)).gradient(x -> x).at(X0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertEquals("f", r.facts().get("function"));
        assertEquals("NaN", r.facts().get("value"));
        assertEquals(Mistake.NONE, r.mistake());
    }

    @Test
    void matrixFunctionInfiniteAtAnEntryIsNonFiniteAndNamesTheEntry() {
        CheckResult r = GradCheck.matrix(x -> {
            DMatrixRMaj y = x.copy();
            y.set(1, 2, Double.POSITIVE_INFINITY);
            return y;
        }).jvp((x, h) -> h).at(X0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertEquals("the point at (1, 2)", r.facts().get("at"));
    }

    @Test
    void gradientNotFiniteIsNonFiniteAndNamesTheEntry() {
        CheckResult r = GradCheck.scalar(BadInputTest::sumOfSquares).gradient(x -> {
            DMatrixRMaj g = twice(x);
            g.set(0, 1, Double.NaN);
            return g;
        }).at(X0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertEquals("gradient", r.facts().get("function"));
        assertEquals("(0, 1)", r.facts().get("entry"));
    }

    @Test
    void jvpNotFiniteIsNonFiniteAndNamesTheDirection() {
        CheckResult r = GradCheck.matrix(BadInputTest::twice).jvp((x, h) -> {
            DMatrixRMaj d = scale(2, h);
            if (h.get(1, 0) == 1) {
                d.set(1, 0, Double.NaN);
            }
            return d;
        }).at(X0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertEquals("jvp", r.facts().get("function"));
        assertEquals("the point for H = E(1, 0)", r.facts().get("at"));
    }

    /** √x at x = 0: f is finite at the point but NaN at every step to the left. */
    @Test
    void fUndefinedArbitrarilyCloseToThePointIsNonFinite() {
        DMatrixRMaj x0 = Matrices.of(new double[][] {{1, 0}, {2, 3}});
        CheckResult r = GradCheck.scalar(x -> {
            double s = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                s += Math.sqrt(x.data[i]);
            }
            return s;
        }).gradient(x -> x).at(x0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertEquals("X(0, 1)", r.facts().get("along"));
    }

    @Test
    void fThrowingIsThrewWithTheExceptionAsCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        CheckResult r = GradCheck.scalar(x -> {
            throw boom;
        }).gradient(x -> x).at(X0).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertSame(boom, r.cause().orElseThrow());
        assertEquals("f", r.facts().get("function"));
        assertEquals("java.lang.IllegalStateException: boom", r.facts().get("exception"));
        GradientMismatchError error = org.junit.jupiter.api.Assertions.assertThrows(GradientMismatchError.class,
                () -> GradCheck.scalar(x -> {
                    throw boom;
                }).gradient(x -> x).at(X0).assertPasses());
        assertSame(boom, error.getCause());
    }

    @Test
    void gradientThrowingIsThrewNamingTheGradient() {
        CheckResult r = GradCheck.scalarOf(in -> sumOfSquares(in.get("W")))
                .gradient("W", in -> {
                    throw new UnsupportedOperationException("not yet");
                }).at(Inputs.of("W", X0)).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertEquals("gradient for W", r.facts().get("function"));
    }

    @Test
    void fThrowingNearThePointSaysWhere() {
        CheckResult r = GradCheck.scalar(x -> {
            if (x.get(1, 1) > X0.get(1, 1)) {
                throw new ArithmeticException("outside my domain");
            }
            return sumOfSquares(x);
        }).gradient(BadInputTest::twice).at(X0).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertTrue(r.facts().get("at").startsWith("near the point"), r::report);
    }

    @Test
    void gradientOfTheWrongShapeIsAShapeMismatchNamingBothShapes() {
        CheckResult r = GradCheck.scalar(BadInputTest::sumOfSquares).gradient(x -> new DMatrixRMaj(4, 1)).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient is 4×1 but input X is 2×3", r.facts().get("shapes"));
    }

    @Test
    void gradientOfTheTransposedShapeIsAShapeMismatch() {
        CheckResult r = GradCheck.scalar(BadInputTest::sumOfSquares).gradient(x -> transpose(twice(x))).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient is 3×2 but input X is 2×3", r.facts().get("shapes"));
    }

    @Test
    void jacobianOfTheWrongShapeIsAShapeMismatch() {
        CheckResult r = GradCheck.matrix(BadInputTest::twice).jacobian(x -> new DMatrixRMaj(6, 5)).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertTrue(r.facts().get("shapes").startsWith("Jacobian is 6×5 but it must be 6×6"), r::report);
    }

    @Test
    void vjpOfTheWrongShapeIsAShapeMismatch() {
        CheckResult r = GradCheck.matrix(BadInputTest::twice).vjp((x, g) -> transpose(g)).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("vjp is 3×2 but input X is 2×3", r.facts().get("shapes"));
    }

    @Test
    void matrixFunctionChangingShapeIsAShapeMismatch() {
        CheckResult r = GradCheck.matrix(x -> x.get(0, 0) > X0.get(0, 0) ? new DMatrixRMaj(1, 1) : x.copy())
                .jvp((x, h) -> h).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake());
    }

    @Test
    void derivativeReturningNullIsAShapeMismatch() {
        CheckResult r = GradCheck.scalar(BadInputTest::sumOfSquares).gradient(x -> null).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient returned null instead of a matrix", r.facts().get("shapes"));
    }

    @Test
    void fModifyingItsInputIsInputMutated() {
        CheckResult r = GradCheck.scalar(x -> {
            x.set(1, 0, 0);
            return sumOfSquares(x);
        }).gradient(BadInputTest::twice).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("f", r.facts().get("function"));
        assertEquals("(1, 0)", r.facts().get("entry"));
    }

    @Test
    void gradientModifyingItsInputIsInputMutatedNamingTheInput() {
        CheckResult r = GradCheck.scalarOf(in -> sumOfSquares(in.get("W")) + sumOfSquares(in.get("V")))
                .gradient("W", in -> {
                    DMatrixRMaj v = in.get("V");
                    v.set(0, 0, v.get(0, 0) + 1);
                    return twice(in.get("W"));
                }).at(Inputs.of("W", X0, "V", random(2, 2, 3))).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("gradient for W", r.facts().get("function"));
        assertEquals("V (2×2)", r.facts().get("argument"));
    }

    @Test
    void jvpModifyingItsDirectionIsInputMutated() {
        CheckResult r = GradCheck.matrix(BadInputTest::twice).jvp((x, h) -> {
            h.set(0, 0, 7);
            return scale(2, h);
        }).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("H (2×3)", r.facts().get("argument"));
    }

    @Test
    void vjpModifyingItsDirectionIsInputMutated() {
        CheckResult r = GradCheck.matrix(BadInputTest::twice).vjp((x, g) -> {
            org.ejml.dense.row.CommonOps_DDRM.scale(2, g);
            return g;
        }).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("G (2×3)", r.facts().get("argument"));
    }

    @Test
    void fReshapingItsInputIsInputMutated() {
        CheckResult r = GradCheck.scalar(x -> {
            x.reshape(3, 2);
            return 1.0;
        }).gradient(x -> new DMatrixRMaj(2, 3)).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
    }

    @Test
    void fWithHiddenRandomnessIsNondeterministic() {
        Random random = new Random(5);
        CheckResult r = GradCheck.scalar(x -> sumOfSquares(x) * (1 + 0.01 * random.nextGaussian()))
                .gradient(BadInputTest::twice).at(X0).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake());
    }

    /** Even noise far below 1% makes f nondeterministic: it would hide wrong gradients. */
    @Test
    void fWithTinyHiddenRandomnessIsNondeterministic() {
        Random random = new Random(6);
        CheckResult r = GradCheck.scalar(x -> sumOfSquares(x) + 1e-9 * random.nextGaussian())
                .gradient(BadInputTest::twice).at(X0).check();
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
    }

    @Test
    void aWrongGradientAtAKinkIsNotDifferentiableNotMismatch() {
        CheckResult r = GradCheck.scalar(Matrices::sumRelu).gradient(x -> Matrices.of(new double[][] {{-1, -1}, {-1, -1}}))
                .at(Matrices.of(new double[][] {{0, 0}, {0, 0}})).check();
        assertEquals(Status.NOT_DIFFERENTIABLE, r.status(), r::report);
    }

    @Test
    void assertPassesThrowsAnAssertionErrorWhoseMessageIsTheReport() {
        GradientMismatchError error = org.junit.jupiter.api.Assertions.assertThrows(GradientMismatchError.class,
                () -> GradCheck.scalar(BadInputTest::sumOfSquares).gradient(x -> x.copy()).at(X0).assertPasses());
        assertTrue(error instanceof AssertionError);
        assertEquals(error.result().report(), error.getMessage());
        assertEquals(Status.MISMATCH, error.result().status());
    }

    @Test
    void mutatingTheResultOfMatrixMultInsideFIsFine() {
        CheckResult r = GradCheck.matrix(x -> {
            DMatrixRMaj y = mult(x, transpose(x));
            y.set(0, 0, 0);
            return y;
        }).vjp((x, g) -> {
            DMatrixRMaj gg = g.copy();
            gg.set(0, 0, 0);
            return mult(Matrices.plus(gg, transpose(gg)), x);
        }).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }
}
