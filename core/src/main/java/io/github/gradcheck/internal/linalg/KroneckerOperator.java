package io.github.gradcheck.internal.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * P ⊗ Q for maps P (p×q) and Q (r×s), never formed: {@code (P ⊗ Q) vec(X) = vec(Q X Pᵀ)} for X
 * s×q. The input vector is vec(X), so column c of X is the contiguous block
 * {@code in[c·s .. (c+1)·s)}: Q is applied to each of those q blocks (T = Q X, r×q), then P to
 * each of the r rows of T. Column j of P ⊗ Q, with j = c·s + i, is {@code (P e_c) ⊗ (Q e_i)}.
 */
public final class KroneckerOperator extends Operator {

    private final Operator p;
    private final Operator q;

    private KroneckerOperator(Operator p, Operator q) {
        super(Math.multiplyExact(p.rows(), q.rows()), Math.multiplyExact(p.cols(), q.cols()));
        this.p = p;
        this.q = q;
    }

    /**
     * P ⊗ Q.
     *
     * @throws IllegalArgumentException when the product's dimensions overflow an int
     */
    public static KroneckerOperator of(Operator p, Operator q) {
        try {
            return new KroneckerOperator(p, q);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Kron.of: " + p.shape() + " ⊗ " + q.shape()
                    + " has more rows or columns than an int counts", e);
        }
    }

    @Override
    public void applyInto(double[] in, double[] out) {
        DenseView pView = p.denseView();
        DenseView qView = q.denseView();
        if (pView != null && qView != null) {
            applyDense(pView, qView, in, out);
            return;
        }
        int r = q.rows();
        int s = q.cols();
        int pRows = p.rows();
        int pCols = p.cols();
        // T = Q X, column-major: column c of T at t[c·r .. (c+1)·r)
        double[] t = new double[r * pCols];
        double[] column = new double[s];
        double[] image = new double[r];
        for (int c = 0; c < pCols; c++) {
            System.arraycopy(in, VecLayout.vecIndex(0, c, s), column, 0, s);
            q.applyInto(column, image);
            System.arraycopy(image, 0, t, VecLayout.vecIndex(0, c, r), r);
        }
        // vec(T Pᵀ): row u of the result is P applied to row u of T
        double[] row = new double[pCols];
        double[] mapped = new double[pRows];
        for (int u = 0; u < r; u++) {
            for (int c = 0; c < pCols; c++) {
                row[c] = t[VecLayout.vecIndex(u, c, r)];
            }
            p.applyInto(row, mapped);
            for (int a = 0; a < pRows; a++) {
                out[VecLayout.vecIndex(u, a, r)] = mapped[a];
            }
        }
    }

    /**
     * vec(Q X Pᵀ) by two products of the form A·Bᵀ on row-major arrays. Read row-major, vec(X)
     * (X s×q, columns stacked) is Xᵀ, so T = Q X = Q·(Xᵀ)ᵀ; and vec(T Pᵀ) read row-major is
     * (T Pᵀ)ᵀ = P·Tᵀ, written straight into {@code out}.
     */
    private void applyDense(DenseView pView, DenseView qView, double[] in, double[] out) {
        int r = q.rows();
        double[] t = new double[r * p.cols()];
        DenseProduct.timesTranspose(rowMajor(qView), in, t, r, q.cols(), p.cols());
        DenseProduct.timesTranspose(rowMajor(pView), t, out, p.rows(), p.cols(), r);
    }

    /** The entries of a dense factor, row by row (a transposed view is copied transposed). */
    private static double[] rowMajor(DenseView view) {
        DMatrixRMaj m = view.matrix();
        return view.transposed() ? CommonOps_DDRM.transpose(m, null).data : m.data;
    }

    @Override
    public void columnInto(int j, double[] out) {
        Arrays.fill(out, 0, rows(), 0.0);
        addColumnTo(j, 1.0, out);
    }

    @Override
    public void addColumnTo(int j, double c, double[] out) {
        int r = q.rows();
        int s = q.cols();
        double[] left = new double[p.rows()];
        double[] right = new double[r];
        p.columnInto(VecLayout.col(j, s), left);
        q.columnInto(VecLayout.row(j, s), right);
        for (int a = 0; a < left.length; a++) {
            double x = c * left[a];
            if (x != 0) {
                int base = VecLayout.vecIndex(0, a, r);
                for (int u = 0; u < r; u++) {
                    out[base + u] += x * right[u];
                }
            }
        }
    }

    @Override
    public boolean selfContained() {
        return p.selfContained() && q.selfContained();
    }

    @Override
    public Operator transpose() {
        return new KroneckerOperator(p.transpose(), q.transpose());
    }

    @Override
    public String toString() {
        return "(" + p + " ⊗ " + q + ")";
    }
}
