package io.github.gradcheck.kron;

import io.github.gradcheck.internal.linalg.VecLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * vec and its inverse. vec stacks the <em>columns</em> of a matrix (the convention of the
 * matrix-calculus literature, under which {@code vec(AXB) = (Bᵀ ⊗ A) vec(X)}), although EJML
 * stores matrices row by row.
 */
public final class Vec {

    private Vec() {
    }

    /**
     * vec(X): the columns of X stacked into one column.
     *
     * @param x an m×n matrix, not modified
     * @return a new (m·n)×1 matrix; entry (r, c) of X is at row {@code c·m + r}
     */
    public static DMatrixRMaj vec(DMatrixRMaj x) {
        DMatrixRMaj v = new DMatrixRMaj(x.numRows * x.numCols, 1);
        VecLayout.vecInto(x, v.data);
        return v;
    }

    /**
     * The inverse of vec: the rows×cols matrix X with vec(X) = v.
     *
     * @param v a vector (a column or a row) of rows·cols entries, not modified
     * @param rows the number of rows of the result
     * @param cols the number of columns of the result
     * @return a new rows×cols matrix
     * @throws IllegalArgumentException when v is not a vector of rows·cols entries
     */
    public static DMatrixRMaj unvec(DMatrixRMaj v, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("unvec: rows and cols must be non-negative, got " + rows + "×" + cols);
        }
        if (v.numRows != 1 && v.numCols != 1) {
            throw new IllegalArgumentException(
                    "unvec: v must be a vector but is " + v.numRows + "×" + v.numCols);
        }
        if (v.getNumElements() != rows * cols) {
            throw new IllegalArgumentException("unvec: v has " + v.getNumElements() + " entries but a "
                    + rows + "×" + cols + " matrix needs " + rows * cols);
        }
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        VecLayout.unvecInto(v.data, x);
        return x;
    }
}
