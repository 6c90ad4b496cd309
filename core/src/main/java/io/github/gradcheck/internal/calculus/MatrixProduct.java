package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A·B, the matrix product of A (p×q) and B (q×r); when the inner dimensions differ and one
 * operand is 1×1, the product by that scalar. d(AB) = dA·B + A·dB, so
 * ∂vec(AB)/∂vec A = Bᵀ ⊗ I_p and ∂vec(AB)/∂vec B = I_r ⊗ A. For s·M:
 * ∂/∂s = vec(M) and ∂/∂vec M = s·I.
 */
final class MatrixProduct extends Node {

    /** How the operands multiply. */
    private enum Mode {
        MATRIX, SCALAR_LEFT, SCALAR_RIGHT
    }

    MatrixProduct(Node a, Node b) {
        super(a, b);
    }

    private Mode mode(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numCols == b.numRows) {
            return Mode.MATRIX;
        }
        if (a.getNumElements() == 1) {
            return Mode.SCALAR_LEFT;
        }
        if (b.getNumElements() == 1) {
            return Mode.SCALAR_RIGHT;
        }
        throw new IllegalArgumentException("times: " + this + " needs the rows of " + child(1) + " (" + b.numRows
                + ") to equal the columns of " + child(0) + " (" + a.numCols + "): " + bracketed(a) + " · "
                + bracketed(b));
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj a = ev.value(child(0));
        DMatrixRMaj b = ev.value(child(1));
        switch (mode(a, b)) {
            case MATRIX:
                DMatrixRMaj out = new DMatrixRMaj(a.numRows, b.numCols);
                CommonOps_DDRM.mult(a, b, out);
                return out;
            case SCALAR_LEFT:
                return Scaling.scaled(a.get(0), b);
            default:
                return Scaling.scaled(b.get(0), a);
        }
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj a = ev.value(child(0));
        DMatrixRMaj b = ev.value(child(1));
        switch (mode(a, b)) {
            case MATRIX:
                return child == 0
                        ? KroneckerOperator.of(Operators.dense(b).transpose(), StructuralOperators.identity(a.numRows))
                        : KroneckerOperator.of(StructuralOperators.identity(b.numCols), Operators.dense(a));
            case SCALAR_LEFT:
                return child == 0 ? LocalMaps.vecColumn(b) : LocalMaps.scaledIdentity(a.get(0), b.getNumElements());
            default:
                return child == 1 ? LocalMaps.vecColumn(a) : LocalMaps.scaledIdentity(b.get(0), a.getNumElements());
        }
    }

    @Override
    int precedence() {
        return PRODUCT;
    }

    @Override
    String format() {
        return BinaryFormat.of(this, "·");
    }
}
