package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.linalg.Coordinates;
import org.ejml.data.DMatrixRMaj;

/**
 * A matrix handed to user code, with a shadow of what it must still hold afterwards. gradcheck
 * writes through {@link #set}, which updates both; {@link #firstChange()} finds a write by the
 * user in one pass.
 */
final class Watched {

    final String name;
    final DMatrixRMaj matrix;
    private final double[] shadow;
    private final int rows;
    private final int cols;
    /** Whether the input holds float values: every value set is rounded to float. */
    private final boolean floats;

    Watched(String name, DMatrixRMaj source) {
        this(name, source, false);
    }

    Watched(String name, DMatrixRMaj source, boolean floats) {
        this.floats = floats;
        this.name = name;
        this.rows = source.numRows;
        this.cols = source.numCols;
        this.matrix = new DMatrixRMaj(rows, cols);
        this.shadow = new double[rows * cols];
        reset(source);
    }

    /** Sets data[index] (row-major) in the matrix and its shadow. */
    void set(int dataIndex, double value) {
        double v = floats ? (float) value : value;
        matrix.data[dataIndex] = v;
        shadow[dataIndex] = v;
    }

    /** The value at a data index (what the user's function sees). */
    double get(int dataIndex) {
        return matrix.data[dataIndex];
    }

    /** Sets the entries of coordinate k (one, or a symmetric pair) to {@code value}. */
    void set(Coordinates coordinates, int k, double value) {
        set(coordinates.dataIndex(k), value);
        if (coordinates.pairedIndex(k) >= 0) {
            set(coordinates.pairedIndex(k), value);
        }
    }

    /** Makes the matrix and its shadow equal to {@code source} (same shape) again. */
    void reset(DMatrixRMaj source) {
        if (matrix.numRows != rows || matrix.numCols != cols) {
            matrix.reshape(rows, cols);
        }
        int n = rows * cols;
        System.arraycopy(source.data, 0, matrix.data, 0, n);
        System.arraycopy(source.data, 0, shadow, 0, n);
    }

    /** Sets every entry to zero. */
    void clear() {
        java.util.Arrays.fill(matrix.data, 0, rows * cols, 0.0);
        java.util.Arrays.fill(shadow, 0.0);
    }

    double expected(int dataIndex) {
        return shadow[dataIndex];
    }

    /** −1 when unchanged; −2 when the shape changed; otherwise the first changed data index. */
    int firstChange() {
        if (matrix.numRows != rows || matrix.numCols != cols) {
            return -2;
        }
        // bitwise, vectorized: writing −0.0 over 0.0 is a modification too
        int n = rows * cols;
        int i = java.util.Arrays.mismatch(matrix.data, 0, n, shadow, 0, n);
        return i < 0 ? -1 : i;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }
}
