package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.text.Numbers;
import org.ejml.data.DMatrixRMaj;

/**
 * X reshaped column-major to rows×cols, keeping vec order: vec(reshape(X)) = vec(X), so the
 * local Jacobian is the identity. vec(X) is the reshape to (mn)×1.
 */
final class Reshape extends Node {

    private final int rows;
    private final int cols;

    /** @param rows the rows of the result, or −1 for vec (mn×1) */
    Reshape(Node x, int rows, int cols) {
        super(x);
        this.rows = rows;
        this.cols = cols;
    }

    private boolean isVec() {
        return rows < 0;
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        int size = x.getNumElements();
        if (!isVec() && (long) rows * cols != size) {
            throw new IllegalArgumentException("reshape: " + this + " needs " + Numbers.shape(rows, cols) + " = "
                    + (long) rows * cols + " entries, but " + child(0) + " is " + shape(x) + " (" + size
                    + " entries)");
        }
        double[] v = new double[size];
        VecLayout.vecInto(x, v);
        DMatrixRMaj out = isVec() ? new DMatrixRMaj(size, 1) : new DMatrixRMaj(rows, cols);
        VecLayout.unvecInto(v, out);
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        return StructuralOperators.identity(ev.value(child(0)).getNumElements());
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return isVec() ? "vec(" + child(0) + ")" : "reshape(" + child(0) + ", " + Numbers.shape(rows, cols) + ")";
    }
}
