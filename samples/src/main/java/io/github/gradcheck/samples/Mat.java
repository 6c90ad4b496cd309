package io.github.gradcheck.samples;

import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;

/**
 * The small matrix helpers a code base that hand-writes its derivatives has, on EJML. Every
 * method returns a new matrix and leaves its arguments as they were.
 */
public final class Mat {

    private Mat() {
    }

    /** A·B. */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    /** A·B·C. */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return mult(mult(a, b), c);
    }

    /** Aᵀ. */
    public static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /** A + B. */
    public static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.add(a, b, null);
    }

    /** A − B. */
    public static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.subtract(a, b, null);
    }

    /** c·A. */
    public static DMatrixRMaj scale(double c, DMatrixRMaj a) {
        DMatrixRMaj b = a.copy();
        CommonOps_DDRM.scale(c, b);
        return b;
    }

    /** A ⊙ B, entry by entry. */
    public static DMatrixRMaj hadamard(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.elementMult(a, b, null);
    }

    /** σ applied to every entry. */
    public static DMatrixRMaj map(DMatrixRMaj a, DoubleUnaryOperator sigma) {
        DMatrixRMaj b = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < a.getNumElements(); i++) {
            b.data[i] = sigma.applyAsDouble(a.data[i]);
        }
        return b;
    }

    /** The logistic function 1 / (1 + e^(−x)). */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** Σᵢⱼ Aᵢⱼ Bᵢⱼ = tr(AᵀB), the Frobenius inner product. */
    public static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    /** Σᵢⱼ Aᵢⱼ. */
    public static double sum(DMatrixRMaj a) {
        return CommonOps_DDRM.elementSum(a);
    }

    /** tr(A). */
    public static double trace(DMatrixRMaj a) {
        return CommonOps_DDRM.trace(a);
    }

    /** A⁻¹ (A square and invertible). */
    public static DMatrixRMaj inverse(DMatrixRMaj a) {
        DMatrixRMaj inverse = a.copy();
        if (!CommonOps_DDRM.invert(inverse)) {
            throw new ArithmeticException("the matrix is singular");
        }
        return inverse;
    }

    /** det(A). */
    public static double det(DMatrixRMaj a) {
        return CommonOps_DDRM.det(a);
    }

    /** log|det A|, from the diagonal of A's LU factors (no overflow of det itself). */
    public static double logAbsDet(DMatrixRMaj a) {
        LUDecomposition_F64<DMatrixRMaj> lu = DecompositionFactory_DDRM.lu(a.numRows, a.numCols);
        if (!lu.decompose(a.copy())) {
            throw new ArithmeticException("the matrix is singular");
        }
        DMatrixRMaj u = lu.getUpper(null);
        double sum = 0;
        for (int i = 0; i < u.numRows; i++) {
            sum += Math.log(Math.abs(u.get(i, i)));
        }
        return sum;
    }

    /** A with the row vector b (1×k) added to each of its rows: A + 1·b, a broadcast bias. */
    public static DMatrixRMaj plusRow(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        for (int r = 0; r < a.numRows; r++) {
            for (int k = 0; k < a.numCols; k++) {
                c.add(r, k, b.get(0, k));
            }
        }
        return c;
    }

    /** 1ᵀA: the sums of A's columns, a 1×k row (the gradient of a broadcast bias). */
    public static DMatrixRMaj columnSums(DMatrixRMaj a) {
        return CommonOps_DDRM.sumCols(a, null);
    }

    /** The softmax of each row: sᵢⱼ = exp(zᵢⱼ) / Σₖ exp(zᵢₖ), computed without overflow. */
    public static DMatrixRMaj softmaxRows(DMatrixRMaj z) {
        DMatrixRMaj s = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.numCols; c++) {
                max = Math.max(max, z.get(r, c));
            }
            double total = 0;
            for (int c = 0; c < z.numCols; c++) {
                double e = Math.exp(z.get(r, c) - max);
                s.set(r, c, e);
                total += e;
            }
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, s.get(r, c) / total);
            }
        }
        return s;
    }

    /** The softmax of a column vector z (k×1). */
    public static DMatrixRMaj softmax(DMatrixRMaj z) {
        return transpose(softmaxRows(transpose(z)));
    }

    /** The n×n identity. */
    public static DMatrixRMaj identity(int n) {
        return CommonOps_DDRM.identity(n);
    }

    /** The diagonal matrix with the entries of v (a vector) on its diagonal. */
    public static DMatrixRMaj diag(DMatrixRMaj v) {
        DMatrixRMaj d = new DMatrixRMaj(v.getNumElements(), v.getNumElements());
        for (int i = 0; i < v.getNumElements(); i++) {
            d.set(i, i, v.data[i]);
        }
        return d;
    }
}
