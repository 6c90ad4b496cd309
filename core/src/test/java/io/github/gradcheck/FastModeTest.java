package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * FAST mode: random signed Gaussian probes, a cost independent of the input's size; AUTO picks
 * it above {@value Mode#AUTO_LIMIT} coordinates. Right derivatives pass, wrong ones fail.
 */
class FastModeTest extends QuietTest {

    /** f(X) = Σ log cosh(Xᵢⱼ) + Σ sin(Xᵢⱼ)·Xᵢⱼ, ∇f = tanh(X) + cos(X)⊙X + sin(X). */
    private static double smooth(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            s += Math.log(Math.cosh(v)) + Math.sin(v) * v;
        }
        return s;
    }

    private static DMatrixRMaj smoothGradient(DMatrixRMaj x) {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            g.data[i] = Math.tanh(v) + Math.cos(v) * v + Math.sin(v);
        }
        return g;
    }

    @Test
    void autoChoosesFastAboveTheLimitAndARightGradientPasses() {
        DMatrixRMaj x0 = random(60, 60, 1);
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FAST, r.mode(), r::report);
        assertTrue(r.facts().get("mode").startsWith("FAST (AUTO: 3600 coordinates > 2000"), r::report);
        assertTrue(r.evaluations() <= 2 * 5 + 8, r::report);
        assertTrue(r.headline().contains("along 5 random directions"), r::report);
    }

    @Test
    void autoStaysFullUpToTheLimit() {
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient)
                .at(random(40, 50, 2)).check();
        assertEquals(Mode.FULL, r.mode(), r::report);
    }

    /**
     * The cost does not grow with the input: 2k + 4 evaluations, 2k + 8 when the noise of f (a
     * sum of a million terms rounds more) calls for a larger step; a million entries or 3600.
     */
    @Test
    void evaluationsDoNotGrowWithTheInput() {
        CheckResult small = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient)
                .mode(Mode.FAST).at(random(60, 60, 3)).check();
        CheckResult large = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient)
                .mode(Mode.FAST).at(random(1000, 1000, 4)).check();
        assertEquals(Status.PASSED, large.status(), large::report);
        assertTrue(small.evaluations() <= 2 * 5 + 8, small::report);
        assertTrue(large.evaluations() <= 2 * 5 + 8, large::report);
    }

    @Test
    void aFactorOfTwoIsCaughtAndNamed() {
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(x -> scale(2, smoothGradient(x)))
                .at(random(60, 60, 5)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-4);
    }

    @Test
    void aFlippedSignIsCaughtAndNamed() {
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(x -> scale(-1, smoothGradient(x)))
                .at(random(60, 60, 6)).check();
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    /** tr(AX) has the gradient Aᵀ; A itself is the transposed one. */
    @Test
    void aTransposedGradientIsCaughtAndNamed() {
        DMatrixRMaj a = random(50, 50, 7);
        CheckResult r = GradCheck.scalar(x -> CommonOps_DDRM.trace(mult(a, x))).gradient(x -> a.copy())
                .at(random(50, 50, 8)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
    }

    /** One wrong entry among 3600: ⟨E, V⟩ is then that entry's error times a standard normal. */
    @Test
    void aSingleWrongEntryIsCaught() {
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(x -> {
            DMatrixRMaj g = smoothGradient(x);
            g.data[1234] += 0.5;
            return g;
        }).at(random(60, 60, 9)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertTrue(r.facts().get("failed probes").matches("\\d+ of 5"), r::report);
    }

    /**
     * The guarantee at its threshold, for its worst case (one wrong entry, so that ⟨E, V⟩ is a
     * single normal variable): an error whose size along the directions is 60 times the
     * tolerance is caught under every seed, and one the size of the tolerance passes under some.
     * f = ½‖X‖² has exact central differences, so the tolerance is atol (widened by rounding only).
     */
    @Test
    void anErrorSixtyTimesTheToleranceIsCaughtUnderEverySeedAndOneTimesItIsNot() {
        DMatrixRMaj x0 = random(60, 60, 32);
        double atol = 1e-4;
        int entry = 1234;
        double rms = Math.sqrt(CommonOps_DDRM.elementSumAbs(elementSquare(x0)) / x0.getNumElements());
        double weight = Math.max(Math.abs(x0.data[entry]), rms); // the direction's scale at the entry
        int caughtAtSixty = 0;
        int caughtAtOne = 0;
        int seeds = 100;
        for (long seed = 0; seed < seeds; seed++) {
            caughtAtSixty += wrongEntry(x0, entry, 1.02 * 60 * atol / weight, atol, seed) ? 1 : 0;
            caughtAtOne += wrongEntry(x0, entry, atol / weight, atol, seed) ? 1 : 0;
        }
        assertEquals(seeds, caughtAtSixty);
        String atOne = "caught at 1× the tolerance under " + caughtAtOne + " of " + seeds + " seeds";
        assertTrue(caughtAtOne > 0 && caughtAtOne < seeds, atOne);
    }

    /** Whether FAST catches ∇(½‖X‖²) = X with {@code error} added to one entry. */
    private static boolean wrongEntry(DMatrixRMaj x0, int entry, double error, double atol, long seed) {
        CheckResult r = GradCheck.scalar(x -> 0.5 * CommonOps_DDRM.elementSumAbs(elementSquare(x))).gradient(x -> {
            DMatrixRMaj g = x.copy();
            g.data[entry] += error;
            return g;
        }).tolerance(0, atol).mode(Mode.FAST).seed(seed).at(x0).check();
        assertTrue(r.status() == Status.PASSED || r.status() == Status.MISMATCH, r::report);
        return r.status() == Status.MISMATCH;
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj x) {
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.elementMult(x, x, out);
        return out;
    }

    /**
     * An error whose entries cancel (+δ, −δ in pairs) is invisible along the all-ones direction
     * that a fast mode with non-negative directions leans on; signed Gaussian directions see it.
     */
    @Test
    void anErrorThatCancelsAlongNonNegativeDirectionsIsCaught() {
        DMatrixRMaj x0 = random(60, 60, 10);
        java.util.function.UnaryOperator<DMatrixRMaj> wrong = x -> {
            DMatrixRMaj g = smoothGradient(x);
            for (int i = 0; i + 1 < g.getNumElements(); i += 2) {
                g.data[i] += 0.05;
                g.data[i + 1] -= 0.05;
            }
            return g;
        };
        DMatrixRMaj error = CommonOps_DDRM.subtract(wrong.apply(x0), smoothGradient(x0), null);
        assertEquals(0.0, CommonOps_DDRM.elementSum(error), 1e-9, "⟨E, 1⟩ = 0");
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(wrong).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** Asked for on a small input, a failing FAST check runs FULL for the entry-level report. */
    @Test
    void aFailureOnASmallInputIsReportedByFullMode() {
        DMatrixRMaj x0 = random(3, 4, 11);
        CheckResult r = GradCheck.scalar(FastModeTest::smooth).gradient(x -> scale(3, smoothGradient(x)))
                .mode(Mode.FAST).at(x0).check();
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(Mode.FULL, r.mode(), r::report);
        assertTrue(r.facts().get("fast").startsWith("MISMATCH"), r::report);
        assertTrue(r.facts().containsKey("worst entry"), r::report);
        CheckResult right = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient)
                .mode(Mode.FAST).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        assertEquals(Mode.FAST, right.mode(), right::report);
        assertTrue(right.facts().get("mode").startsWith("FAST (5 random directions)"), right::report);
    }

    /** A function computed in float: its noise sets the step; no false alarm. */
    @Test
    void aFloatFunctionDoesNotCryWolf() {
        for (long seed = 12; seed < 17; seed++) {
            CheckResult r = GradCheck.scalar(x -> {
                float s = 0;
                for (int i = 0; i < x.getNumElements(); i++) {
                    float v = (float) x.data[i];
                    s += (float) Math.sin(v) * v;
                }
                return s;
            }).gradient(x -> {
                DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
                for (int i = 0; i < x.getNumElements(); i++) {
                    float v = (float) x.data[i];
                    g.data[i] = (float) Math.cos(v) * v + (float) Math.sin(v);
                }
                return g;
            }).mode(Mode.FAST).at(random(50, 50, seed)).check();
            assertTrue(r.status() == Status.PASSED || r.status() == Status.INCONCLUSIVE, r::report);
        }
    }

    /** Σ relu(X): a random line almost never crosses a kink at the point; the subgradient passes. */
    @Test
    void kinkedFunctionsPass() {
        CheckResult r = GradCheck.scalar(Matrices::sumRelu).gradient(Matrices::reluGradient)
                .mode(Mode.FAST).at(random(60, 60, 18)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** F(X) = AXB (50×50 → 50×50, 2500 coordinates): every derivative form, right and wrong. */
    @Test
    void matrixMapsInEveryForm() {
        DMatrixRMaj a = random(50, 50, 19);
        DMatrixRMaj b = random(50, 50, 20);
        DMatrixRMaj x0 = random(50, 50, 21);
        MatrixCheck f = GradCheck.matrix(x -> mult(mult(a, x), b));
        assertPasses(f.jvp((x, h) -> mult(mult(a, h), b)).at(x0).check());
        assertPasses(f.vjp((x, g) -> mult(mult(transpose(a), g), transpose(b))).at(x0).check());
        assertPasses(f.kronecker(x -> Kron.of(transpose(b), a)).at(x0).check());
        assertFails(f.jvp((x, h) -> mult(mult(a, h), a)).at(x0).check());
        assertFails(f.vjp((x, g) -> mult(mult(a, g), b)).at(x0).check());
        assertFails(f.kronecker(x -> Kron.of(b, a)).at(x0).check());
        CheckResult sign = f.jvp((x, h) -> scale(-1, mult(mult(a, h), b))).at(x0).check();
        assertEquals(Mistake.WRONG_SIGN, sign.mistake(), sign::report);
    }

    /**
     * A Kronecker form of copied factors on a large F (at least 10⁴ entries) is applied one
     * direction ahead on another core while F is evaluated: the verdict, the errors and the
     * evaluations are those of the same map applied through the user's code, which runs on the
     * calling thread only; a wrong form still fails and a factor that is not finite is still found
     * (after F's evaluations along the first direction, which the form's application overlaps).
     */
    @Test
    void aLargeKroneckerFormAppliedAheadDecidesAsOnTheCallingThread() {
        DMatrixRMaj a = random(110, 110, 40);
        DMatrixRMaj b = random(100, 100, 41);
        DMatrixRMaj x0 = random(110, 100, 42);
        DMatrixRMaj notFinite = transpose(b);
        notFinite.set(3, 4, Double.NaN);
        MatrixCheck f = GradCheck.matrix(x -> mult(mult(a, x), b)).mode(Mode.FAST);
        Thread caller = Thread.currentThread();
        for (LinearMap map : List.of(Kron.of(transpose(b), a), Kron.of(b, a), Kron.of(notFinite, a))) {
            CheckResult ahead = f.kronecker(x -> map).at(x0).check();
            CheckResult inline = f.kronecker(x -> LinearMap.of(map.rows(), map.cols(), v -> {
                assertEquals(caller, Thread.currentThread(), "the user's map is applied on the calling thread");
                return map.apply(v);
            })).at(x0).check();
            assertEquals(inline.status(), ahead.status(), ahead::report);
            assertEquals(inline.mistake(), ahead.mistake(), ahead::report);
            assertEquals(inline.maxAbsError(), ahead.maxAbsError(), ahead::report);
            if (ahead.status() != Status.NON_FINITE) {
                // a value that is not finite is found once F has been evaluated along its direction
                assertEquals(inline.evaluations(), ahead.evaluations(), ahead::report);
            }
        }
        assertPasses(f.kronecker(x -> Kron.of(transpose(b), a)).at(x0).check());
        assertFails(f.kronecker(x -> Kron.of(b, a)).at(x0).check());
        assertEquals(Status.NON_FINITE, f.kronecker(x -> Kron.of(notFinite, a)).at(x0).check().status());
    }

    /** A jvp is compared as a whole vector J·vec(V) per direction; a vjp needs pairs U, V, more of them. */
    @Test
    void aJvpProbesFiveDirectionsAVjpEightPairs() {
        DMatrixRMaj a = random(50, 50, 22);
        DMatrixRMaj x0 = random(50, 50, 23);
        CheckResult jvp = GradCheck.matrix(x -> mult(a, x)).jvp((x, h) -> mult(a, h)).at(x0).check();
        assertPasses(jvp);
        assertTrue(jvp.headline().contains("along 5 random directions"), jvp::report);
        assertTrue(jvp.evaluations() <= 2 * 5 + 8, jvp::report);
        CheckResult vjp = GradCheck.matrix(x -> mult(a, x)).vjp((x, g) -> mult(transpose(a), g)).at(x0).check();
        assertPasses(vjp);
        assertTrue(vjp.headline().contains("along 8 random directions"), vjp::report);
        assertTrue(vjp.evaluations() <= 2 * 8 + 8, vjp::report);
    }

    /** A vector probe names the output entry that is furthest off. */
    @Test
    void aVectorProbeNamesTheWorstOutputEntry() {
        DMatrixRMaj a = random(50, 50, 32);
        CheckResult r = GradCheck.matrix(x -> mult(a, x)).jvp((x, h) -> {
            DMatrixRMaj out = mult(a, h);
            out.add(7, 3, 100 * h.get(0, 0));
            return out;
        }).at(random(50, 50, 33)).check();
        assertFails(r);
        assertTrue(r.facts().get("worst probe").endsWith("output F(7, 3)"), r::report);
    }

    /** Named inputs are probed together, each along its own part of the direction. */
    @Test
    void namedInputsAreProbedTogether() {
        DMatrixRMaj w0 = random(40, 40, 24);
        DMatrixRMaj b0 = random(40, 40, 25);
        ScalarOfCheck f = GradCheck.scalarOf(in -> smooth(in.get("W")) + Matrices.inner(in.get("W"), in.get("b")));
        assertPasses(f.gradient("W", in -> CommonOps_DDRM.add(smoothGradient(in.get("W")), in.get("b"), null))
                .gradient("b", in -> in.get("W").copy()).at(Inputs.of("W", w0, "b", b0)).check());
        assertFails(f.gradient("W", in -> CommonOps_DDRM.add(smoothGradient(in.get("W")), in.get("b"), null))
                .gradient("b", in -> scale(1.01, in.get("W"))).at(Inputs.of("W", w0, "b", b0)).check());
    }

    @Test
    void exactReferenceInFastMode() {
        DMatrixRMaj x0 = random(60, 60, 26);
        Expr x = Expr.variable("X");
        CheckResult r = GradCheck.scalar(Matrices::sumOfSquares).gradient(v -> scale(2, v))
                .exactly(x.square().sum()).at(x0).check();
        assertPasses(r);
        assertEquals(2, r.evaluations(), r::report);
        CheckResult wrong = GradCheck.scalar(Matrices::sumOfSquares).gradient(v -> scale(2 + 1e-6, v))
                .exactly(x.square().sum()).at(x0).check();
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
    }

    /** Hessians: through the gradient (hvp as its jvp), and without one (second differences along U, V). */
    @Test
    void hessianVectorProductsInFastMode() {
        DMatrixRMaj a = random(50, 50, 27);
        DMatrixRMaj sym = CommonOps_DDRM.add(a, transpose(a), null);
        DMatrixRMaj x0 = random(50, 1, 28);
        ScalarCheck f = GradCheck.scalar(x -> 0.5 * Matrices.inner(x, mult(sym, x))).gradient(x -> mult(sym, x));
        assertPasses(f.hvp((x, v) -> mult(sym, v)).mode(Mode.FAST).at(x0).check());
        assertFails(f.hvp((x, v) -> mult(a, v)).mode(Mode.FAST).at(x0).check());
        CheckResult noGradient = GradCheck.scalar(x -> 0.5 * Matrices.inner(x, mult(sym, x)))
                .hvp((x, v) -> mult(sym, v)).mode(Mode.FAST).at(x0).check();
        assertPasses(noGradient);
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        DMatrixRMaj x0 = random(60, 60, 30);
        ScalarCheck f = GradCheck.scalar(FastModeTest::smooth).gradient(FastModeTest::smoothGradient);
        assertEquals(f.seed(5).at(x0).check().report(), f.seed(5).at(x0).check().report());
        assertPasses(f.seed(6).at(x0).check());
    }

    private static void assertPasses(CheckResult r) {
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    private static void assertFails(CheckResult r) {
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /**
     * The jvp is called at the point for every probe, not where the previous probe's finite
     * differences left X: tanh's derivative at entries of size 10 would notice.
     */
    @Test
    void productsAreTakenAtThePoint() {
        DMatrixRMaj x0 = random(4, 6, 10.0, 31);
        CheckResult r = GradCheck.matrix(FastModeTest::tanh).jvp((x, h) -> {
            DMatrixRMaj out = h.copy();
            for (int i = 0; i < out.getNumElements(); i++) {
                double t = Math.tanh(x.data[i]);
                out.data[i] *= 1 - t * t;
            }
            return out;
        }).mode(Mode.FAST).at(x0).check();
        assertPasses(r);
    }

    private static DMatrixRMaj tanh(DMatrixRMaj x) {
        DMatrixRMaj out = x.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] = Math.tanh(out.data[i]);
        }
        return out;
    }
}
