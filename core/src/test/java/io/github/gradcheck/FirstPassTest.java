package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * FULL mode's first pass, seen from outside: a smooth check costs two evaluations an entry and a
 * fixed calibration, and what the first pass decides can hide no error the refined differences
 * would find: one entry just beyond the tolerance in a large matrix, a kink beside the point, a
 * coordinate far more curved than the others.
 */
class FirstPassTest extends QuietTest {

    private static final double RTOL = 1e-5;

    private static DMatrixRMaj twice(DMatrixRMaj x) {
        return Matrices.scale(2, x);
    }

    private static DMatrixRMaj map(DMatrixRMaj x, java.util.function.DoubleUnaryOperator op) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            y.data[i] = op.applyAsDouble(x.data[i]);
        }
        return y;
    }

    private static DMatrixRMaj random(int rows, int cols, double low, double high, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = low + (high - low) * random.nextDouble();
        }
        return m;
    }

    @Test
    void aSmoothGradientCheckCostsTwoEvaluationsAnEntryAndSixteen() {
        Random random = new Random(1);
        DMatrixRMaj a = random(4, 3, -1, 1, random);
        DMatrixRMaj x0 = random(5, 4, -1, 1, random);
        DMatrixRMaj aat = mult(a, Matrices.transpose(a));
        CheckResult r = GradCheck.scalar(x -> Matrices.sumOfSquares(mult(x, a)))
                .gradient(x -> Matrices.scale(2, mult(x, aat))).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertTrue(r.evaluations() <= 2 * 20 + 16, r::report);
        CheckResult wrong = GradCheck.scalar(x -> Matrices.sumOfSquares(mult(x, a)))
                .gradient(x -> Matrices.scale(2.02, mult(x, aat))).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
    }

    @Test
    void aSmoothJvpCheckCostsTwoEvaluationsAColumnInParallelToo() {
        Random random = new Random(2);
        DMatrixRMaj a = random(3, 3, -1, 1, random);
        DMatrixRMaj b = random(4, 4, -1, 1, random);
        DMatrixRMaj x0 = random(3, 4, -1, 1, random);
        UnaryOperator<DMatrixRMaj> f = x -> map(mult(mult(a, x), b), Math::sin);
        java.util.function.BinaryOperator<DMatrixRMaj> jvp = (x, h) -> {
            DMatrixRMaj c = map(mult(mult(a, x), b), Math::cos);
            DMatrixRMaj d = mult(mult(a, h), b);
            for (int i = 0; i < d.getNumElements(); i++) {
                d.data[i] *= c.data[i];
            }
            return d;
        };
        CheckResult sequential = GradCheck.matrix(f).jvp(jvp).at(x0).check();
        CheckResult parallel = GradCheck.matrix(f).jvp(jvp).parallel().at(x0).check();
        assertEquals(Status.PASSED, sequential.status(), sequential::report);
        assertEquals(Status.PASSED, parallel.status(), parallel::report);
        assertTrue(sequential.evaluations() <= 2 * 12 + 24, sequential::report);
        assertEquals(sequential.evaluations(), parallel.evaluations());
    }

    /** Σ log cosh(XA) on 40×40 and its gradient tanh(XA)·Aᵀ, with entry (17, 23) moved by {@code off}. */
    private static CheckResult logCoshWithOneEntryOff(double timesTheTolerance) {
        Random random = new Random(5);
        int n = 40;
        DMatrixRMaj a = random(n, n, -1, 1, random);
        DMatrixRMaj x0 = random(n, n, -1, 1, random);
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            DMatrixRMaj y = mult(x, a);
            double s = 0;
            for (int i = 0; i < y.getNumElements(); i++) {
                s += Math.log(Math.cosh(y.data[i]));
            }
            return s;
        };
        UnaryOperator<DMatrixRMaj> gradient = x -> {
            DMatrixRMaj g = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(map(mult(x, a), Math::tanh), a, g);
            return g;
        };
        double scale = CommonOps_DDRM.elementMaxAbs(gradient.apply(x0));
        return GradCheck.scalar(f).gradient(x -> {
            DMatrixRMaj g = gradient.apply(x);
            g.data[17 * n + 23] += timesTheTolerance * RTOL * scale;
            return g;
        }).at(x0).check();
    }

    @Test
    void anErrorJustBeyondTheToleranceOnOneEntryOfALargeMatrixIsFound() {
        CheckResult r = logCoshWithOneEntryOff(1.5);
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("(17, 23)", r.facts().get("worst entry"), r::report);
        assertEquals("1 of 1600", r.facts().get("failed entries"), r::report);
    }

    @Test
    void anErrorWithinTheToleranceOnOneEntryOfALargeMatrixPassesOnTheFirstPass() {
        CheckResult r = logCoshWithOneEntryOff(0.5);
        assertEquals(Status.PASSED, r.status(), r::report);
        // the first pass decided every entry: no coordinate was refined
        assertTrue(r.evaluations() <= 2 * 1600 + 24, r::report);
    }

    /** ‖X‖² + J·|X(1, 1) − c| with the kink c a nanometre from the point's X(1, 1). */
    private static CheckResult kinkBesideThePoint(double kink, double offTheSlope) {
        Random random = new Random(3);
        DMatrixRMaj x0 = random(3, 3, -1, 1, random);
        int k = 4;
        double c = x0.data[k] + 1e-9;
        return GradCheck.scalar(x -> Matrices.sumOfSquares(x) + kink * Math.abs(x.data[k] - c)).gradient(x -> {
            DMatrixRMaj g = twice(x);
            g.data[k] += kink * Math.signum(x.data[k] - c) + offTheSlope;
            return g;
        }).at(x0).check();
    }

    @Test
    void aKinkBesideThePointPassesWithTheSlopeOnThePointsSide() {
        assertEquals(Status.PASSED, kinkBesideThePoint(4e-5, 0).status());
        assertEquals(Status.PASSED, kinkBesideThePoint(1, 0).status());
    }

    @Test
    void aKinkBesideThePointFailsWithAValueBeyondItsSlopes() {
        // a small kink (twice the tolerance): the other side's slope is an error the check sees
        CheckResult small = kinkBesideThePoint(4e-5, 2 * 4e-5);
        assertEquals(Status.MISMATCH, small.status(), small::report);
        assertEquals("(1, 1)", small.facts().get("worst entry"), small::report);
        // a large one: the analytic value outside both slopes is not a derivative there
        CheckResult large = kinkBesideThePoint(1, 3);
        assertEquals(Status.NOT_DIFFERENTIABLE, large.status(), large::report);
        assertEquals("(1, 1)", large.facts().get("worst entry"), large::report);
    }

    /** Σ x² + 1e-4·sin(1e4·X(0, 0)) at X(0, 0) = 0: a third derivative of 1e8 there, none elsewhere. */
    private static CheckResult curvedCoordinate(double cosine, double offTheTolerance) {
        Random random = new Random(3);
        DMatrixRMaj x0 = random(4, 4, -300, 300, random);
        x0.data[0] = 0;
        UnaryOperator<DMatrixRMaj> right = x -> {
            DMatrixRMaj g = twice(x);
            g.data[0] += cosine * Math.cos(1e4 * x.data[0]);
            return g;
        };
        double scale = CommonOps_DDRM.elementMaxAbs(right.apply(x0));
        return GradCheck.scalar(x -> Matrices.sumOfSquares(x) + 1e-4 * Math.sin(1e4 * x.data[0])).gradient(x -> {
            DMatrixRMaj g = right.apply(x);
            g.data[0] += offTheTolerance * RTOL * scale;
            return g;
        }).at(x0).check();
    }

    @Test
    void aCoordinateCurvedFarMoreThanTheOthersIsCheckedAsPrecisely() {
        assertEquals(Status.PASSED, curvedCoordinate(1, 0).status());
        CheckResult missing = curvedCoordinate(0, 0);
        assertEquals(Status.MISMATCH, missing.status(), missing::report);
        assertEquals("(0, 0)", missing.facts().get("worst entry"), missing::report);
        CheckResult justBeyond = curvedCoordinate(1, 1.5);
        assertEquals(Status.MISMATCH, justBeyond.status(), justBeyond::report);
        assertEquals("1 of 16", justBeyond.facts().get("failed entries"), justBeyond::report);
    }
}
