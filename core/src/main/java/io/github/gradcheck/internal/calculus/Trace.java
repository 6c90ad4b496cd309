package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** tr(X) for a square X (1×1): d tr X = tr dX = vec(I)ᵀ d vec X. */
final class Trace extends Node {

    Trace(Node x) {
        super(x);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        SquareMatrices.requireSquare("trace", this, child(0), x);
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        out.data[0] = CommonOps_DDRM.trace(x);
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        return LocalMaps.vecRow(CommonOps_DDRM.identity(ev.value(child(0)).numRows));
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return "tr(" + child(0) + ")";
    }
}
