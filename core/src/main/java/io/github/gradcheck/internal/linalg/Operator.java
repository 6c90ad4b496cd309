package io.github.gradcheck.internal.linalg;

import io.github.gradcheck.internal.text.Numbers;
import org.ejml.data.DMatrixRMaj;

/**
 * The toolkit's own linear maps, on plain arrays: checks and compositions apply them without
 * wrapping vectors in matrices, and a column (M·eⱼ) comes cheaply where the structure allows (a
 * column of A ⊗ B is an outer product). The public {@code LinearMap}s of {@code kron} and of
 * expressions are built on them ({@link Backed}). Implementations are immutable and safe to share
 * between threads.
 */
public abstract class Operator {

    /** Maps with more entries than this cannot be formed as one EJML matrix. */
    static final long MAX_DENSE = Integer.MAX_VALUE - 8;

    private final int rows;
    private final int cols;

    protected Operator(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** The dimension of the output. */
    public final int rows() {
        return rows;
    }

    /** The dimension of the input. */
    public final int cols() {
        return cols;
    }

    /**
     * {@code out[0 .. rows) = M · in[0 .. cols)}.
     *
     * @param in read only
     * @param out overwritten; never the same array as {@code in}
     */
    public abstract void applyInto(double[] in, double[] out);

    /**
     * {@code out[0 .. rows) = M · eⱼ}, column j of the matrix. This default applies the map to a
     * unit vector; structured maps do better.
     */
    public void columnInto(int j, double[] out) {
        double[] unit = new double[cols];
        unit[j] = 1.0;
        applyInto(unit, out);
    }

    /**
     * {@code out[0 .. rows) += c · M · eⱼ}: column j accumulated, so that sums of structured maps
     * need no column of their own. This default forms the column first.
     */
    public void addColumnTo(int j, double c, double[] out) {
        double[] column = new double[rows];
        columnInto(j, column);
        for (int i = 0; i < rows; i++) {
            out[i] += c * column[i];
        }
    }

    /**
     * The matrix behind a dense map, for products computed a block at a time rather than as a
     * loop of matrix-vector products: M, or its transpose when {@code transposed}; null for other
     * maps.
     */
    record DenseView(DMatrixRMaj matrix, boolean transposed) {
    }

    DenseView denseView() {
        return null;
    }

    /** The transpose Mᵀ. */
    public abstract Operator transpose();

    /**
     * Whether applying this map runs only the toolkit's own arithmetic on data it holds (no user
     * code, nothing shared), so that a check may apply it on another core while the user's
     * function is evaluated. False unless an implementation knows better.
     */
    public boolean selfContained() {
        return false;
    }

    /**
     * M·v for a vector given as a matrix, checked: what {@code LinearMap.apply} does.
     *
     * @throws IllegalArgumentException when vecIn is null or not a vector of {@link #cols()} entries
     */
    public final DMatrixRMaj apply(DMatrixRMaj vecIn) {
        if (vecIn == null) {
            throw new IllegalArgumentException("apply: the vector is null");
        }
        if (vecIn.numRows != 1 && vecIn.numCols != 1) {
            throw new IllegalArgumentException("apply: the argument is a " + Numbers.shape(vecIn.numRows, vecIn.numCols)
                    + " matrix, not a vector; apply the " + Numbers.shape(rows, cols) + " map to vec(X) ("
                    + "Vec.vec(X)), a " + cols + "×1 vector");
        }
        if (vecIn.getNumElements() != cols) {
            throw new IllegalArgumentException("apply: the vector has " + vecIn.getNumElements() + " entries but the "
                    + Numbers.shape(rows, cols) + " map takes " + cols);
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, 1);
        double[] in = vecIn.data.length == cols ? vecIn.data : java.util.Arrays.copyOf(vecIn.data, cols);
        applyInto(in, out.data);
        return out;
    }

    /** A short description of the map for messages, e.g. {@code (3×4 ⊗ 2×2)}. */
    @Override
    public abstract String toString();

    /** "rows×cols". */
    public final String shape() {
        return Numbers.shape(rows, cols);
    }

    /** The IllegalArgumentException for two maps whose dimensions do not fit. */
    static IllegalArgumentException mismatch(String what, Operator a, Operator b, String rule) {
        return new IllegalArgumentException(what + ": the maps are " + a.shape() + " and " + b.shape() + "; " + rule);
    }
}
