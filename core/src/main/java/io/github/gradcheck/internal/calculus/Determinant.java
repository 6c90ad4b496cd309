package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * det(X) for a square X (1×1): d det X = tr(adj(X) dX) = vec(adj(X)ᵀ)ᵀ d vec X, which holds at a
 * singular X too (where det(X)·X⁻ᵀ does not exist); the adjugate comes from an SVD.
 */
final class Determinant extends Node {

    Determinant(Node x) {
        super(x);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        SquareMatrices.requireSquare("det", this, child(0), x);
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        out.data[0] = CommonOps_DDRM.det(x);
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj adjugate = SquareMatrices.adjugate(ev.value(child(0)));
        return LocalMaps.vecRow(CommonOps_DDRM.transpose(adjugate, null));
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return "det(" + child(0) + ")";
    }
}
