package io.github.gradcheck.kron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;

/**
 * Reference results the Kronecker tests compare with, computed the plain way: the textbook block
 * matrix A ⊗ B and entry-by-entry comparison of matrices.
 */
final class Reference {

    private Reference() {
    }

    /** A ⊗ B as the block matrix with block (i, j) equal to A[i][j]·B. */
    static DMatrixRMaj kron(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj k = new DMatrixRMaj(a.numRows * b.numRows, a.numCols * b.numCols);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                for (int u = 0; u < b.numRows; u++) {
                    for (int v = 0; v < b.numCols; v++) {
                        k.set(i * b.numRows + u, j * b.numCols + v, a.get(i, j) * b.get(u, v));
                    }
                }
            }
        }
        return k;
    }

    /** The n×n identity. */
    static DMatrixRMaj eye(int n) {
        DMatrixRMaj e = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            e.set(i, i, 1);
        }
        return e;
    }

    /** The unit vector eⱼ ∈ ℝⁿ, as an n×1 matrix. */
    static DMatrixRMaj unit(int n, int j) {
        DMatrixRMaj e = new DMatrixRMaj(n, 1);
        e.set(j, 0, 1);
        return e;
    }

    /** Asserts the same shape and entries within {@code tol}, naming the first entry that differs. */
    static void assertMatrixEquals(DMatrixRMaj expected, DMatrixRMaj actual, double tol) {
        assertEquals(expected.numRows + "×" + expected.numCols, actual.numRows + "×" + actual.numCols, "shape");
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (!(Math.abs(e - a) <= tol) && !(Double.isNaN(e) && Double.isNaN(a))) {
                    assertEquals(e, a, tol, "entry (" + i + ", " + j + ")");
                }
            }
        }
    }
}
