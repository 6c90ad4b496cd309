package io.github.gradcheck.samples;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import java.io.PrintStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The demo: checks a right and a wrong hand-written gradient of the least-squares loss
 * f(x) = ‖Ax − b‖² and prints both reports. Run it with the README's first command.
 */
public final class Demo {

    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {
            {1.0, 2.0, -1.0},
            {0.5, -1.5, 2.0},
            {-2.0, 0.3, 1.2},
            {1.1, 0.7, -0.4}});
    private static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{1.0}, {-2.0}, {0.5}, {3.0}});

    private Demo() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.3}, {-0.7}, {1.1}});

        out.println("gradcheck demo: least squares f(x) = ‖Ax − b‖², A 4×3, x 3×1");
        out.println();
        out.println("1. The right gradient, 2Aᵀ(Ax − b):");
        CheckResult right = GradCheck.scalar(Demo::leastSquares).gradient(x -> residualTimesAT(x, 2)).at(x0).check();
        out.println(indent(right.report()));
        out.println();
        out.println("2. The classic slip, Aᵀ(Ax − b) without the 2:");
        CheckResult wrong = GradCheck.scalar(Demo::leastSquares).gradient(x -> residualTimesAT(x, 1)).at(x0).check();
        out.println(indent(wrong.report()));
        out.println();
        out.println(right.passed() && !wrong.passed()
                ? "As expected: the right gradient passes and the wrong one is caught."
                : "Unexpected verdicts: please report this as a bug.");
    }

    /** ‖Ax − b‖². */
    static double leastSquares(DMatrixRMaj x) {
        DMatrixRMaj r = residual(x);
        return CommonOps_DDRM.dot(r, r);
    }

    /** c·Aᵀ(Ax − b). */
    static DMatrixRMaj residualTimesAT(DMatrixRMaj x, double c) {
        DMatrixRMaj g = new DMatrixRMaj(A.numCols, 1);
        CommonOps_DDRM.multTransA(c, A, residual(x), g);
        return g;
    }

    private static DMatrixRMaj residual(DMatrixRMaj x) {
        DMatrixRMaj r = new DMatrixRMaj(A.numRows, 1);
        CommonOps_DDRM.mult(A, x, r);
        CommonOps_DDRM.subtractEquals(r, B);
        return r;
    }

    private static String indent(String text) {
        return "   " + text.replace("\n", "\n   ");
    }
}
