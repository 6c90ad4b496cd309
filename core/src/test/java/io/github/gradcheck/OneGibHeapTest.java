package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * F(X) = A X B on 500×500 matrices (a Jacobian of 6.25e10 entries) checked in FAST mode, in the
 * Kronecker form and as a jvp and a vjp, within a heap of 1 GiB: Surefire runs this class alone in
 * a JVM started with -Xmx1g (see core/pom.xml).
 */
class OneGibHeapTest extends QuietTest {

    private static final int N = 500;
    private static DMatrixRMaj a;
    private static DMatrixRMaj b;
    private static DMatrixRMaj bt;
    private static DMatrixRMaj at;
    private static DMatrixRMaj x0;

    @BeforeAll
    static void matrices() {
        // -Dtest=OneGibHeapTest selects it in the default execution too: it counts only here
        assumeTrue(Runtime.getRuntime().maxMemory() <= (1L << 30) + (1L << 26), "runs in the -Xmx1g execution");
        a = random(N, N, 1);
        b = random(N, N, 2);
        at = CommonOps_DDRM.transpose(a, null);
        bt = CommonOps_DDRM.transpose(b, null);
        x0 = random(N, N, 3);
    }

    private static DMatrixRMaj axb(DMatrixRMaj x) {
        DMatrixRMaj ax = new DMatrixRMaj(N, N);
        CommonOps_DDRM.mult(a, x, ax);
        DMatrixRMaj y = new DMatrixRMaj(N, N);
        CommonOps_DDRM.mult(ax, b, y);
        return y;
    }

    private static DMatrixRMaj product(DMatrixRMaj left, DMatrixRMaj middle, DMatrixRMaj right) {
        DMatrixRMaj lm = new DMatrixRMaj(left.numRows, middle.numCols);
        CommonOps_DDRM.mult(left, middle, lm);
        DMatrixRMaj out = new DMatrixRMaj(left.numRows, right.numCols);
        CommonOps_DDRM.mult(lm, right, out);
        return out;
    }

    @Test
    void kroneckerFormInFastMode() {
        CheckResult r = GradCheck.matrix(OneGibHeapTest::axb).kronecker(x -> Kron.of(bt, a)).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertTrue(r.facts().get("mode").startsWith("FAST (AUTO: 250000 coordinates"), r::report);
    }

    @Test
    void swappedKroneckerFactorIsCaught() {
        CheckResult r = GradCheck.matrix(OneGibHeapTest::axb).kronecker(x -> Kron.of(b, a)).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    @Test
    void jvpInFastMode() {
        CheckResult r = GradCheck.matrix(OneGibHeapTest::axb).jvp((x, h) -> product(a, h, b)).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void vjpInFastMode() {
        CheckResult r = GradCheck.matrix(OneGibHeapTest::axb).vjp((x, g) -> product(at, g, bt)).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        CheckResult wrong = GradCheck.matrix(OneGibHeapTest::axb).vjp((x, g) -> product(a, g, b)).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }
}
