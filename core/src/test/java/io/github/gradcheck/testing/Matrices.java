package io.github.gradcheck.testing;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Test matrices and the matrix functions the tests differentiate. */
public final class Matrices {

    private Matrices() {
    }

    /** Entries uniform in [−1, 1). */
    public static DMatrixRMaj random(int rows, int cols, long seed) {
        return RandomMatrices_DDRM.rectangle(rows, cols, -1, 1, new Random(seed));
    }

    /** Entries uniform in [−1, 1), times {@code scale}. */
    public static DMatrixRMaj random(int rows, int cols, double scale, long seed) {
        DMatrixRMaj m = random(rows, cols, seed);
        CommonOps_DDRM.scale(scale, m);
        return m;
    }

    public static DMatrixRMaj of(double[][] rows) {
        return new DMatrixRMaj(rows);
    }

    /** U·diag(σ)·Vᵀ with random orthogonal U, V and σ log-spaced from 1 down to 1/condition. */
    public static DMatrixRMaj withCondition(int n, double condition, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj u = orthogonal(n, random);
        DMatrixRMaj v = orthogonal(n, random);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            s.set(i, i, Math.pow(condition, -(double) i / Math.max(1, n - 1)));
        }
        DMatrixRMaj us = new DMatrixRMaj(n, n);
        DMatrixRMaj x = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(u, s, us);
        CommonOps_DDRM.multTransB(us, v, x);
        return x;
    }

    private static DMatrixRMaj orthogonal(int n, Random random) {
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(a);
        return qr.getQ(null, false);
    }

    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    public static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    public static DMatrixRMaj scale(double c, DMatrixRMaj a) {
        DMatrixRMaj b = a.copy();
        CommonOps_DDRM.scale(c, b);
        return b;
    }

    public static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        CommonOps_DDRM.addEquals(c, b);
        return c;
    }

    public static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        CommonOps_DDRM.subtractEquals(c, b);
        return c;
    }

    /** log|det X| through the LU factors (accurate near singular matrices). */
    public static double logAbsDet(DMatrixRMaj x) {
        var lu = DecompositionFactory_DDRM.lu(x.numRows, x.numCols);
        DMatrixRMaj copy = x.copy();
        if (!lu.decompose(copy)) {
            return Double.NaN;
        }
        DMatrixRMaj u = lu.getUpper(null);
        double sum = 0;
        for (int i = 0; i < u.numRows; i++) {
            sum += Math.log(Math.abs(u.get(i, i)));
        }
        return sum;
    }

    /** X⁻ᵀ, the gradient of log|det X|. */
    public static DMatrixRMaj inverseTranspose(DMatrixRMaj x) {
        DMatrixRMaj inverse = x.copy();
        if (!CommonOps_DDRM.invert(inverse)) {
            throw new IllegalArgumentException("singular");
        }
        return transpose(inverse);
    }

    /** ⟨A, B⟩ = Σ aᵢⱼ bᵢⱼ, the Frobenius inner product. */
    public static double inner(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    /** Sum of squares of the entries. */
    public static double sumOfSquares(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * x.data[i];
        }
        return s;
    }

    /** Σ relu(xᵢⱼ). */
    public static double sumRelu(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += Math.max(0, x.data[i]);
        }
        return s;
    }

    /** The gradient of Σ relu: 1 where x > 0, else 0. */
    public static DMatrixRMaj reluGradient(DMatrixRMaj x) {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] = x.data[i] > 0 ? 1 : 0;
        }
        return g;
    }

    /** Row-wise softmax. */
    public static DMatrixRMaj softmaxRows(DMatrixRMaj z) {
        DMatrixRMaj s = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.numCols; c++) {
                max = Math.max(max, z.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < z.numCols; c++) {
                double e = Math.exp(z.get(r, c) - max);
                s.set(r, c, e);
                sum += e;
            }
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, s.get(r, c) / sum);
            }
        }
        return s;
    }

    /** The VJP of row-wise softmax: (G − rowsum(G ∘ S)) ∘ S. */
    public static DMatrixRMaj softmaxRowsVjp(DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj s = softmaxRows(z);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double dot = 0;
            for (int c = 0; c < z.numCols; c++) {
                dot += g.get(r, c) * s.get(r, c);
            }
            for (int c = 0; c < z.numCols; c++) {
                out.set(r, c, (g.get(r, c) - dot) * s.get(r, c));
            }
        }
        return out;
    }

    /**
     * Softmax's VJP computed as if softmax were elementwise, G ∘ S ∘ (1 − S): the classic wrong
     * twin of {@link #softmaxRowsVjp}, right on the diagonal only.
     */
    public static DMatrixRMaj softmaxRowsVjpAsIfElementwise(DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj s = softmaxRows(z);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] = g.data[i] * s.data[i] * (1 - s.data[i]);
        }
        return out;
    }
}
