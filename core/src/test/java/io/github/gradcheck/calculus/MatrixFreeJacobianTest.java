package io.github.gradcheck.calculus;


import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.kron.Vec;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import static io.github.gradcheck.calculus.JacobianAssertions.assertMatrixEquals;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Large Jacobians stay matrix-free: for 300×300 matrices ∂vec(AXB)/∂vec X has 8.1e9 entries, yet
 * it is built, applied, transposed and read column by column with products of 300×300 matrices.
 */
class MatrixFreeJacobianTest extends QuietTest {

    private static final int N = 300;
    private static final DMatrixRMaj A = random(N, N, 1);
    private static final DMatrixRMaj B = random(N, N, 2);
    private static final Expr AXB = Expr.constant("A", A).times(Expr.variable("X")).times(Expr.constant("B", B));

    @Test
    void theJacobianOfAXBAppliesAsAHB() {
        LinearMap j = AXB.jacobian(random(N, N, 3));
        assertEquals(N * N, j.rows());
        assertEquals(N * N, j.cols());
        DMatrixRMaj h = random(N, N, 4);
        assertMatrixEquals(Vec.vec(mult(mult(A, h), B)), j.apply(Vec.vec(h)), 1e-12);
    }

    @Test
    void itsTransposeAppliesAsATransposeGBTranspose() {
        LinearMap jt = AXB.jacobian(random(N, N, 5)).transpose();
        DMatrixRMaj g = random(N, N, 6);
        assertMatrixEquals(Vec.vec(mult(mult(transpose(A), g), transpose(B))), jt.apply(Vec.vec(g)), 1e-12);
    }

    /** Column (j·N + i) is vec(A eᵢ e_jᵀ B) = vec(A[:, i] B[j, :]). */
    @Test
    void aColumnIsAnOuterProduct() {
        Operator j = ((Backed) AXB.jacobian(random(N, N, 7))).operator();
        int i = 17;
        int c = 211;
        double[] column = new double[N * N];
        j.columnInto(c * N + i, column);
        DMatrixRMaj outer = new DMatrixRMaj(N, N);
        for (int r = 0; r < N; r++) {
            for (int k = 0; k < N; k++) {
                outer.set(r, k, A.get(r, i) * B.get(c, k));
            }
        }
        DMatrixRMaj actual = new DMatrixRMaj(N * N, 1);
        actual.data = column;
        assertMatrixEquals(Vec.vec(outer), actual, 1e-14);
    }

    @Test
    void itsDenseFormIsRefusedAsTooLarge() {
        LinearMap j = AXB.jacobian(random(N, N, 8));
        assertThrows(IllegalStateException.class, j::toDense);
    }

    /** The gradient of a scalar of a 300×300 input is one reverse pass: ∇ tr(A X B) = Aᵀ Bᵀ. */
    @Test
    void aLargeGradientIsOneReversePass() {
        DMatrixRMaj g = AXB.trace().gradient(random(N, N, 9));
        assertMatrixEquals(transpose(mult(B, A)), g, 1e-12);
    }
}
