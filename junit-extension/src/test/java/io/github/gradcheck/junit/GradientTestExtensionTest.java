package io.github.gradcheck.junit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.QuietTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/**
 * {@code @GradientTest} through JUnit's EngineTestKit: fixture classes run as a user's tests
 * would, and the events and failure messages are checked.
 */
class GradientTestExtensionTest extends QuietTest {

    // ------------------------------------------------------------------ fixtures

    static class RightSoftmaxLoss {
        @GradientTest(trials = 50, dims = {"n=1..6", "k=2..8"})
        void softmaxLoss(@Shape(rows = "n", cols = "k") DMatrixRMaj z,
                         @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
            GradCheck.scalar(Z -> Fixtures.crossEntropy(Z, y)).gradient(Z -> Fixtures.crossEntropyGradient(Z, y))
                    .at(z).assertPasses();
        }
    }

    static class TransposedTrace {
        /** tr(AX) has the gradient Aᵀ; A is the transposed one. */
        @GradientTest(dims = {"k=1..5", "m=1..5"})
        void trace(@Shape(rows = "k", cols = "m") DMatrixRMaj a, @Shape(rows = "m", cols = "k") DMatrixRMaj x) {
            GradCheck.scalar(X -> CommonOps_DDRM.trace(Fixtures.mult(a, X))).gradient(X -> a.copy()).at(x).assertPasses();
        }
    }

    static class SymmetricFormula {
        /** tr(AS) on symmetric S: (A + Aᵀ)/2 is right; the textbook G + Gᵀ − G∘I is not. */
        @GradientTest(dims = {"n=1..5"})
        void traceOfSymmetric(@Shape(rows = "n", cols = "n") DMatrixRMaj a,
                              @Shape(rows = "n", cols = "n", structure = Structure.SYMMETRIC) DMatrixRMaj s) {
            DMatrixRMaj g = CommonOps_DDRM.transpose(a, null);
            DMatrixRMaj formula = g.copy();
            CommonOps_DDRM.addEquals(formula, a);
            for (int i = 0; i < a.numRows; i++) {
                formula.add(i, i, -g.get(i, i));
            }
            GradCheck.scalar(S -> CommonOps_DDRM.trace(Fixtures.mult(a, S))).structure(Structure.SYMMETRIC)
                    .gradient(S -> formula).at(s).assertPasses();
        }
    }

    static class ConfigurationErrors {
        @GradientTest(dims = {"n=1..3"})
        void unknownDimension(@Shape(rows = "n", cols = "q") DMatrixRMaj x) {
        }

        @GradientTest(dims = {"n=3..1"})
        void badRange(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
        }

        @GradientTest(dims = {"n=1..3"})
        void missingShape(DMatrixRMaj x) {
        }

        @GradientTest(dims = {"n=1..3"})
        void wrongType(@Shape(rows = "n", cols = "n") int x) {
        }

        @GradientTest(trials = 0, dims = {"n=1..3"})
        void noTrials(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
        }

        @GradientTest(dims = {"n=1..3", "k=1..3"})
        void rectangularSymmetric(@Shape(rows = "n", cols = "k", structure = Structure.SPD) DMatrixRMaj x) {
        }
    }

    static class OtherFailures {
        /** Hamcrest's assertion: fails from n = 3 on. */
        @GradientTest(dims = {"n=1..6"})
        void hamcrest(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
            assertThat(x.numRows, lessThan(3));
        }

        /** An exception, not an assertion: from k = 3 on. */
        @GradientTest(dims = {"n=1..5", "k=1..5"})
        void exception(@Shape(rows = "n", cols = "k") DMatrixRMaj x) {
            if (x.numCols > 2) {
                throw new IllegalStateException("too wide: " + x.numCols);
            }
        }

        /** double[][] parameters, and JUnit's own parameters beside them. */
        @GradientTest(trials = 20, dims = {"n=1..4", "k=2..3"})
        void arrays(@Shape(rows = "n", cols = "k") double[][] x, @Shape(rows = "2", cols = "k") DMatrixRMaj w,
                    TestInfo info) {
            assertEquals(w.numCols, x[0].length);
            assertEquals("arrays", info.getTestMethod().orElseThrow().getName());
        }

        /** A failed assumption discards the trial; the property still passes. */
        @GradientTest(trials = 30, dims = {"n=1..3"})
        void assumptions(@Shape(rows = "n", cols = "1") DMatrixRMaj x) {
            assumeTrue(x.get(0, 0) > -1);
            assertTrue(x.get(0, 0) > -1);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aRightPropertyPassesAllItsTrialsAsOneTest() {
        EngineExecutionResults results = Fixtures.run(RightSoftmaxLoss.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        String name = results.testEvents().started().list().get(0).getTestDescriptor().getDisplayName();
        assertTrue(name.matches("50 trials, seed -?\\d+ \\(n=1\\.\\.6, k=2\\.\\.8\\)"), name);
    }

    @Test
    void aWrongPropertyFailsOnceShrunkToMinimalDimsWithTheFacts() {
        EngineExecutionResults results = Fixtures.run(TransposedTrace.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = Fixtures.failures(results).get("trace");
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class, failure);
        assertEquals(Mistake.TRANSPOSED, error.result().mistake());
        String message = error.getMessage();
        Map<String, String> facts = Fixtures.facts(message);
        Matcher dims = Pattern.compile("k=(\\d), m=(\\d)").matcher(facts.get("dims"));
        assertTrue(dims.matches(), message);
        assertEquals(3, Integer.parseInt(dims.group(1)) + Integer.parseInt(dims.group(2)), message);
        long seed = Property.seedOf(methodOf(TransposedTrace.class, "trace"));
        assertEquals(Long.toString(seed), facts.get("seed"));
        assertEquals("@GradientTest(seed = " + seed + ") or -Dgradcheck.seed=" + seed, facts.get("replay"));
        assertEquals("TRANSPOSED", facts.get("mistake"));
        assertTrue(facts.get("original").startsWith("k="), message);
        assertTrue(facts.get("inputs").startsWith("a = new DMatrixRMaj(new double[][] {"), message);
        assertTrue(facts.get("inputs").contains("\nx = new DMatrixRMaj(new double[][] {"), message);
    }

    @Test
    void theSameSeedReproducesTheFailureExactly() {
        Map<String, String> first = Fixtures.facts(Fixtures.failures(Fixtures.run(SymmetricFormula.class))
                .get("traceOfSymmetric").getMessage());
        Map<String, String> second = Fixtures.facts(Fixtures.failures(Fixtures.run(SymmetricFormula.class))
                .get("traceOfSymmetric").getMessage());
        assertTrue(first.containsKey("picture"));
        first.remove("picture"); // a file in each run's own directory
        second.remove("picture");
        assertEquals(first, second);
    }

    @Test
    void theSeedPropertyOverridesAndIsReported(@TempDir Path output) {
        EngineExecutionResults results = Fixtures.run(TransposedTrace.class, Map.of("gradcheck.seed", "7",
                "gradcheck.trials", "40"), output);
        String message = Fixtures.failures(results).get("trace").getMessage();
        assertEquals("@GradientTest(seed = 7) or -Dgradcheck.seed=7", Fixtures.facts(message).get("replay"), message);
        String name = results.testEvents().started().list().get(0).getTestDescriptor().getDisplayName();
        assertTrue(name.startsWith("40 trials, seed 7 "), name);
    }

    @Test
    void aDerivativeFailureCarriesATextHeatmapAndAPublishedPicture(@TempDir Path output) throws Exception {
        EngineExecutionResults results = Fixtures.run(SymmetricFormula.class, Map.of(), output);
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class,
                Fixtures.failures(results).get("traceOfSymmetric"));
        String message = error.getMessage();
        Map<String, String> facts = Fixtures.facts(message);
        assertEquals("n=2", facts.get("dims"), message);
        assertTrue(facts.get("difference").startsWith("analytic − numeric for X"), message);
        assertEquals("status", facts.keySet().iterator().next(), "facts keep their order");
        assertEquals(3, facts.get("difference").lines().count(), "a title and two rows: " + message);
        Path file = Path.of(facts.get("picture"));
        assertTrue(file.startsWith(output), "published through JUnit's file API: " + file);
        String svg = Files.readString(file);
        assertTrue(svg.startsWith("<svg") && svg.contains("analytic") && svg.contains("numeric"), svg);
        assertEquals(1, results.allEvents().stream().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED).count());
    }

    @Test
    void configurationErrorsNameTheAnnotationAndTheProblem() {
        Map<String, Throwable> failures = Fixtures.failures(Fixtures.run(ConfigurationErrors.class));
        assertEquals(6, failures.size(), failures::toString);
        failures.values().forEach(t -> assertInstanceOf(ExtensionConfigurationException.class, t));
        assertEquals("@GradientTest on ConfigurationErrors.unknownDimension: @Shape on parameter x: input x: cols 'q' "
                + "is neither a number nor a dimension (the dimensions are n)", failures.get("unknownDimension").getMessage());
        assertEquals("@GradientTest on ConfigurationErrors.badRange: dims: 'n=3..1': the lower bound 3 is above the upper "
                + "bound 1", failures.get("badRange").getMessage());
        assertTrue(failures.get("missingShape").getMessage().contains("parameter x (DMatrixRMaj) has no @Shape"),
                failures.get("missingShape").getMessage());
        assertTrue(failures.get("wrongType").getMessage().contains("only DMatrixRMaj, double[][], double[] and float[] parameters"),
                failures.get("wrongType").getMessage());
        assertTrue(failures.get("noTrials").getMessage().contains("trials = 0"), failures.get("noTrials").getMessage());
        assertTrue(failures.get("rectangularSymmetric").getMessage().contains("must be square"),
                failures.get("rectangularSymmetric").getMessage());
    }

    @Test
    void anyAssertionErrorOrExceptionIsAFailureAndIsShrunk() {
        EngineExecutionResults results = Fixtures.run(OtherFailures.class);
        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        Map<String, Throwable> failures = Fixtures.failures(results);
        String hamcrest = failures.get("hamcrest").getMessage();
        assertTrue(hamcrest.startsWith("assertion failed: "), hamcrest);
        assertEquals("n=3", Fixtures.facts(hamcrest).get("dims"), hamcrest);
        Throwable exception = failures.get("exception");
        assertTrue(exception.getMessage().startsWith("threw IllegalStateException: too wide: 3"), exception.getMessage());
        assertEquals("n=1, k=3", Fixtures.facts(exception.getMessage()).get("dims"), exception.getMessage());
        assertInstanceOf(IllegalStateException.class, exception.getCause());
    }

    @Test
    void aFailedPropertyIsNotAPassEvenWhenTheCheckCannotJudge() {
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class,
                Fixtures.failures(Fixtures.run(TransposedTrace.class)).get("trace"));
        assertEquals(Status.SHAPE_MISMATCH, error.result().status());
    }

    private static java.lang.reflect.Method methodOf(Class<?> type, String name) {
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
