package io.github.gradcheck.internal.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The one place where vec (column stacking) meets EJML's row-major storage.
 *
 * <p>For an m×n matrix X, entry (r, c) is element {@code c·m + r} of vec(X) and element
 * {@code r·n + c} of {@code X.data}. Every other class converts through these methods.
 */
public final class VecLayout {

    private VecLayout() {
    }

    /** Position of entry (row, col) in vec(X) for a matrix with {@code rows} rows. */
    public static int vecIndex(int row, int col, int rows) {
        return col * rows + row;
    }

    /** Row of the entry at position {@code vecIndex} of vec(X). */
    public static int row(int vecIndex, int rows) {
        return vecIndex % rows;
    }

    /** Column of the entry at position {@code vecIndex} of vec(X). */
    public static int col(int vecIndex, int rows) {
        return vecIndex / rows;
    }

    /** Position in EJML's row-major {@code data} array of element {@code vecIndex} of vec(X). */
    public static int dataIndex(int vecIndex, int rows, int cols) {
        return row(vecIndex, rows) * cols + col(vecIndex, rows);
    }

    /** Position of entry (row, col), row ≥ col, in vech(S) of an n×n S (lower triangle, by columns). */
    public static int vechIndex(int row, int col, int n) {
        return col * n - col * (col - 1) / 2 + row - col;
    }

    /** Tile size of the blocked transposition: a tile of each array fits in the L1 cache. */
    private static final int TILE = 32;

    /** Writes vec(X) into {@code out[0 .. m·n)}. */
    public static void vecInto(DMatrixRMaj x, double[] out) {
        int rows = x.numRows;
        int cols = x.numCols;
        double[] data = x.data;
        if (rows == 1 || cols == 1) {
            System.arraycopy(data, 0, out, 0, rows * cols);
            return;
        }
        // tile by tile: both the strided writes and the contiguous reads stay in cache
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int base = r * cols;
                    for (int c = c0; c < c1; c++) {
                        out[c * rows + r] = data[base + c];
                    }
                }
            }
        }
    }

    /** Writes {@code v[0 .. m·n)} into X as vec(X) = v. */
    public static void unvecInto(double[] v, DMatrixRMaj x) {
        int rows = x.numRows;
        int cols = x.numCols;
        double[] data = x.data;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                data[base + c] = v[c * rows + r];
            }
        }
    }
}
