package io.github.gradcheck.internal.generate;

import io.github.gradcheck.Structure;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Generates a random matrix of a given {@link Structure}, well-conditioned by default. */
public final class MatrixGenerator {

    /** SPD eigenvalues are drawn from [SPD_MIN, SPD_MAX]. */
    static final double SPD_MIN = 0.5;
    static final double SPD_MAX = 2.0;
    /** INVERTIBLE singular values are 10^u, u uniform in [−1.5, 1.5]: condition ≤ 1e3. */
    static final double LOG_SINGULAR_SPREAD = 1.5;

    private MatrixGenerator() {
    }

    /**
     * A random rows×cols matrix of this structure.
     *
     * @throws IllegalArgumentException when the structure needs a square matrix and rows ≠ cols
     */
    public static DMatrixRMaj generate(Structure structure, int rows, int cols, RandomGenerator random) {
        if (structure.isSquare() && rows != cols) {
            throw new IllegalArgumentException(structure + " needs a square matrix, not " + rows + "×" + cols);
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        switch (structure) {
            case GAUSSIAN -> fill(m, (r, c) -> Draws.gaussian(random));
            case UNIFORM -> fill(m, (r, c) -> Draws.uniform(random, -1, 1));
            case POSITIVE -> fill(m, (r, c) -> Math.exp(0.5 * Draws.gaussian(random)));
            case SYMMETRIC -> {
                fill(m, (r, c) -> r <= c ? Draws.gaussian(random) : 0);
                mirrorUpper(m);
            }
            case SPD -> m.setTo(spd(rows, random));
            case ORTHOGONAL -> m.setTo(orthogonal(rows, cols, random));
            case INVERTIBLE -> m.setTo(invertible(rows, random));
            case DIAGONAL -> fill(m, (r, c) -> r == c ? Draws.gaussian(random) : 0);
            case LOWER_TRIANGULAR -> fill(m, (r, c) -> r > c ? Draws.gaussian(random) : r == c ? diagonal(random) : 0);
            case UPPER_TRIANGULAR -> fill(m, (r, c) -> r < c ? Draws.gaussian(random) : r == c ? diagonal(random) : 0);
            case ONE_HOT_ROWS -> {
                for (int r = 0; r < rows; r++) {
                    m.set(r, Draws.integer(random, 0, cols - 1), 1.0);
                }
            }
            case SIMPLEX_ROWS -> {
                fill(m, (r, c) -> Math.exp(Draws.gaussian(random)));
                StructureRules.normalizeRows(m);
            }
            case INTEGER -> fill(m, (r, c) -> Draws.integer(random, -3, 3));
            default -> throw new IllegalStateException("no generator for " + structure);
        }
        return m;
    }

    private interface Entry {
        double at(int r, int c);
    }

    /** Fills row by row, drawing entries in a fixed order. */
    private static void fill(DMatrixRMaj m, Entry entry) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                m.set(r, c, entry.at(r, c));
            }
        }
    }

    private static double diagonal(RandomGenerator random) {
        double size = Draws.uniform(random, 0.5, 1.5);
        return random.nextDouble() < 0.5 ? -size : size;
    }

    static void mirrorUpper(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < r; c++) {
                m.set(r, c, m.get(c, r));
            }
        }
    }

    /** Q·diag(λ)·Qᵀ with Haar-random Q and λ uniform in [0.5, 2], symmetrized exactly. */
    private static DMatrixRMaj spd(int n, RandomGenerator random) {
        DMatrixRMaj q = orthogonal(n, n, random);
        DMatrixRMaj scaled = q.copy();
        for (int c = 0; c < n; c++) {
            double lambda = Draws.uniform(random, SPD_MIN, SPD_MAX);
            for (int r = 0; r < n; r++) {
                scaled.set(r, c, scaled.get(r, c) * lambda);
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaled, q, s);
        StructureRules.symmetrize(s);
        return s;
    }

    /** U·diag(σ)·Vᵀ with σ = 10^u, u uniform in [−1.5, 1.5]. */
    private static DMatrixRMaj invertible(int n, RandomGenerator random) {
        DMatrixRMaj u = orthogonal(n, n, random);
        DMatrixRMaj v = orthogonal(n, n, random);
        for (int c = 0; c < n; c++) {
            double sigma = Math.pow(10, Draws.uniform(random, -LOG_SINGULAR_SPREAD, LOG_SINGULAR_SPREAD));
            for (int r = 0; r < n; r++) {
                u.set(r, c, u.get(r, c) * sigma);
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(u, v, x);
        return x;
    }

    /**
     * Haar-random orthonormal columns (rows ≥ cols) or rows (rows < cols): Q of the QR of a
     * Gaussian matrix, with the signs of R's diagonal moved into Q.
     */
    static DMatrixRMaj orthogonal(int rows, int cols, RandomGenerator random) {
        int tall = Math.max(rows, cols);
        int wide = Math.min(rows, cols);
        DMatrixRMaj a = new DMatrixRMaj(tall, wide);
        for (int i = 0; i < a.getNumElements(); i++) {
            a.data[i] = Draws.gaussian(random);
        }
        DMatrixRMaj q = StructureRules.orthonormalColumns(a);
        return rows >= cols ? q : CommonOps_DDRM.transpose(q, null);
    }

    /** Q of a thin QR with R's diagonal made positive; null when a has dependent columns. */
    static DMatrixRMaj thinQ(DMatrixRMaj a) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        if (!qr.decompose(a.copy())) {
            return null;
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int c = 0; c < a.numCols; c++) {
            double d = r.get(c, c);
            if (d == 0 || !Double.isFinite(d)) {
                return null;
            }
            if (d < 0) {
                for (int i = 0; i < q.numRows; i++) {
                    q.set(i, c, -q.get(i, c));
                }
            }
        }
        return q;
    }
}
