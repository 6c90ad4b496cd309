package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import io.github.gradcheck.internal.linalg.VecLayout;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/** Small building blocks of local Jacobians: vectors of ones, vec(M) as a row or a column, c·M. */
final class LocalMaps {

    private LocalMaps() {
    }

    /** 1ₙ, the n×1 vector of ones, as a map ℝ → ℝⁿ. */
    static Operator ones(int n) {
        DMatrixRMaj column = new DMatrixRMaj(n, 1);
        Arrays.fill(column.data, 0, n, 1.0);
        return Operators.dense(column);
    }

    /** 1ₙᵀ, the row of n ones, as a map ℝⁿ → ℝ (a sum). */
    static Operator onesRow(int n) {
        return ones(n).transpose();
    }

    /** vec(M)ᵀ as a map ℝ^{mn} → ℝ: H ↦ ⟨M, H⟩. */
    static Operator vecRow(DMatrixRMaj m) {
        DMatrixRMaj row = new DMatrixRMaj(1, m.getNumElements());
        VecLayout.vecInto(m, row.data);
        return Operators.dense(row);
    }

    /** vec(M) as a map ℝ → ℝ^{mn}: t ↦ t·vec(M). */
    static Operator vecColumn(DMatrixRMaj m) {
        return vecRow(m).transpose();
    }

    /** c·Iₙ. */
    static Operator scaledIdentity(double c, int n) {
        return times(c, StructuralOperators.identity(n));
    }

    /** c·M, for any c (a non-finite c too: the value it multiplies is then non-finite as well). */
    static Operator times(double c, Operator map) {
        if (c == 1.0) {
            return map;
        }
        if (Double.isFinite(c)) {
            return Operators.scaled(c, map);
        }
        DMatrixRMaj diagonal = new DMatrixRMaj(map.rows(), 1);
        Arrays.fill(diagonal.data, 0, map.rows(), c);
        return Operators.product(StructuralOperators.diagonal(diagonal), map);
    }
}
