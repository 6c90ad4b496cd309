package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost: after a model check, every parameter holds exactly the bits it held before (−0.0
 * stays −0.0, a subnormal stays that subnormal), however the check ended: passed, failed, the loss
 * or the backward threw or returned NaN, an Error came out of the loss, the loss gave up half way
 * through the finite differences.
 */
class ModelRestorationTest extends QuietTest {

    /** An Error of the user's own: the check reports it as thrown (only a VirtualMachineError propagates). */
    private static final class ModelCorrupted extends Error {
        private static final long serialVersionUID = 1L;

        ModelCorrupted() {
            super("weights corrupted");
        }
    }

    private final double[] w = {-0.0, 3 * Double.MIN_VALUE, 0.75, -1.5};
    private final float[] v = {-0.0f, 5 * Float.MIN_VALUE, 0.25f};
    private final DMatrixRMaj m = new DMatrixRMaj(2, 2, true, -0.0, Double.MIN_NORMAL / 4, 1.25, -2);
    private final long[] wBits = bits(w);
    private final int[] vBits = bits(v);
    private final long[] mBits = bits(m.data);

    private static long[] bits(double[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Double.doubleToRawLongBits(a[i]);
        }
        return out;
    }

    private static int[] bits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }

    /** Σ (wᵢ − ½)² + Σ (vⱼ + ½)² + Σ (M − 1)²: smooth at the point, with a gradient nowhere zero. */
    private double loss() {
        double sum = 0;
        for (double x : w) {
            sum += (x - 0.5) * (x - 0.5);
        }
        for (float x : v) {
            sum += (x + 0.5) * (x + 0.5);
        }
        for (int i = 0; i < m.getNumElements(); i++) {
            sum += (m.data[i] - 1) * (m.data[i] - 1);
        }
        return sum;
    }

    /** The gradient times {@code factor} (1 for the right one), into new arrays. */
    private Map<String, Object> gradients(double factor) {
        double[] gw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            gw[i] = factor * 2 * (w[i] - 0.5);
        }
        float[] gv = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            gv[i] = (float) (factor * 2 * (v[i] + 0.5));
        }
        DMatrixRMaj gm = new DMatrixRMaj(2, 2);
        for (int i = 0; i < 4; i++) {
            gm.data[i] = factor * 2 * (m.data[i] - 1);
        }
        return Map.of("w", gw, "v", gv, "M", gm);
    }

    private CheckResult check(DoubleSupplier loss, Supplier<Map<String, Object>> backward) {
        return GradCheck.model(loss).parameter("w", w).parameter("v", v).parameter("M", m).gradients(backward).check();
    }

    private void assertRestored() {
        assertArrayEquals(wBits, bits(w), "double[] w");
        assertArrayEquals(vBits, bits(v), "float[] v");
        assertArrayEquals(mBits, bits(m.data), "DMatrixRMaj M");
        assertEquals(2, m.numRows);
        assertEquals(2, m.numCols);
    }

    @Test
    void theFixtureHoldsNegativeZeroAndSubnormals() {
        assertEquals(Double.doubleToRawLongBits(-0.0), wBits[0]);
        assertTrue(w[1] > 0 && w[1] < Double.MIN_NORMAL);
        assertTrue(v[1] > 0 && v[1] < Float.MIN_NORMAL);
        assertTrue(m.data[1] > 0 && m.data[1] < Double.MIN_NORMAL);
    }

    @Test
    void restoredAfterAPass() {
        CheckResult r = check(this::loss, () -> gradients(1));
        assertEquals(Status.PASSED, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterAFailure() {
        CheckResult r = check(this::loss, () -> gradients(-1));
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterAFastCheck() {
        CheckResult r = GradCheck.model(this::loss).parameter("w", w).parameter("v", v).parameter("M", m)
                .gradients(() -> gradients(1)).mode(Mode.FAST).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheLossThrows() {
        CheckResult r = check(() -> {
            throw new IllegalStateException("no batch loaded");
        }, () -> gradients(1));
        assertEquals(Status.THREW, r.status(), r::report);
        assertRestored();
    }

    /** The loss gives up while the finite differences have a parameter perturbed. */
    @Test
    void restoredAfterTheLossThrowsHalfWayThrough() {
        int[] calls = {0};
        CheckResult r = check(() -> {
            if (++calls[0] > 12) {
                throw new IllegalStateException("out of data");
            }
            return loss();
        }, () -> gradients(1));
        assertEquals(Status.THREW, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheBackwardThrows() {
        CheckResult r = check(this::loss, () -> {
            throw new IllegalStateException("forward not called");
        });
        assertEquals(Status.THREW, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheLossReturnsNaN() {
        CheckResult r = check(() -> Double.NaN, () -> gradients(1));
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheLossReturnsNaNNearThePoint() {
        int[] calls = {0};
        CheckResult r = check(() -> ++calls[0] > 2 ? Double.NaN : loss(), () -> gradients(1));
        assertTrue(!r.passed(), r::report);
        assertRestored();
    }

    @Test
    void aStackOverflowOutOfTheLossIsRethrownAndTheParametersRestored() {
        assertThrows(StackOverflowError.class, () -> check(() -> {
            w[2] = 99; // the model was being changed when it failed
            throw new StackOverflowError();
        }, () -> gradients(1)));
        assertRestored();
    }

    @Test
    void anErrorOfTheUsersOwnOutOfTheLossIsThrewAndTheParametersRestored() {
        CheckResult r = check(() -> {
            w[2] = 99;
            throw new ModelCorrupted();
        }, () -> gradients(1));
        assertEquals(Status.THREW, r.status(), r::report);
        assertTrue(r.cause().orElseThrow() instanceof ModelCorrupted, r::report);
        assertRestored();
    }

    @Test
    void anOutOfMemoryErrorOutOfTheBackwardIsRethrownAndTheParametersRestored() {
        assertThrows(OutOfMemoryError.class, () -> check(this::loss, () -> {
            throw new OutOfMemoryError("simulated");
        }));
        assertRestored();
    }

    @Test
    void restoredAfterTheLossWritesIntoAParameter() {
        CheckResult r = check(() -> {
            v[0] = 1f;
            return loss();
        }, () -> gradients(1));
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterAFastFailure() {
        CheckResult r = GradCheck.model(this::loss).parameter("w", w).parameter("v", v).parameter("M", m)
                .gradients(() -> gradients(2)).mode(Mode.FAST).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterAnErrorOfTheUsersOwnOutOfTheBackward() {
        CheckResult r = check(this::loss, () -> {
            m.data[0] = 99;
            throw new ModelCorrupted();
        });
        assertEquals(Status.THREW, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheActionBeforeEachEvaluationThrows() {
        int[] calls = {0};
        CheckResult r = GradCheck.model(this::loss).parameter("w", w).parameter("v", v).parameter("M", m)
                .gradients(() -> gradients(1)).beforeEachEvaluation(() -> {
                    if (++calls[0] > 5) {
                        throw new IllegalStateException("cache invalidation failed");
                    }
                }).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheBackwardReturnsNaN() {
        CheckResult r = check(this::loss, () -> {
            Map<String, Object> g = gradients(1);
            ((double[]) g.get("w"))[2] = Double.NaN;
            return g;
        });
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertRestored();
    }

    /** A backward that adds into buffers it keeps: called three times at the point. */
    @Test
    void restoredAfterABackwardThatNeverResetsItsBuffers() {
        double[] gw = new double[w.length];
        CheckResult r = check(this::loss, () -> {
            Map<String, Object> g = gradients(1);
            for (int i = 0; i < w.length; i++) {
                gw[i] += ((double[]) g.get("w"))[i];
            }
            return Map.of("w", gw, "v", g.get("v"), "M", g.get("M"));
        });
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterANondeterministicLoss() {
        int[] calls = {0};
        CheckResult r = check(() -> loss() + (++calls[0] % 2) * 1e-3, () -> gradients(1));
        assertEquals(Status.NONDETERMINISTIC, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheBackwardWritesIntoAParameter() {
        CheckResult r = check(this::loss, () -> {
            Map<String, Object> g = gradients(1);
            w[3] = 7;
            return g;
        });
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterTheBackwardReshapesAMatrixParameter() {
        CheckResult r = check(this::loss, () -> {
            Map<String, Object> g = gradients(1);
            m.reshape(1, 4);
            return g;
        });
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterAMalformedBackward() {
        CheckResult r = check(this::loss, () -> Map.of("w", new double[w.length + 1], "v", new float[v.length],
                "M", new DMatrixRMaj(2, 2)));
        assertTrue(!r.passed(), r::report);
        assertRestored();
    }

    @Test
    void restoredAfterASubsetOfEachParameter() {
        CheckResult r = GradCheck.model(this::loss).parameter("w", w).parameter("v", v).parameter("M", m)
                .gradients(() -> gradients(-1)).maxEntriesPerParameter(2).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertRestored();
    }
}
