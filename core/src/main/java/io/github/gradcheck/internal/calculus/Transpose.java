package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Xᵀ for X m×n: vec(Xᵀ) = K vec(X) with K the commutation matrix (mn × mn). */
final class Transpose extends Node {

    Transpose(Node x) {
        super(x);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return CommonOps_DDRM.transpose(ev.value(child(0)), null);
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        return StructuralOperators.commutation(x.numRows, x.numCols);
    }

    @Override
    int precedence() {
        return POSTFIX;
    }

    @Override
    String format() {
        return operand(child(0), ATOM) + "ᵀ";
    }
}
