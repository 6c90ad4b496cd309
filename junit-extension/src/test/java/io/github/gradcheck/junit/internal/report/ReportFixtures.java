package io.github.gradcheck.junit.internal.report;

import static io.github.gradcheck.hamcrest.GradientMatchers.isGradientOf;
import static org.hamcrest.MatcherAssert.assertThat;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The fixture test classes the report's tests run through the launcher: each makes checks with
 * a known outcome. They fail on purpose where a failure is what is shown; Surefire does not run
 * them itself (nested classes).
 */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static final DMatrixRMaj X0 = new DMatrixRMaj(new double[][] {{0.3, -1.2}, {0.8, 0.5}, {-0.4, 1.1}});
    static final DMatrixRMaj Z0 = new DMatrixRMaj(new double[][] {{0.2, -0.7, 1.1}, {0.5, 0.1, -0.3}});

    /** ‖X‖², the sum of squares; its gradient is 2X. */
    static double squaredNorm(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * x.data[i];
        }
        return s;
    }

    static DMatrixRMaj twice(DMatrixRMaj x) {
        DMatrixRMaj g = x.copy();
        CommonOps_DDRM.scale(2, g);
        return g;
    }

    /** softmax of each row. */
    static DMatrixRMaj softmaxRows(DMatrixRMaj z) {
        DMatrixRMaj s = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, Math.exp(z.get(r, c)));
                sum += s.get(r, c);
            }
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, s.get(r, c) / sum);
            }
        }
        return s;
    }

    /** The classic slip: softmax's vjp as if it were elementwise, s ⊙ (1 − s) ⊙ G. */
    static DMatrixRMaj softmaxVjpAsIfElementwise(DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj s = softmaxRows(z);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < s.getNumElements(); i++) {
            out.data[i] = s.data[i] * (1 - s.data[i]) * g.data[i];
        }
        return out;
    }

    /** One check that passes. */
    static class Passing {
        @Test
        void squaredNormGradient() {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(X0).assertPasses();
        }
    }

    /** Failures: an assertion that fails the test, a check whose failure the test ignores, a throwing f. */
    static class Failing {
        @Test
        void softmaxAsIfElementwise() {
            GradCheck.matrix(ReportFixtures::softmaxRows).vjp(ReportFixtures::softmaxVjpAsIfElementwise).at(Z0)
                    .assertPasses();
        }

        @Test
        void halfGradientIgnored() {
            CheckResult ignored = GradCheck.scalar(ReportFixtures::squaredNorm).gradient(DMatrixRMaj::copy).at(X0)
                    .check();
            if (ignored == null) {
                throw new AssertionError("never");
            }
        }

        @Test
        void functionThatThrows() {
            GradCheck.scalar(x -> {
                throw new IllegalStateException("f is broken");
            }).gradient(ReportFixtures::twice).at(X0).check();
        }
    }

    /** Two properties: one shrinks to its smallest failing case, one passes; each is one record. */
    static class Properties {
        @GradientTest(trials = 40, dims = {"n=1..5", "k=1..4"})
        void halfGradient(@Shape(rows = "n", cols = "k") DMatrixRMaj x) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(DMatrixRMaj::copy).at(x).assertPasses();
        }

        @GradientTest(trials = 25, dims = {"n=1..4"})
        void rightGradient(@Shape(rows = "n", cols = "n", structure = Structure.SYMMETRIC) DMatrixRMaj s) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(s).assertPasses();
        }
    }

    /** A Hamcrest matcher, and random trials run inside a plain test. */
    static class MatcherAndTrials {
        @Test
        void hamcrestMatcher() {
            assertThat(twice(X0), isGradientOf(ReportFixtures::squaredNorm).at(X0));
        }

        @Test
        void randomTrials() {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice)
                    .forAll(Domain.dims("n=1..4").input("X", "n", "2", Structure.GAUSSIAN)).trials(15).seed(3).run();
        }
    }

    /** Tests that make no gradcheck check. */
    static class NoChecks {
        @Test
        void plainArithmetic() {
            if (1 + 1 != 2) {
                throw new AssertionError("arithmetic");
            }
        }
    }
}
