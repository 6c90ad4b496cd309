package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * log|det X| for a square, non-singular X (1×1): d log|det X| = tr(X⁻¹ dX) = vec(X⁻ᵀ)ᵀ d vec X.
 * The sign of det X does not matter.
 */
final class LogDeterminant extends Node {

    LogDeterminant(Node x) {
        super(x);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        out.data[0] = SquareMatrices.logAbsDet("logDet", this, child(0), ev.value(child(0)));
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj inverse = SquareMatrices.inverse("logDet", this, child(0), ev.value(child(0)));
        return LocalMaps.vecRow(CommonOps_DDRM.transpose(inverse, null));
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return "log det(" + child(0) + ")";
    }
}
