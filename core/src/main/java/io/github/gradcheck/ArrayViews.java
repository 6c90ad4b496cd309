package io.github.gradcheck;

import io.github.gradcheck.internal.check.UserCodeProblem;
import io.github.gradcheck.internal.verdict.Problem;
import org.ejml.data.DMatrixRMaj;

/**
 * Arrays seen as matrices, for the checks of array code: a {@code double[]} is a column vector
 * (n×1), a {@code double[][]} a matrix by rows. What the user's code returns is read, never kept.
 */
final class ArrayViews {

    private ArrayViews() {
    }

    /** The entries of a matrix gradcheck made (its array holds exactly its entries, row-major). */
    static double[] data(DMatrixRMaj m) {
        return m.data.length == m.getNumElements() ? m.data : java.util.Arrays.copyOf(m.data, m.getNumElements());
    }

    /** A vector as an n×1 matrix over the same array (read only), or null for null. */
    static DMatrixRMaj column(double[] v) {
        return v == null ? null : DMatrixRMaj.wrap(v.length, 1, v);
    }

    /** A float vector as a new n×1 matrix of doubles, or null for null. */
    static DMatrixRMaj column(float[] v) {
        if (v == null) {
            return null;
        }
        DMatrixRMaj m = new DMatrixRMaj(v.length, 1);
        for (int i = 0; i < v.length; i++) {
            m.data[i] = v[i];
        }
        return m;
    }

    /** The entries of a matrix as floats (they are floats already when the input is declared float). */
    static float[] floats(DMatrixRMaj m) {
        float[] out = new float[m.getNumElements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) m.data[i];
        }
        return out;
    }

    /**
     * A matrix given by rows, copied; null for null.
     *
     * @param label how reports name the derivative that returned it
     * @throws UserCodeProblem for a null or ragged row
     */
    static DMatrixRMaj matrix(double[][] rows, String label) {
        if (rows == null) {
            return null;
        }
        int cols = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
        DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols) {
                throw new UserCodeProblem(new Problem.Malformed(label, "row " + r + " has "
                        + (rows[r] == null ? "no entries (null)" : rows[r].length + " entries") + " but row 0 has " + cols
                        + ": a Jacobian J[i][j] = ∂F_i/∂x_j has one row of n entries per output"));
            }
            System.arraycopy(rows[r], 0, m.data, r * cols, cols);
        }
        return m;
    }
}
