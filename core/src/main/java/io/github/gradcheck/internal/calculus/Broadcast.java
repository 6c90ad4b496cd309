package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * The broadcasting rule of the entrywise binary operations (+, −, ⊙): two operands of one shape
 * n×k, or one of them expanded to the other's n×k: a 1×1 scalar, a 1×k row (repeated on every
 * row) or an n×1 column (repeated in every column). Each expansion is linear, and its Jacobian a
 * Kronecker form: vec(1ₙ b) = (I_k ⊗ 1ₙ) vec b for a row b, vec(c 1_kᵀ) = (1_k ⊗ Iₙ) vec c for
 * a column c, and (1_k ⊗ 1ₙ) for a scalar.
 */
final class Broadcast {

    /** How an operand becomes n×k. */
    enum Kind {
        NONE, SCALAR, ROW, COLUMN
    }

    private final int rows;
    private final int cols;
    private final Kind left;
    private final Kind right;

    private Broadcast(int rows, int cols, Kind left, Kind right) {
        this.rows = rows;
        this.cols = cols;
        this.left = left;
        this.right = right;
    }

    /**
     * The rule for operands a and b.
     *
     * @param operation "plus", "minus", "hadamard": the start of the message
     * @param formula the operation's formula, e.g. {@code X + b}
     * @param symbol the operator between the shapes in the message, e.g. {@code +}
     * @throws IllegalArgumentException when neither shape broadcasts to the other
     */
    static Broadcast of(String operation, String formula, String symbol, DMatrixRMaj a, DMatrixRMaj b) {
        int n = Math.max(a.numRows, b.numRows);
        int k = Math.max(a.numCols, b.numCols);
        Kind ka = kind(a, n, k);
        Kind kb = kind(b, n, k);
        // one operand has the result's shape: a row against a column is no outer sum
        if (ka == null || kb == null || (ka != Kind.NONE && kb != Kind.NONE)) {
            throw new IllegalArgumentException(operation + ": " + formula + " needs operands of one shape, or one of "
                    + "them broadcast against the other (a 1×1 scalar, a 1×k row against n×k, an n×1 column against "
                    + "n×k): " + Node.bracketed(a) + " " + symbol + " " + Node.bracketed(b));
        }
        return new Broadcast(n, k, ka, kb);
    }

    /** How an operand becomes n×k, null when it cannot. */
    private static Kind kind(DMatrixRMaj m, int n, int k) {
        if (m.numRows == n && m.numCols == k) {
            return Kind.NONE;
        }
        if (m.numRows == 1 && m.numCols == 1) {
            return Kind.SCALAR;
        }
        if (m.numRows == 1 && m.numCols == k) {
            return Kind.ROW;
        }
        if (m.numRows == n && m.numCols == 1) {
            return Kind.COLUMN;
        }
        return null;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** The left operand (0) or the right one (1) expanded to n×k; itself when it is n×k. */
    DMatrixRMaj expand(int operand, DMatrixRMaj m) {
        Kind kind = operand == 0 ? left : right;
        if (kind == Kind.NONE) {
            return m;
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        double[] data = out.data;
        for (int r = 0; r < rows; r++) {
            switch (kind) {
                case SCALAR -> Arrays.fill(data, r * cols, (r + 1) * cols, m.data[0]);
                case ROW -> System.arraycopy(m.data, 0, data, r * cols, cols);
                case COLUMN -> Arrays.fill(data, r * cols, (r + 1) * cols, m.data[r]);
                default -> throw new IllegalStateException("not expanded: " + kind);
            }
        }
        return out;
    }

    /** op(a, b) entry by entry, after expanding each operand to n×k. */
    DMatrixRMaj combine(DMatrixRMaj a, DMatrixRMaj b, DoubleBinaryOperator op) {
        double[] left = expand(0, a).data;
        double[] right = expand(1, b).data;
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        double[] data = out.data;
        for (int i = 0; i < data.length; i++) {
            data[i] = op.applyAsDouble(left[i], right[i]);
        }
        return out;
    }

    /** ∂vec(expanded operand)/∂vec(operand)ᵀ: nk × (entries of the operand). */
    Operator jacobian(int operand) {
        Kind kind = operand == 0 ? left : right;
        return switch (kind) {
            case NONE -> StructuralOperators.identity(rows * cols);
            case SCALAR -> KroneckerOperator.of(LocalMaps.ones(cols), LocalMaps.ones(rows));
            case ROW -> KroneckerOperator.of(StructuralOperators.identity(cols), LocalMaps.ones(rows));
            case COLUMN -> KroneckerOperator.of(LocalMaps.ones(cols), StructuralOperators.identity(rows));
        };
    }

    /** Whether the operand is expanded (its Jacobian is not the identity). */
    boolean expands(int operand) {
        return (operand == 0 ? left : right) != Kind.NONE;
    }
}
