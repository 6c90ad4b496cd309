package io.github.gradcheck.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Status;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The README's usage example, as written there, and the demo's two verdicts. */
class ReadmeExampleTest extends QuietTest {

    // README: f(X) = tr(AX) has the gradient Aᵀ
    static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});

    static double f(DMatrixRMaj x) {
        DMatrixRMaj ax = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(A, x, ax);
        return CommonOps_DDRM.trace(ax);
    }

    static DMatrixRMaj g(DMatrixRMaj x) {
        return CommonOps_DDRM.transpose(A, null);
    }

    @Test
    void theReadmeExamplePasses() {
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}});

        CheckResult r = GradCheck.scalar(X -> f(X))
                .gradient(X -> g(X))
                .at(x0)
                .check();
        GradCheck.scalar(X -> f(X)).gradient(X -> g(X)).at(x0).assertPasses();

        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void theReadmeExampleWithAAsTheGradientFails() {
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}});
        GradientMismatchError e = assertThrows(GradientMismatchError.class,
                () -> GradCheck.scalar(ReadmeExampleTest::f).gradient(X -> A).at(x0).assertPasses());
        assertEquals(Status.SHAPE_MISMATCH, e.result().status());
    }

    /** The README's failure report is the one the code prints for the example it names, word for word. */
    @Test
    void theReadmeFailureReportIsWhatTheCodePrints() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int marker = readme.indexOf("<!-- readme-report:");
        int start = readme.indexOf("```\n", marker) + 4;
        String shown = readme.substring(start, readme.indexOf("\n```", start));
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.3}, {-0.7}, {1.1}});
        CheckResult r = GradCheck.scalar(Demo::leastSquares).gradient(x -> Demo.residualTimesAT(x, 1)).at(x0).check();
        assertEquals(r.report(), shown);
    }

    @Test
    void theDemoSeesTheRightGradientPassAndTheWrongOneFail() {
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.3}, {-0.7}, {1.1}});
        assertEquals(Status.PASSED, GradCheck.scalar(Demo::leastSquares)
                .gradient(x -> Demo.residualTimesAT(x, 2)).at(x0).check().status());
        assertEquals(Status.MISMATCH, GradCheck.scalar(Demo::leastSquares)
                .gradient(x -> Demo.residualTimesAT(x, 1)).at(x0).check().status());
    }
}
