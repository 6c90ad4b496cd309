package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Mlp;
import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Models too large to check entry by entry: AUTO switches to FAST mode above
 * {@value Mode#AUTO_LIMIT} free entries, and {@code maxEntriesPerParameter(k)} checks an evenly spread
 * subset of k entries of each parameter in FULL mode instead.
 */
class LargeModelTest extends QuietTest {

    private static final int N = 100;

    /** A 100×100 parameter and f(W) = Σ Wᵢⱼ³, whose gradient is 3W∘W. */
    private final double[] w = new Random(5).doubles(N * N, -1, 1).toArray();
    private final double[] dW = new double[N * N];

    private double cubes() {
        double sum = 0;
        for (double x : w) {
            sum += x * x * x;
        }
        return sum;
    }

    /** 3W∘W into dW, with {@code wrongAt} (a data index, or −1) off by one. */
    private Map<String, Object> cubesGradient(int wrongAt) {
        for (int i = 0; i < w.length; i++) {
            dW[i] = 3 * w[i] * w[i];
        }
        if (wrongAt >= 0) {
            dW[wrongAt] += 1;
        }
        return Map.of("W", dW);
    }

    private ModelCheck cubes(int wrongAt) {
        return GradCheck.model(this::cubes).parameter("W", w, N, N).gradients(() -> cubesGradient(wrongAt));
    }

    @Test
    void aSubsetOfTwentyEntriesRunsFullOnTwentyEntries() {
        CheckResult r = cubes(-1).maxEntriesPerParameter(20).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FULL, r.mode());
        assertEquals("20", r.facts().get("entries"), r::report);
        assertEquals("W 20 of 10000 entries, evenly spread (maxEntriesPerParameter)", r.facts().get("subset"),
                r::report);
        assertTrue(r.evaluations() < 200, () -> r.evaluations() + " evaluations");
    }

    /**
     * The subset is entries ⌊i·10000/20⌋ = 500·i in vec (column-major) order: vec index 500 is entry
     * (0, 5), at data index 5 of the row-major array.
     */
    @Test
    void aWrongEntryInsideTheSubsetIsCaught() {
        CheckResult r = cubes(5).maxEntriesPerParameter(20).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mode.FULL, r.mode());
        assertEquals("(0, 5)", r.facts().get("worst entry"), r::report);
    }

    @Test
    void withoutASubsetAutoChoosesFastMode() {
        CheckResult r = cubes(-1).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FAST, r.mode());
    }

    // ------------------------------------------------------------------ AUTO at the limit

    /** 30 → 40 → 20: 1200 + 40 + 800 + 20 = 2060 parameters, above the limit of 2000. */
    private static ModelCheck perceptron(Mlp net, Mlp.Batch batch) {
        return GradCheck.model(() -> net.loss(batch))
                .parameter("W1", net.w1, net.inputs, net.hidden)
                .parameter("b1", net.b1)
                .parameter("W2", net.w2, net.hidden, net.outputs)
                .parameter("b2", net.b2)
                .gradients(() -> {
                    net.backward(batch);
                    return net.gradients();
                });
    }

    @Test
    void autoChoosesFastModeAboveTwoThousandFreeEntries() {
        Mlp net = new Mlp(30, 40, 20, 3);
        assertEquals(2060, net.size());
        CheckResult r = perceptron(net, net.batch(4, 4)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FAST, r.mode());
    }

    @Test
    void autoChoosesFullModeAtOrBelowTwoThousandFreeEntries() {
        Mlp net = new Mlp(30, 30, 20, 3);
        assertEquals(1550, net.size());
        CheckResult r = perceptron(net, net.batch(4, 4)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FULL, r.mode());
    }

    @Test
    void aBackwardThatNeverZeroesItsBuffersIsGradientNotResetInFastModeToo() {
        Mlp net = new Mlp(30, 40, 20, 3, Mlp.Bug.NOT_RESET);
        CheckResult r = perceptron(net, net.batch(4, 4)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.GRADIENT_NOT_RESET, r.mistake(), r::report);
        assertEquals(Mode.FAST, r.mode());
    }

    @Test
    void aWrongGradientIsCaughtInFastMode() {
        Mlp net = new Mlp(30, 40, 20, 3, Mlp.Bug.B2_SIGN);
        CheckResult r = perceptron(net, net.batch(4, 4)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mode.FAST, r.mode());
    }

    @Test
    void aSubsetPerParameterKeepsALargeModelInFullMode() {
        Mlp net = new Mlp(30, 40, 20, 3, Mlp.Bug.W2_MEAN);
        CheckResult r = perceptron(net, net.batch(4, 4)).maxEntriesPerParameter(10).check();
        assertEquals(Mode.FULL, r.mode());
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(0.25, r.scaleFactor().orElseThrow(), 1e-6, r::report);
    }
}
