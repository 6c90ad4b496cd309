package io.github.gradcheck.internal.linalg;

import io.github.gradcheck.internal.text.Numbers;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The maps that only move, copy or scale entries: the identity, the commutation matrix (vec of a
 * transpose), diagonal maps (Hadamard products) and the duplication matrix (vech to vec).
 */
public final class StructuralOperators {

    private StructuralOperators() {
    }

    public static Operator identity(int n) {
        requirePositive("Kron.identity: n", n);
        return new Diagonal(null, n);
    }

    public static Operator commutation(int m, int n) {
        requirePositive("Kron.commutation: m", m);
        requirePositive("Kron.commutation: n", n);
        if ((long) m * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Kron.commutation: " + m + "·" + n + " entries overflow an int");
        }
        return new Commutation(m, n);
    }

    /** The zero map ℝ^cols → ℝ^rows (the Jacobian of a function that does not depend on an input). */
    public static Operator zero(int rows, int cols) {
        requirePositive("zero: rows", rows);
        requirePositive("zero: cols", cols);
        return new Zero(rows, cols);
    }

    /** diag(vec V), V copied. */
    public static Operator diagonal(DMatrixRMaj v) {
        if (v == null) {
            throw new IllegalArgumentException("Kron.diag: the vector is null");
        }
        if (v.numRows == 0 || v.numCols == 0) {
            throw new IllegalArgumentException("Kron.diag: the vector is empty (" + Numbers.shape(v.numRows, v.numCols)
                    + ")");
        }
        double[] values = new double[v.getNumElements()];
        VecLayout.vecInto(v, values);
        return new Diagonal(values, values.length);
    }

    public static Operator duplication(int n) {
        requirePositive("Kron.duplication: n", n);
        if ((long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Kron.duplication: " + n + "² entries overflow an int");
        }
        return new Duplication(n, false);
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    /** diag(d), or the identity when d is null. */
    private static final class Diagonal extends Operator {
        private final double[] d;

        Diagonal(double[] d, int n) {
            super(n, n);
            this.d = d;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            if (d == null) {
                System.arraycopy(in, 0, out, 0, rows());
                return;
            }
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] * in[i];
            }
        }

        @Override
        public void columnInto(int j, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
            out[j] = d == null ? 1.0 : d[j];
        }

        @Override
        public void addColumnTo(int j, double c, double[] out) {
            out[j] += c * (d == null ? 1.0 : d[j]);
        }

        @Override
        public boolean selfContained() {
            return true;
        }

        @Override
        public Operator transpose() {
            return this;
        }

        @Override
        public String toString() {
            return d == null ? "I(" + rows() + ")" : "diag(" + rows() + ")";
        }
    }

    /** K with K vec(X) = vec(Xᵀ) for X m×n: entry (i, j) moves from i + j·m to j + i·n. */
    private static final class Commutation extends Operator {
        private final int m;
        private final int n;

        Commutation(int m, int n) {
            super(m * n, m * n);
            this.m = m;
            this.n = n;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            for (int j = 0; j < n; j++) {
                int from = VecLayout.vecIndex(0, j, m);
                for (int i = 0; i < m; i++) {
                    out[VecLayout.vecIndex(j, i, n)] = in[from + i];
                }
            }
        }

        @Override
        public void columnInto(int k, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
            out[VecLayout.vecIndex(VecLayout.col(k, m), VecLayout.row(k, m), n)] = 1.0;
        }

        @Override
        public void addColumnTo(int k, double c, double[] out) {
            out[VecLayout.vecIndex(VecLayout.col(k, m), VecLayout.row(k, m), n)] += c;
        }

        @Override
        public boolean selfContained() {
            return true;
        }

        @Override
        public Operator transpose() {
            return new Commutation(n, m);
        }

        @Override
        public String toString() {
            return "K(" + m + "," + n + ")";
        }
    }

    /**
     * Dₙ (n² × n(n+1)/2) with Dₙ vech(S) = vec(S), or its transpose, which adds the two entries
     * of each off-diagonal pair: Dₙᵀ vec(X) = vech(X + Xᵀ − X∘I).
     */
    private static final class Duplication extends Operator {
        private final int n;
        private final boolean transposed;

        Duplication(int n, boolean transposed) {
            super(transposed ? n * (n + 1) / 2 : n * n, transposed ? n * n : n * (n + 1) / 2);
            this.n = n;
            this.transposed = transposed;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    int h = VecLayout.vechIndex(i, j, n);
                    int lower = VecLayout.vecIndex(i, j, n);
                    int upper = VecLayout.vecIndex(j, i, n);
                    if (transposed) {
                        out[h] = i == j ? in[lower] : in[lower] + in[upper];
                    } else {
                        out[lower] = in[h];
                        out[upper] = in[h];
                    }
                }
            }
        }

        @Override
        public void columnInto(int k, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
            if (transposed) {
                int i = VecLayout.row(k, n);
                int j = VecLayout.col(k, n);
                out[VecLayout.vechIndex(Math.max(i, j), Math.min(i, j), n)] = 1.0;
                return;
            }
            int j = 0;
            while (k >= VecLayout.vechIndex(n - 1, j, n) + 1) {
                j++;
            }
            int i = j + k - VecLayout.vechIndex(j, j, n);
            out[VecLayout.vecIndex(i, j, n)] = 1.0;
            out[VecLayout.vecIndex(j, i, n)] = 1.0;
        }

        @Override
        public boolean selfContained() {
            return true;
        }

        @Override
        public Operator transpose() {
            return new Duplication(n, !transposed);
        }

        @Override
        public String toString() {
            return transposed ? "D(" + n + ")ᵀ" : "D(" + n + ")";
        }
    }

    private static final class Zero extends Operator {
        Zero(int rows, int cols) {
            super(rows, cols);
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
        }

        @Override
        public void columnInto(int j, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
        }

        @Override
        public void addColumnTo(int j, double c, double[] out) {
            // adds nothing
        }

        @Override
        public boolean selfContained() {
            return true;
        }

        @Override
        public Operator transpose() {
            return new Zero(cols(), rows());
        }

        @Override
        public String toString() {
            return "0(" + shape() + ")";
        }
    }
}
