package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;

/**
 * Sums of the entries of X (n×k), linear with Kronecker-form Jacobians (vec(A X B) = (Bᵀ ⊗ A) vec X):
 * <ul>
 *   <li>ALL: 1ₙᵀ X 1_k (1×1), Jacobian 1_kᵀ ⊗ 1ₙᵀ;</li>
 *   <li>ROWS (as EJML's sumRows): X 1_k, the column (n×1) of row sums, Jacobian 1_kᵀ ⊗ Iₙ;</li>
 *   <li>COLUMNS (as EJML's sumCols): 1ₙᵀ X, the row (1×k) of column sums, Jacobian I_k ⊗ 1ₙᵀ.</li>
 * </ul>
 */
final class Reduction extends Node {

    /** Which entries are summed together. */
    enum Kind {
        ALL, ROWS, COLUMNS
    }

    private final Kind kind;

    Reduction(Node x, Kind kind) {
        super(x);
        this.kind = kind;
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        int n = x.numRows;
        int k = x.numCols;
        DMatrixRMaj out = switch (kind) {
            case ALL -> new DMatrixRMaj(1, 1);
            case ROWS -> new DMatrixRMaj(n, 1);
            case COLUMNS -> new DMatrixRMaj(1, k);
        };
        double[] sums = out.data;
        double[] data = x.data;
        for (int r = 0; r < n; r++) {
            int base = r * k;
            double rowSum = 0;
            for (int c = 0; c < k; c++) {
                rowSum += data[base + c];
            }
            if (kind == Kind.COLUMNS) {
                for (int c = 0; c < k; c++) {
                    sums[c] += data[base + c];
                }
            } else {
                sums[kind == Kind.ROWS ? r : 0] += rowSum;
            }
        }
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        int n = x.numRows;
        int k = x.numCols;
        return switch (kind) {
            case ALL -> KroneckerOperator.of(LocalMaps.onesRow(k), LocalMaps.onesRow(n));
            case ROWS -> KroneckerOperator.of(LocalMaps.onesRow(k), StructuralOperators.identity(n));
            case COLUMNS -> KroneckerOperator.of(StructuralOperators.identity(k), LocalMaps.onesRow(n));
        };
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        String name = switch (kind) {
            case ALL -> "sum";
            case ROWS -> "sumRows";
            case COLUMNS -> "sumCols";
        };
        return name + "(" + child(0) + ")";
    }
}
