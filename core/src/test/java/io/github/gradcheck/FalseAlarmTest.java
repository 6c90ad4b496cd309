package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Many functions at many random points and scales: a right gradient never fails (no false alarm)
 * and a gradient 1% off never passes at these well-conditioned points.
 */
class FalseAlarmTest extends QuietTest {

    private record Case(String name, ToDoubleFunction<DMatrixRMaj> f, UnaryOperator<DMatrixRMaj> gradient) {
    }

    private static List<Case> cases(Random random, int rows, int cols) {
        DMatrixRMaj a = Matrices.random(cols, rows, random.nextLong());
        DMatrixRMaj b = Matrices.random(rows, cols, random.nextLong());
        return List.of(
                new Case("tr(AX)", x -> CommonOps_DDRM.trace(mult(a, x)), x -> transpose(a)),
                new Case("‖X − B‖²", x -> Matrices.sumOfSquares(Matrices.minus(x, b)),
                        x -> scale(2, Matrices.minus(x, b))),
                new Case("logsumexp", FalseAlarmTest::logSumExp, FalseAlarmTest::softmaxAll),
                new Case("Σ exp(x)·x in float", FalseAlarmTest::floatExp, FalseAlarmTest::floatExpGradient),
                new Case("(tr AX)³", x -> Math.pow(CommonOps_DDRM.trace(mult(a, x)), 3),
                        x -> scale(3 * Math.pow(CommonOps_DDRM.trace(mult(a, x)), 2), transpose(a))));
    }

    @Test
    void rightGradientsPassAndGradientsOnePercentOffFail() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(5);
            double magnitude = Math.pow(10, random.nextInt(7) - 3);
            DMatrixRMaj x0 = random(rows, cols, magnitude, random.nextLong());
            for (Case c : cases(random, rows, cols)) {
                if (c.name.contains("float") && magnitude > 10) {
                    continue; // exp overflows float
                }
                String where = c.name + " at " + rows + "×" + cols + ", entries ~" + magnitude + ", trial " + trial;
                CheckResult right = GradCheck.scalar(c.f).gradient(c.gradient).at(x0).check();
                assertEquals(Status.PASSED, right.status(), () -> where + "\n" + right.report());
                CheckResult wrong = GradCheck.scalar(c.f).gradient(x -> scale(1.01, c.gradient.apply(x))).at(x0).check();
                assertEquals(Status.MISMATCH, wrong.status(), () -> where + "\n" + wrong.report());
            }
        }
    }

    private static double logSumExp(DMatrixRMaj x) {
        double max = CommonOps_DDRM.elementMax(x);
        double sum = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            sum += Math.exp(x.data[i] - max);
        }
        return max + Math.log(sum);
    }

    private static DMatrixRMaj softmaxAll(DMatrixRMaj x) {
        double lse = logSumExp(x);
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] = Math.exp(x.data[i] - lse);
        }
        return g;
    }

    private static double floatExp(DMatrixRMaj x) {
        float s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            float v = (float) x.data[i];
            s += (float) Math.exp(v) * v;
        }
        return s;
    }

    private static DMatrixRMaj floatExpGradient(DMatrixRMaj x) {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            float v = (float) x.data[i];
            g.data[i] = (float) Math.exp(v) * (1 + v);
        }
        return g;
    }
}
