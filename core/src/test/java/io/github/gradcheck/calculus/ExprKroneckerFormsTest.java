package io.github.gradcheck.calculus;

import static io.github.gradcheck.calculus.JacobianAssertions.assertMatrixEquals;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.transpose;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The vec/Kronecker identities of MATH.md: the engine's Jacobians equal the Kronecker forms (dense, small). */
class ExprKroneckerFormsTest extends QuietTest {

    private static final double TOL = 1e-13;
    private static final Expr X = Expr.variable("X");

    private static DMatrixRMaj ones(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.fill(1.0);
        return m;
    }

    /** ∂vec(AXB)/∂vec X = Bᵀ ⊗ A. */
    @Test
    void jacobianOfAXBIsBTransposeKroneckerA() {
        DMatrixRMaj a = random(2, 3, 1);
        DMatrixRMaj b = random(4, 2, 2);
        Expr e = Expr.constant("A", a).times(X).times(Expr.constant("B", b));
        assertMatrixEquals(Kron.of(transpose(b), a).toDense(), e.jacobian(random(3, 4, 3)).toDense(), TOL);
    }

    /** ∂vec(AX)/∂vec X = I ⊗ A. */
    @Test
    void jacobianOfAXIsIdentityKroneckerA() {
        DMatrixRMaj a = random(2, 3, 4);
        Expr e = Expr.constant("A", a).times(X);
        DMatrixRMaj expected = Kron.of(Kron.identity(4), LinearMap.dense(a)).toDense();
        assertMatrixEquals(expected, e.jacobian(random(3, 4, 5)).toDense(), TOL);
    }

    /** ∂vec(XB)/∂vec X = Bᵀ ⊗ I. */
    @Test
    void jacobianOfXBIsBTransposeKroneckerIdentity() {
        DMatrixRMaj b = random(4, 2, 6);
        Expr e = X.times(Expr.constant("B", b));
        DMatrixRMaj expected = Kron.of(LinearMap.dense(transpose(b)), Kron.identity(3)).toDense();
        assertMatrixEquals(expected, e.jacobian(random(3, 4, 7)).toDense(), TOL);
    }

    /** ∂vec(Xᵀ)/∂vec X = K, the commutation matrix. */
    @Test
    void jacobianOfTransposeIsTheCommutationMatrix() {
        assertMatrixEquals(Kron.commutation(2, 3).toDense(), X.transpose().jacobian(random(2, 3, 8)).toDense(), 0);
    }

    /** ∂vec(X⁻¹)/∂vec X = −(X⁻ᵀ ⊗ X⁻¹). */
    @Test
    void jacobianOfInverseIsMinusInverseTransposeKroneckerInverse() {
        DMatrixRMaj x0 = Matrices.withCondition(3, 5, 9);
        DMatrixRMaj inverse = transpose(Matrices.inverseTranspose(x0));
        DMatrixRMaj expected = Kron.of(transpose(inverse), inverse).scale(-1).toDense();
        assertMatrixEquals(expected, X.inverse().jacobian(x0).toDense(), 1e-12);
    }

    /** ∂vec(X ⊙ Y)/∂vec X = diag(vec Y). */
    @Test
    void jacobianOfHadamardIsDiagonalOfTheOtherFactor() {
        DMatrixRMaj y = random(3, 2, 10);
        Expr e = X.hadamard(Expr.variable("Y"));
        LinearMap j = e.jacobian("X", Inputs.of("X", random(3, 2, 11), "Y", y));
        assertMatrixEquals(Kron.diag(y).toDense(), j.toDense(), 0);
    }

    /** A broadcast row b (1×k) against n×k: vec(1ₙ b) = (I_k ⊗ 1ₙ) vec b. */
    @Test
    void jacobianOfARowBroadcastIsIdentityKroneckerOnes() {
        Expr e = X.plus(Expr.variable("b"));
        LinearMap j = e.jacobian("b", Inputs.of("X", random(4, 3, 12), "b", random(1, 3, 13)));
        assertMatrixEquals(CommonOps_DDRM.kron(CommonOps_DDRM.identity(3), ones(4, 1), null), j.toDense(), 0);
    }

    /** A broadcast column c (n×1) against n×k: vec(c 1_kᵀ) = (1_k ⊗ Iₙ) vec c. */
    @Test
    void jacobianOfAColumnBroadcastIsOnesKroneckerIdentity() {
        Expr e = X.plus(Expr.variable("c"));
        LinearMap j = e.jacobian("c", Inputs.of("X", random(4, 3, 14), "c", random(4, 1, 15)));
        assertMatrixEquals(CommonOps_DDRM.kron(ones(3, 1), CommonOps_DDRM.identity(4), null), j.toDense(), 0);
    }

    /** sumRows (X 1_k, n×1): 1_kᵀ ⊗ Iₙ; sumCols (1ₙᵀ X, 1×k): I_k ⊗ 1ₙᵀ. */
    @Test
    void jacobiansOfRowAndColumnSumsAreKroneckerForms() {
        DMatrixRMaj x0 = random(4, 3, 16);
        assertMatrixEquals(CommonOps_DDRM.kron(ones(1, 3), CommonOps_DDRM.identity(4), null),
                X.sumRows().jacobian(x0).toDense(), 0);
        assertMatrixEquals(CommonOps_DDRM.kron(CommonOps_DDRM.identity(3), ones(1, 4), null),
                X.sumCols().jacobian(x0).toDense(), 0);
    }
}
