package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.minus;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.internal.generate.StructureRules;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.time.Duration;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Random trials: known bugs shrink to their known minimal dimensions, right derivatives pass 300
 * trials, and the same seed reproduces the same trials and the same shrunk case.
 */
class TrialsTest extends QuietTest {

    private static Counterexample counterexample(TrialsResult r) {
        assertFalse(r.passed(), r::report);
        return r.counterexample().orElseThrow(() -> new AssertionError(r.report()));
    }

    private static int sum(Map<String, Integer> dims) {
        return dims.values().stream().mapToInt(Integer::intValue).sum();
    }

    // tr(AX), A k×m, X m×k: ∇_X = Aᵀ. Returning A is the transposed gradient.
    private static final ScalarOfCheck TRANSPOSED_TRACE = GradCheck
            .scalarOf(in -> CommonOps_DDRM.trace(mult(in.get("A"), in.get("X"))))
            .gradient("X", in -> in.get("A").copy());
    private static final Domain TRACE_DOMAIN = Domain.dims("k=1..5", "m=1..5")
            .input("A", "k", "m", Structure.GAUSSIAN)
            .input("X", "m", "k", Structure.GAUSSIAN);

    @Test
    void theTransposedGradientOfTraceAXShrinksToDimsSummingToThree() {
        for (long seed = 0; seed < 5; seed++) {
            Counterexample c = counterexample(TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(seed).run());
            assertEquals(3, sum(c.dims()), c.dims()::toString);
            assertEquals(Mistake.TRANSPOSED, c.result().mistake(), c.result()::report);
        }
    }

    @Test
    void leastSquaresMissingItsFactorTwoShrinksToAllDimsOne() {
        ScalarOfCheck check = GradCheck.scalarOf(in -> Matrices.sumOfSquares(minus(mult(in.get("A"), in.get("x")), in.get("b"))))
                .gradient("x", in -> mult(transpose(in.get("A")), minus(mult(in.get("A"), in.get("x")), in.get("b"))));
        Domain domain = Domain.dims("n=1..6", "m=1..6")
                .input("A", "n", "m", Structure.GAUSSIAN)
                .input("x", "m", "1", Structure.GAUSSIAN)
                .input("b", "n", "1", Structure.GAUSSIAN);
        for (long seed = 0; seed < 5; seed++) {
            Counterexample c = counterexample(check.forAll(domain).seed(seed).run());
            assertEquals(Map.of("n", 1, "m", 1), c.dims());
            assertEquals(Status.MISMATCH, c.result().status());
            assertEquals(Mistake.WRONG_SCALE, c.result().mistake(), c.result()::report);
            assertEquals(0.5, c.result().scaleFactor().orElseThrow(), 1e-6);
        }
    }

    private static final Domain SOFTMAX_DOMAIN = Domain.dims("n=1..6", "k=1..8").input("Z", "n", "k", Structure.GAUSSIAN);

    @Test
    void softmaxVjpComputedAsIfElementwiseShrinksToOneRowOfTwo() {
        for (long seed = 0; seed < 5; seed++) {
            Counterexample c = counterexample(GradCheck.matrix(Matrices::softmaxRows)
                    .vjp(Matrices::softmaxRowsVjpAsIfElementwise).forAll(SOFTMAX_DOMAIN).seed(seed).run());
            assertEquals(Map.of("n", 1, "k", 2), c.dims());
            assertEquals(Mistake.ELEMENTWISE_JACOBIAN, c.result().mistake(), c.result()::report);
        }
    }

    /** tr(AS) on symmetric S: the symmetric gradient is (A + Aᵀ)/2; the textbook G + Gᵀ − G∘I is wrong. */
    @Test
    void theSymmetricGradientFormulaShrinksToNTwo() {
        ScalarOfCheck check = GradCheck.scalarOf(in -> CommonOps_DDRM.trace(mult(in.get("A"), in.get("S"))))
                .gradient("S", in -> {
                    DMatrixRMaj g = transpose(in.get("A"));
                    DMatrixRMaj formula = plus(g, transpose(g));
                    for (int i = 0; i < g.numRows; i++) {
                        formula.add(i, i, -g.get(i, i));
                    }
                    return formula;
                });
        Domain domain = Domain.dims("n=1..6").input("A", "n", "n", Structure.GAUSSIAN).input("S", "n", "n", Structure.SYMMETRIC);
        for (long seed = 0; seed < 5; seed++) {
            Counterexample c = counterexample(check.forAll(domain).seed(seed).run());
            assertEquals(Map.of("n", 2), c.dims());
            assertEquals(Mistake.SYMMETRIC_GRADIENT_FORMULA, c.result().mistake(), c.result()::report);
        }
    }

    /** A bias gradient of the batch's shape is invisible at batch size 1: shrinking stops at 2. */
    @Test
    void aBiasGradientNotSummedOverTheBatchShrinksToABatchOfTwo() {
        ScalarOfCheck check = GradCheck.scalarOf(in -> {
            DMatrixRMaj out = mult(in.get("X"), in.get("W"));
            for (int r = 0; r < out.numRows; r++) {
                for (int c = 0; c < out.numCols; c++) {
                    out.add(r, c, in.get("b").get(0, c));
                }
            }
            return Matrices.sumOfSquares(out);
        }).gradient("b", in -> {
            DMatrixRMaj out = mult(in.get("X"), in.get("W"));
            for (int r = 0; r < out.numRows; r++) {
                for (int c = 0; c < out.numCols; c++) {
                    out.add(r, c, in.get("b").get(0, c));
                }
            }
            return scale(2, out);
        });
        Domain domain = Domain.dims("n=1..6", "d=1..4", "k=1..4")
                .input("X", "n", "d", Structure.GAUSSIAN)
                .input("W", "d", "k", Structure.GAUSSIAN)
                .input("b", "1", "k", Structure.GAUSSIAN);
        for (long seed = 0; seed < 3; seed++) {
            Counterexample c = counterexample(check.forAll(domain).seed(seed).run());
            assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, c.result().mistake(), c.result()::report);
            assertEquals(Status.SHAPE_MISMATCH, c.result().status());
            assertEquals(Map.of("n", 2, "d", 1, "k", 1), c.dims());
        }
    }

    @Test
    void sumOfReluPasses300Trials() {
        TrialsResult r = GradCheck.scalar(Matrices::sumRelu).gradient(Matrices::reluGradient)
                .forAll(Domain.dims("n=1..6", "k=1..6").input("X", "n", "k", Structure.GAUSSIAN))
                .trials(300).run();
        assertTrue(r.passed(), r::report);
        assertEquals(300, r.trials());
    }

    @Test
    void logDetOnSpdInputsPasses300Trials() {
        TrialsResult r = GradCheck.scalar(Matrices::logAbsDet).gradient(s -> Matrices.inverseTranspose(s))
                .forAll(Domain.dims("n=1..6").input("S", "n", "n", Structure.SPD))
                .trials(300).run();
        assertTrue(r.passed(), r::report);
        assertEquals(0, r.skipped());
    }

    @Test
    void theSoftmaxVjpPasses300Trials() {
        TrialsResult r = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjp)
                .forAll(SOFTMAX_DOMAIN).trials(300).run();
        assertTrue(r.passed(), r::report);
    }

    @Test
    void theSameSeedReproducesTheTrialsAndTheShrunkCaseExactly() {
        TrialsResult first = TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(77).run();
        TrialsResult second = TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(77).run();
        assertEquals(first.report(), second.report());
        Counterexample a = counterexample(first);
        Counterexample b = counterexample(second);
        assertEquals(a.dims(), b.dims());
        assertEquals(a.originalDims(), b.originalDims());
        assertEquals(a.trial(), b.trial());
        for (String name : a.inputs().keySet()) {
            assertArrayEquals(a.inputs().get(name).data, b.inputs().get(name).data, 0.0);
            assertArrayEquals(a.originalInputs().get(name).data, b.originalInputs().get(name).data, 0.0);
        }
        TrialsResult other = TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(78).run();
        assertFalse(other.report().equals(first.report()), "another seed draws other trials");
    }

    @Test
    void theReportHasTheShrunkCaseTheSeedAndHowToReplayIt() {
        TrialsResult r = TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(5).run();
        Map<String, String> facts = r.facts();
        assertEquals("5", facts.get("seed"));
        assertTrue(facts.get("dims").matches("k=\\d, m=\\d"), facts.get("dims"));
        assertTrue(facts.get("inputs").contains("A = new DMatrixRMaj(new double[][] {{"), facts.get("inputs"));
        assertTrue(facts.get("replay").startsWith(".seed(5)"), facts.get("replay"));
        assertTrue(facts.containsKey("original"));
        assertTrue(facts.containsKey("shrink steps"));
        assertTrue(facts.containsKey("trial"));
        GradientMismatchError e = assertThrows(GradientMismatchError.class,
                () -> TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(5).assertPasses());
        assertEquals(r.report(), e.getMessage());
        assertEquals(Mistake.TRANSPOSED, e.result().mistake());
    }

    @Test
    void shrunkInputsArePasteableJava() {
        Counterexample c = counterexample(TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(3).run());
        for (Map.Entry<String, DMatrixRMaj> e : c.inputs().entrySet()) {
            String java = io.github.gradcheck.internal.report.MatrixText.java(e.getValue());
            assertTrue(java.startsWith("new DMatrixRMaj(new double[][] {"), java);
        }
    }

    /** Shrinking keeps structure: SPD stays SPD, one-hot stays one-hot, simplex rows stay simplex. */
    @Test
    void shrinkingKeepsEachInputsStructure() {
        ScalarOfCheck wrong = GradCheck.scalarOf(in -> CommonOps_DDRM.elementSum(in.get("P"))
                        * (1 + CommonOps_DDRM.trace(in.get("S")))
                        + Matrices.inner(in.get("Y"), in.get("P")))
                .gradient("S", in -> scale(2 * CommonOps_DDRM.elementSum(in.get("P")), CommonOps_DDRM.identity(in.get("S").numRows)));
        Domain domain = Domain.dims("n=1..5", "k=2..5")
                .input("S", "n", "n", Structure.SPD)
                .input("Y", "n", "k", Structure.ONE_HOT_ROWS)
                .input("P", "n", "k", Structure.SIMPLEX_ROWS);
        Counterexample c = counterexample(wrong.forAll(domain).seed(1).run());
        assertNull(StructureRules.violation(Structure.SPD, c.inputs().get("S")));
        assertNull(StructureRules.violation(Structure.ONE_HOT_ROWS, c.inputs().get("Y")));
        assertNull(StructureRules.violation(Structure.SIMPLEX_ROWS, c.inputs().get("P")));
        assertEquals(Map.of("n", 1, "k", 2), c.dims());
    }

    @Test
    void shrinkingStopsAtItsTimeLimitAndSaysSo() {
        TrialsResult r = TRANSPOSED_TRACE.forAll(TRACE_DOMAIN).seed(2).shrinkTime(Duration.ofNanos(1)).run();
        assertFalse(r.passed());
        assertTrue(r.facts().get("shrink steps").contains("time limit"), r.facts().get("shrink steps"));
    }

    /** log of a Gaussian entry is NaN half the time: those draws are discarded, and with too many the run fails. */
    @Test
    void drawsWhereFIsUndefinedAreDiscardedAndTooManyFailTheRun() {
        ScalarCheck logSum = GradCheck.scalar(x -> {
            double s = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                s += Math.log(x.data[i]);
            }
            return s;
        }).gradient(x -> {
            DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
            for (int i = 0; i < x.getNumElements(); i++) {
                g.data[i] = 1 / x.data[i];
            }
            return g;
        });
        TrialsResult some = logSum.forAll(Domain.dims().input("X", "1", "1", Structure.GAUSSIAN)).trials(50).run();
        assertTrue(some.passed(), some::report);
        assertTrue(some.skipped() > 0, "about half the draws are negative");
        assertEquals(50, some.trials());

        TrialsResult tooMany = logSum.forAll(Domain.dims("n=3..5").input("X", "n", "n", Structure.GAUSSIAN)).run();
        assertFalse(tooMany.passed());
        assertTrue(tooMany.counterexample().isEmpty());
        assertTrue(tooMany.headline().startsWith("the domain generates points where f cannot be checked"),
                tooMany::report);
        assertEquals("TOO_MANY_DISCARDED", tooMany.facts().get("status"));

        TrialsResult positive = logSum.forAll(Domain.dims("n=3..5").input("X", "n", "n", Structure.POSITIVE)).run();
        assertTrue(positive.passed(), positive::report);
        assertEquals(0, positive.skipped());
    }

    /**
     * A diagonal draw perturbed in every entry sits on relu's kink at each zero. A gradient that
     * is right off the kink but says 5 on it is moved off the kink, never reported as a mismatch.
     */
    @Test
    void aTrialOnAKinkIsMovedOffIt() {
        ScalarCheck check = GradCheck.scalar(Matrices::sumRelu).gradient(x -> {
            DMatrixRMaj g = Matrices.reluGradient(x);
            for (int i = 0; i < g.getNumElements(); i++) {
                g.data[i] = x.data[i] == 0 ? 5 : g.data[i];
            }
            return g;
        }).structure(Structure.GAUSSIAN);
        TrialsResult r = check.forAll(Domain.dims("n=2..4").input("D", "n", "n", Structure.DIAGONAL)).trials(30).run();
        assertTrue(r.passed(), r::report);
        assertEquals(0, r.skipped());
        assertEquals(Status.NOT_DIFFERENTIABLE, check.at(Matrices.of(new double[][] {{1, 0}, {0, 2}})).check().status(),
                "at the drawn point itself it is on the kink");
    }

    @Test
    void aWrongGradientIsStillCaughtAfterBeingMovedOffAKink() {
        ScalarCheck check = GradCheck.scalar(Matrices::sumRelu).gradient(x -> scale(2, Matrices.reluGradient(x)))
                .structure(Structure.GAUSSIAN);
        TrialsResult r = check.forAll(Domain.dims("n=2..4").input("D", "n", "n", Structure.DIAGONAL)).run();
        assertEquals(Status.MISMATCH, counterexample(r).result().status(), r::report);
    }

    @Test
    void aFunctionThatThrowsIsShrunkAndKeepsItsException() {
        TrialsResult r = GradCheck.scalar(x -> {
            if (x.numCols > 2) {
                throw new IllegalStateException("too wide");
            }
            return Matrices.sumOfSquares(x);
        }).gradient(x -> scale(2, x)).forAll(Domain.dims("n=1..5", "k=1..5").input("X", "n", "k", Structure.GAUSSIAN))
                .seed(4).run();
        Counterexample c = counterexample(r);
        assertEquals(Status.THREW, c.result().status());
        assertEquals(Map.of("n", 1, "k", 3), c.dims());
        assertTrue(c.result().cause().orElseThrow() instanceof IllegalStateException);
    }

    @Test
    void theSeedAndTrialsPropertiesOverrideEveryRun() {
        String seed = System.getProperty("gradcheck.seed");
        String trials = System.getProperty("gradcheck.trials");
        try {
            System.setProperty("gradcheck.seed", "12345");
            System.setProperty("gradcheck.trials", "7");
            TrialsResult r = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x))
                    .forAll(Domain.dims("n=1..3").input("X", "n", "n", Structure.GAUSSIAN)).seed(1).trials(50).run();
            assertEquals(12345L, r.seed());
            assertEquals(7, r.trials());
            System.setProperty("gradcheck.seed", "twelve");
            assertThrows(IllegalArgumentException.class, () -> GradCheck.scalar(Matrices::sumOfSquares)
                    .gradient(x -> scale(2, x)).forAll(Domain.dims().input("X", "1", "1", Structure.GAUSSIAN)).run());
        } finally {
            restore("gradcheck.seed", seed);
            restore("gradcheck.trials", trials);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void badTrialSettingsAreRejected() {
        Trials t = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> x)
                .forAll(Domain.dims().input("X", "1", "1", Structure.GAUSSIAN));
        assertThrows(IllegalArgumentException.class, () -> t.trials(0));
        assertThrows(IllegalArgumentException.class, () -> t.shrinkTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> x)
                .forAll(Domain.dims().input("X", "1", "1", Structure.GAUSSIAN).input("Y", "1", "1", Structure.GAUSSIAN)));
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.scalarOf(in -> 0).gradient("Y", in -> in.get("Y"))
                        .forAll(Domain.dims().input("Y", "2", "2", Structure.ONE_HOT_ROWS)));
        assertTrue(constant.getMessage().contains("a constant"), constant.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.scalarOf(in -> 0).gradient("W", in -> in.get("W"))
                .forAll(Domain.dims().input("V", "2", "2", Structure.GAUSSIAN)));
    }
}
