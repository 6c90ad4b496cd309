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
     * @throws IllegalArgumentException for null
     */
    public static DMatrixRMaj vec(DMatrixRMaj x) {
        requireNonNull(x, "vec: X");
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
     * @throws IllegalArgumentException for null, negative dimensions, or when v is not a vector of
     *     rows·cols entries
     */
    public static DMatrixRMaj unvec(DMatrixRMaj v, int rows, int cols) {
        requireNonNull(v, "unvec: v");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("unvec: rows and cols must be non-negative, got " + rows + "×" + cols);
        }
        if (v.numRows != 1 && v.numCols != 1) {
            throw new IllegalArgumentException(
                    "unvec: v must be a vector but is " + v.numRows + "×" + v.numCols);
        }
        if (v.getNumElements() != (long) rows * cols) {
            throw new IllegalArgumentException("unvec: v has " + v.getNumElements() + " entries but a "
                    + rows + "×" + cols + " matrix needs " + (long) rows * cols);
        }
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        VecLayout.unvecInto(v.data, x);
        return x;
    }

    /**
     * vech(S): the columns of the lower triangle of a square S (diagonal included) stacked into
     * one column, n(n+1)/2 entries; for a symmetric S, {@code Kron.duplication(n)·vech(S) = vec(S)}.
     *
     * @param s an n×n matrix, not modified (its upper triangle is not read)
     * @return a new (n(n+1)/2)×1 matrix; entry (i, j), i ≥ j, is at row {@code j·n − j(j−1)/2 + i − j}
     * @throws IllegalArgumentException for null or when s is not square
     */
    public static DMatrixRMaj vech(DMatrixRMaj s) {
        requireNonNull(s, "vech: S");
        if (s.numRows != s.numCols) {
            throw new IllegalArgumentException("vech: S must be square but is " + s.numRows + "×" + s.numCols);
        }
        int n = s.numRows;
        DMatrixRMaj v = new DMatrixRMaj(n * (n + 1) / 2, 1);
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                v.data[VecLayout.vechIndex(i, j, n)] = s.unsafe_get(i, j);
            }
        }
        return v;
    }

    /**
     * The inverse of vech: the symmetric n×n matrix S with vech(S) = v.
     *
     * @param v a vector of n(n+1)/2 entries, not modified
     * @param n the order of S
     * @return a new symmetric n×n matrix
     * @throws IllegalArgumentException for null, a negative n, or when v is not a vector of n(n+1)/2
     *     entries
     */
    public static DMatrixRMaj unvech(DMatrixRMaj v, int n) {
        requireNonNull(v, "unvech: v");
        if (n < 0) {
            throw new IllegalArgumentException("unvech: n must be non-negative, got " + n);
        }
        if (v.numRows != 1 && v.numCols != 1) {
            throw new IllegalArgumentException("unvech: v must be a vector but is " + v.numRows + "×" + v.numCols);
        }
        long size = (long) n * (n + 1) / 2;
        if (v.getNumElements() != size) {
            throw new IllegalArgumentException("unvech: v has " + v.getNumElements() + " entries but a symmetric "
                    + n + "×" + n + " matrix needs " + size);
        }
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double value = v.data[VecLayout.vechIndex(i, j, n)];
                s.unsafe_set(i, j, value);
                s.unsafe_set(j, i, value);
            }
        }
        return s;
    }

    private static void requireNonNull(DMatrixRMaj m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is null");
        }
    }
}
