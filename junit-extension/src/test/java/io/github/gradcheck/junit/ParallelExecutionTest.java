package io.github.gradcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.QuietTest;
import java.nio.file.Path;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Properties run under JUnit's parallel execution give the same results as run one by one. */
class ParallelExecutionTest extends QuietTest {

    static class Properties {
        @GradientTest(trials = 60, dims = {"n=1..5", "k=2..6"})
        void softmaxLoss(@Shape(rows = "n", cols = "k") DMatrixRMaj z,
                         @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
            GradCheck.scalar(Z -> Fixtures.crossEntropy(Z, y)).gradient(Z -> Fixtures.crossEntropyGradient(Z, y))
                    .at(z).assertPasses();
        }

        @GradientTest(trials = 60, dims = {"n=1..5"})
        void logDet(@Shape(rows = "n", cols = "n", structure = Structure.SPD) DMatrixRMaj s) {
            GradCheck.scalar(S -> Math.log(CommonOps_DDRM.det(S))).structure(Structure.SPD)
                    .gradient(S -> {
                        DMatrixRMaj inverse = S.copy();
                        CommonOps_DDRM.invert(inverse);
                        return inverse;
                    }).at(s).assertPasses();
        }

        @GradientTest(dims = {"k=1..5", "m=1..5"})
        void transposedTrace(@Shape(rows = "k", cols = "m") DMatrixRMaj a, @Shape(rows = "m", cols = "k") DMatrixRMaj x) {
            GradCheck.scalar(X -> CommonOps_DDRM.trace(Fixtures.mult(a, X))).gradient(X -> a.copy()).at(x).assertPasses();
        }

        @GradientTest(dims = {"n=1..5"})
        void halfLeastSquares(@Shape(rows = "n", cols = "n") DMatrixRMaj a, @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
            GradCheck.scalar(X -> {
                DMatrixRMaj r = Fixtures.mult(a, X);
                return CommonOps_DDRM.dot(r, r);
            }).gradient(X -> {
                DMatrixRMaj g = new DMatrixRMaj(X.numRows, 1);
                CommonOps_DDRM.multTransA(a, Fixtures.mult(a, X), g);
                return g;
            }).at(x).assertPasses();
        }
    }

    @Test
    void parallelRunsGiveTheSameResultsAsSequentialOnes(@TempDir Path output) {
        EngineExecutionResults sequential = Fixtures.run(Properties.class, Map.of(), output.resolve("sequential"));
        EngineExecutionResults parallel = Fixtures.run(Properties.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"), output.resolve("parallel"));
        sequential.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        parallel.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        Map<String, Throwable> one = Fixtures.failures(sequential);
        Map<String, Throwable> other = Fixtures.failures(parallel);
        assertEquals(one.keySet(), other.keySet());
        for (String name : one.keySet()) {
            Map<String, String> expected = Fixtures.facts(one.get(name).getMessage());
            Map<String, String> actual = Fixtures.facts(other.get(name).getMessage());
            expected.remove("picture"); // a file of each run's own
            actual.remove("picture");
            assertEquals(expected, actual, name);
        }
    }
}
