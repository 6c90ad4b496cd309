package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.inverseTranspose;
import static io.github.gradcheck.testing.Matrices.logAbsDet;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scalar functions of one matrix: right gradients pass, wrong ones fail, at easy and hard points. */
class GradientCheckTest extends QuietTest {

    private static final DMatrixRMaj A = random(3, 3, 11);

    /** f(X) = tr(AX), ∇f = Aᵀ. */
    private static double traceAX(DMatrixRMaj x) {
        return CommonOps_DDRM.trace(mult(A, x));
    }

    @Test
    void rightGradientOfTraceAXPasses() {
        CheckResult r = GradCheck.scalar(GradientCheckTest::traceAX).gradient(x -> transpose(A)).at(random(3, 3, 1)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake());
        assertTrue(r.passed());
        assertTrue(r.maxRelError() < 1e-8, r::report);
    }

    @Test
    void transposedGradientOfTraceAXFails() {
        CheckResult r = GradCheck.scalar(GradientCheckTest::traceAX).gradient(x -> A.copy()).at(random(3, 3, 1)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertFalse(r.passed());
    }

    /** f(x) = ‖Ax − b‖², ∇f = 2Aᵀ(Ax − b); forgetting the 2 must fail. */
    @Test
    void leastSquaresGradientMissingItsFactorTwoFails() {
        DMatrixRMaj a = random(4, 3, 2);
        DMatrixRMaj b = random(4, 1, 3);
        ToDoubleFunction<DMatrixRMaj> f = x -> Matrices.sumOfSquares(Matrices.minus(mult(a, x), b));
        UnaryOperator<DMatrixRMaj> right = x -> scale(2, mult(transpose(a), Matrices.minus(mult(a, x), b)));
        UnaryOperator<DMatrixRMaj> half = x -> mult(transpose(a), Matrices.minus(mult(a, x), b));
        DMatrixRMaj x0 = random(3, 1, 4);
        assertEquals(Status.PASSED, GradCheck.scalar(f).gradient(right).at(x0).check().status());
        assertEquals(Status.MISMATCH, GradCheck.scalar(f).gradient(half).at(x0).check().status());
    }

    @Test
    void flippedSignFails() {
        CheckResult r = GradCheck.scalar(GradientCheckTest::traceAX).gradient(x -> scale(-1, transpose(A)))
                .at(random(3, 3, 1)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** A well-conditioned point: every entry 1% off, or a single entry 1% off, fails. */
    @Test
    void gradientOffByOnePercentFails() {
        ToDoubleFunction<DMatrixRMaj> f = GradientCheckTest::smooth;
        DMatrixRMaj x0 = random(3, 4, 5);
        assertEquals(Status.PASSED, GradCheck.scalar(f).gradient(GradientCheckTest::smoothGradient).at(x0).check().status());
        CheckResult all = GradCheck.scalar(f).gradient(x -> scale(1.01, smoothGradient(x))).at(x0).check();
        assertEquals(Status.MISMATCH, all.status(), all::report);
        CheckResult one = GradCheck.scalar(f).gradient(x -> {
            DMatrixRMaj g = smoothGradient(x);
            g.set(2, 1, g.get(2, 1) * 1.01);
            return g;
        }).at(x0).check();
        assertEquals(Status.MISMATCH, one.status(), one::report);
        assertEquals("(2, 1)", one.facts().get("worst entry"));
        assertEquals("1 of 12", one.facts().get("failed entries"));
    }

    /** f(X) = Σ sin(xᵢⱼ)·xᵢⱼ + (Σ xᵢⱼ)²/2, a smooth function with a dense gradient. */
    private static double smooth(DMatrixRMaj x) {
        double s = 0;
        double sum = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += Math.sin(x.data[i]) * x.data[i];
            sum += x.data[i];
        }
        return s + sum * sum / 2;
    }

    private static DMatrixRMaj smoothGradient(DMatrixRMaj x) {
        double sum = CommonOps_DDRM.elementSum(x);
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] = Math.cos(x.data[i]) * x.data[i] + Math.sin(x.data[i]) + sum;
        }
        return g;
    }

    /**
     * A gradient whose entries are all ~1e-6, off by a factor of 3: an absolute tolerance of 1e-5
     * (PyTorch's default atol) passes it; gradcheck's tolerance is relative to the derivative's
     * own scale and fails it.
     */
    @Test
    void tinyGradientOffByThreeFailsAlthoughAnAbsoluteToleranceWouldPassIt() {
        DMatrixRMaj w = random(3, 3, 6);
        ToDoubleFunction<DMatrixRMaj> f = x -> 1e-6 * smooth(x) + 1.0;
        UnaryOperator<DMatrixRMaj> right = x -> scale(1e-6, smoothGradient(x));
        UnaryOperator<DMatrixRMaj> wrong = x -> scale(3e-6, smoothGradient(x));
        assertEquals(Status.PASSED, GradCheck.scalar(f).gradient(right).at(w).check().status());
        CheckResult r = GradCheck.scalar(f).gradient(wrong).at(w).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        CheckResult absolute = GradCheck.scalar(f).gradient(wrong).tolerance(1e-3, 1e-5).at(w).check();
        assertEquals(Status.PASSED, absolute.status(), "an absolute tolerance of 1e-5 hides the error");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e6, 1e-3})
    void rightGradientPassesAndOnePercentOffFailsAtEntriesOfSize(double size) {
        DMatrixRMaj b = random(4, 3, 7);
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            DMatrixRMaj p = mult(x, b);
            double cubes = 0;
            for (int i = 0; i < p.getNumElements(); i++) {
                cubes += p.data[i] * p.data[i] * p.data[i];
            }
            return Math.exp(CommonOps_DDRM.trace(p) / size) + cubes;
        };
        UnaryOperator<DMatrixRMaj> gradient = x -> {
            DMatrixRMaj p = mult(x, b);
            DMatrixRMaj q = new DMatrixRMaj(p.numRows, p.numCols);
            for (int i = 0; i < p.getNumElements(); i++) {
                q.data[i] = 3 * p.data[i] * p.data[i];
            }
            double e = Math.exp(CommonOps_DDRM.trace(p) / size) / size;
            for (int i = 0; i < p.numRows; i++) {
                q.add(i, i, e);
            }
            return mult(q, transpose(b));
        };
        DMatrixRMaj x0 = random(3, 4, size, 8);
        CheckResult right = GradCheck.scalar(f).gradient(gradient).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.scalar(f).gradient(x -> scale(0.99, gradient.apply(x))).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /** f computed in float: its evaluation noise (~1e-7 relative) must not be taken for a mismatch. */
    @Test
    void functionComputedInFloatPassesWithItsRightGradientAndFailsWithAWrongOne() {
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            float s = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                float v = (float) x.data[i];
                s += (float) Math.exp(v) * v;
            }
            return s;
        };
        UnaryOperator<DMatrixRMaj> gradient = x -> {
            DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
            for (int i = 0; i < x.getNumElements(); i++) {
                float v = (float) x.data[i];
                g.data[i] = (float) Math.exp(v) * (1 + v);
            }
            return g;
        };
        for (long seed = 0; seed < 20; seed++) {
            DMatrixRMaj x0 = random(4, 5, seed);
            CheckResult right = GradCheck.scalar(f).gradient(gradient).at(x0).check();
            assertEquals(Status.PASSED, right.status(), right::report);
            CheckResult wrong = GradCheck.scalar(f).gradient(x -> scale(1.01, gradient.apply(x))).at(x0).check();
            assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        }
    }

    /** Float terms summed in double: not float-valued, but as noisy as float. */
    @Test
    void floatTermsSummedInDoublePass() {
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            double s = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                float v = (float) x.data[i];
                s += (float) Math.sin(v * v);
            }
            return s;
        };
        UnaryOperator<DMatrixRMaj> gradient = x -> {
            DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
            for (int i = 0; i < x.getNumElements(); i++) {
                float v = (float) x.data[i];
                g.data[i] = (float) (2 * v * Math.cos(v * v));
            }
            return g;
        };
        for (long seed = 0; seed < 20; seed++) {
            CheckResult r = GradCheck.scalar(f).gradient(gradient).at(random(5, 6, 2.0, seed)).check();
            assertEquals(Status.PASSED, r.status(), r::report);
        }
    }

    /** ∇ log|det X| = X⁻ᵀ, at condition numbers from 1 to 1e7. */
    @ParameterizedTest
    @ValueSource(doubles = {1, 1e3, 1e5, 1e7})
    void logDetPassesAtConditionNumber(double condition) {
        for (int n = 2; n <= 5; n++) {
            DMatrixRMaj x0 = Matrices.withCondition(n, condition, 100 + n);
            CheckResult r = GradCheck.scalar(Matrices::logAbsDet).gradient(Matrices::inverseTranspose).at(x0).check();
            assertEquals(Status.PASSED, r.status(), r::report);
        }
    }

    @Test
    void logDetWithXInverseInsteadOfItsTransposeFailsAtCondition1e7() {
        DMatrixRMaj x0 = Matrices.withCondition(3, 1e7, 103);
        CheckResult r = GradCheck.scalar(Matrices::logAbsDet).gradient(x -> transpose(inverseTranspose(x))).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        CheckResult offByOnePercent = GradCheck.scalar(Matrices::logAbsDet)
                .gradient(x -> scale(1.01, inverseTranspose(x))).at(x0).check();
        assertEquals(Status.MISMATCH, offByOnePercent.status(), offByOnePercent::report);
    }

    /**
     * Σ relu(X) at entries exactly 0 and within 1e-7 of 0: the usual gradient (1 where x > 0) is
     * a subgradient at the kinks and must pass, with a note.
     */
    @Test
    void reluGradientPassesWithEntriesAtAndNearZero() {
        DMatrixRMaj x0 = Matrices.of(new double[][] {{0, 1e-7, -1e-7}, {1e-8, -2, 0.5}, {-0.0, 3e-8, -1e-9}});
        CheckResult r = GradCheck.scalar(Matrices::sumRelu).gradient(Matrices::reluGradient).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertTrue(r.facts().get("note").contains("one-sided slopes"), r::report);
    }

    @Test
    void anySubgradientPassesAtAKinkButAValueOutsideTheSlopesIsNotDifferentiable() {
        DMatrixRMaj x0 = Matrices.of(new double[][] {{0, 1.5}, {-0.5, 2}});
        UnaryOperator<DMatrixRMaj> half = x -> {
            DMatrixRMaj g = Matrices.reluGradient(x);
            g.set(0, 0, 0.5);
            return g;
        };
        assertEquals(Status.PASSED, GradCheck.scalar(Matrices::sumRelu).gradient(half).at(x0).check().status());
        UnaryOperator<DMatrixRMaj> two = x -> {
            DMatrixRMaj g = Matrices.reluGradient(x);
            g.set(0, 0, 2);
            return g;
        };
        CheckResult r = GradCheck.scalar(Matrices::sumRelu).gradient(two).at(x0).check();
        assertEquals(Status.NOT_DIFFERENTIABLE, r.status(), r::report);
        assertEquals(Mistake.NONE, r.mistake());
        assertEquals("(0, 0)", r.facts().get("worst entry"));
        assertTrue(r.facts().get("numeric").startsWith("between 0 and 1"), r::report);
    }

    /** |x| at 0: the slopes are −1 and 1, so 0 is a subgradient and 1.5 is not. */
    @Test
    void absoluteValueAtZero() {
        ToDoubleFunction<DMatrixRMaj> f = x -> Math.abs(x.get(0, 0)) + x.get(0, 1) * x.get(0, 1);
        DMatrixRMaj x0 = Matrices.of(new double[][] {{0, 0.7}});
        UnaryOperator<DMatrixRMaj> zero = x -> Matrices.of(new double[][] {{0, 2 * x.get(0, 1)}});
        UnaryOperator<DMatrixRMaj> tooBig = x -> Matrices.of(new double[][] {{1.5, 2 * x.get(0, 1)}});
        assertEquals(Status.PASSED, GradCheck.scalar(f).gradient(zero).at(x0).check().status());
        assertEquals(Status.NOT_DIFFERENTIABLE, GradCheck.scalar(f).gradient(tooBig).at(x0).check().status());
    }

    /**
     * A deterministic function whose values carry erratic noise of 1e-3: finite differences cannot
     * resolve its derivative, so neither the right nor a wrong gradient may pass or mismatch.
     */
    @Test
    void tooNoisyFunctionIsNeitherPassedNorMismatched() {
        ToDoubleFunction<DMatrixRMaj> f = x -> Matrices.sumOfSquares(x) + 1e-3 * hashNoise(x);
        DMatrixRMaj x0 = random(3, 3, 9);
        for (double factor : new double[] {1.0, 3.0}) {
            CheckResult r = GradCheck.scalar(f).gradient(x -> scale(2 * factor, x)).at(x0).check();
            assertEquals(Status.INCONCLUSIVE, r.status(), r::report);
        }
    }

    /** A value in [−1, 1] that changes erratically with every bit of the input. */
    private static double hashNoise(DMatrixRMaj x) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < x.getNumElements(); i++) {
            h = (h ^ Double.doubleToLongBits(x.data[i])) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (h >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    @Test
    void evaluationsCountsTheCallsOfF() {
        AtomicLong calls = new AtomicLong();
        CheckResult r = GradCheck.scalar(x -> {
            calls.incrementAndGet();
            return traceAX(x);
        }).gradient(x -> transpose(A)).at(random(3, 3, 1)).check();
        assertEquals(calls.get(), r.evaluations());
        assertEquals(Long.toString(calls.get()), r.facts().get("evaluations"));
    }
}
