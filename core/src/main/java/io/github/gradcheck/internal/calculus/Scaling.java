package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.text.Numbers;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** c·X for a fixed number c (−X for c = −1): d(cX) = c·dX, so the local Jacobian is c·I. */
final class Scaling extends Node {

    private final double factor;
    private final boolean negation;

    /** @param negation show the node as −X (the factor is then −1) */
    Scaling(Node x, double factor, boolean negation) {
        super(x);
        this.factor = factor;
        this.negation = negation;
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return scaled(factor, ev.value(child(0)));
    }

    /** c·M, a new matrix. */
    static DMatrixRMaj scaled(double c, DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.scale(c, m, out);
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        return LocalMaps.scaledIdentity(factor, ev.value(child(0)).getNumElements());
    }

    @Override
    int precedence() {
        return negation ? PREFIX : PRODUCT;
    }

    @Override
    String format() {
        if (negation) {
            return "−" + operand(child(0), PRODUCT);
        }
        String c = Numbers.format(factor);
        return (factor < 0 ? "(" + c + ")" : c) + "·" + operand(child(0), PRODUCT + 1);
    }
}
