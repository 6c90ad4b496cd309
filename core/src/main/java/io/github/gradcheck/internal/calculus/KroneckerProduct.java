package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A ⊗ B as a matrix (pr × qs) for A p×q and B r×s. d(A ⊗ B) = dA ⊗ B + A ⊗ dB, and
 * vec(A ⊗ B) = T (vec A ⊗ vec B) with T = I_q ⊗ K(s, p) ⊗ I_r (K(s, p) vec(Y) = vec(Yᵀ) for Y
 * s×p; Magnus and Neudecker, Theorem 3.10), so ∂vec(A ⊗ B)/∂vec A = T (I_pq ⊗ vec B) and
 * ∂vec(A ⊗ B)/∂vec B = T (vec A ⊗ I_rs).
 */
final class KroneckerProduct extends Node {

    KroneckerProduct(Node a, Node b) {
        super(a, b);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return CommonOps_DDRM.kron(ev.value(child(0)), ev.value(child(1)), null);
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj a = ev.value(child(0));
        DMatrixRMaj b = ev.value(child(1));
        int p = a.numRows;
        int q = a.numCols;
        int r = b.numRows;
        int s = b.numCols;
        Operator t = KroneckerOperator.of(
                KroneckerOperator.of(StructuralOperators.identity(q), StructuralOperators.commutation(s, p)),
                StructuralOperators.identity(r));
        Operator pairs = child == 0
                ? KroneckerOperator.of(StructuralOperators.identity(p * q), LocalMaps.vecColumn(b))
                : KroneckerOperator.of(LocalMaps.vecColumn(a), StructuralOperators.identity(r * s));
        return Operators.product(t, pairs);
    }

    @Override
    int precedence() {
        return PRODUCT;
    }

    @Override
    String format() {
        return BinaryFormat.of(this, " ⊗ ");
    }
}
