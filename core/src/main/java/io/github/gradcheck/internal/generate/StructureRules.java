package io.github.gradcheck.internal.generate;

import io.github.gradcheck.Structure;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * What each {@link Structure} requires of a matrix, and the operations that keep a matrix of its
 * structure: taking rows and columns away, simplifying entries, and nudging it off a kink.
 */
public final class StructureRules {

    /** Relative asymmetry allowed of a SYMMETRIC or SPD input given to a check. */
    static final double SYMMETRY_TOLERANCE = 1e-12;
    static final double ORTHOGONALITY_TOLERANCE = 1e-10;
    static final double SIMPLEX_TOLERANCE = 1e-12;
    /** Shrinking keeps INVERTIBLE and SPD inputs at condition numbers below this. */
    static final double MAX_CONDITION = 1e4;

    private StructureRules() {
    }

    /**
     * Why {@code m} is not a matrix of this structure, or null when it is. Used for points given to
     * a check (SYMMETRIC and SPD tolerate asymmetry of {@value #SYMMETRY_TOLERANCE} relative).
     */
    public static String violation(Structure structure, DMatrixRMaj m) {
        int rows = m.numRows;
        int cols = m.numCols;
        if (structure.isSquare() && rows != cols) {
            return "it is " + rows + "×" + cols + " but a " + structure + " matrix is square";
        }
        double max = CommonOps_DDRM.elementMaxAbs(m);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = m.get(r, c);
                String bad = switch (structure) {
                    case SYMMETRIC, SPD -> Math.abs(v - m.get(c, r)) > SYMMETRY_TOLERANCE * max
                            ? "(" + r + ", " + c + ") = " + v + " but (" + c + ", " + r + ") = " + m.get(c, r) : null;
                    case DIAGONAL -> r != c && v != 0 ? "(" + r + ", " + c + ") = " + v + " is off the diagonal" : null;
                    case LOWER_TRIANGULAR -> c > r && v != 0 ? "(" + r + ", " + c + ") = " + v + " is above the diagonal" : null;
                    case UPPER_TRIANGULAR -> c < r && v != 0 ? "(" + r + ", " + c + ") = " + v + " is below the diagonal" : null;
                    case POSITIVE, SIMPLEX_ROWS -> v <= 0 ? "(" + r + ", " + c + ") = " + v + " is not positive" : null;
                    case UNIFORM -> Math.abs(v) > 1 ? "(" + r + ", " + c + ") = " + v + " is outside [−1, 1]" : null;
                    case INTEGER -> v != Math.rint(v) ? "(" + r + ", " + c + ") = " + v + " is not an integer" : null;
                    case ONE_HOT_ROWS -> v != 0 && v != 1 ? "(" + r + ", " + c + ") = " + v + " is neither 0 nor 1" : null;
                    default -> null;
                };
                if (bad != null) {
                    return bad;
                }
            }
        }
        return switch (structure) {
            case SPD -> positiveDefinite(m) ? null : "it is not positive definite";
            case ORTHOGONAL -> orthonormal(m) ? null : "its " + (rows >= cols ? "columns" : "rows") + " are not orthonormal";
            case INVERTIBLE -> condition(m) < 1e15 ? null : "it is singular";
            case ONE_HOT_ROWS -> rowsWithOneOne(m) ? null : "a row does not hold exactly one 1";
            case SIMPLEX_ROWS -> rowsSumToOne(m) ? null : "a row does not sum to 1";
            default -> null;
        };
    }

    /**
     * Whether {@code m} may stand in a shrunk case: of its structure, and (INVERTIBLE, SPD) no
     * worse conditioned than {@value #MAX_CONDITION}, so that shrinking does not wander to points
     * where finite differences fail.
     */
    public static boolean acceptable(Structure structure, DMatrixRMaj m) {
        if (violation(structure, m) != null) {
            return false;
        }
        if (structure == Structure.INVERTIBLE || structure == Structure.SPD) {
            return condition(m) <= MAX_CONDITION;
        }
        return true;
    }

    private static boolean positiveDefinite(DMatrixRMaj m) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m.numRows, true);
        return chol.decompose(m.copy());
    }

    private static boolean orthonormal(DMatrixRMaj m) {
        DMatrixRMaj gram = m.numRows >= m.numCols
                ? new DMatrixRMaj(m.numCols, m.numCols) : new DMatrixRMaj(m.numRows, m.numRows);
        if (m.numRows >= m.numCols) {
            CommonOps_DDRM.multTransA(m, m, gram);
        } else {
            CommonOps_DDRM.multTransB(m, m, gram);
        }
        for (int r = 0; r < gram.numRows; r++) {
            for (int c = 0; c < gram.numCols; c++) {
                if (Math.abs(gram.get(r, c) - (r == c ? 1 : 0)) > ORTHOGONALITY_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The 2-norm condition number; infinite for a singular matrix. */
    public static double condition(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            return Double.POSITIVE_INFINITY;
        }
        double[] s = svd.getSingularValues();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(m.numRows, m.numCols); i++) {
            max = Math.max(max, s[i]);
            min = Math.min(min, s[i]);
        }
        return min == 0 ? Double.POSITIVE_INFINITY : max / min;
    }

    private static boolean rowsWithOneOne(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            int ones = 0;
            for (int c = 0; c < m.numCols; c++) {
                ones += m.get(r, c) == 1 ? 1 : 0;
            }
            if (ones != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowsSumToOne(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < m.numCols; c++) {
                sum += m.get(r, c);
            }
            if (Math.abs(sum - 1) > SIMPLEX_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Makes m exactly symmetric: (M + Mᵀ)/2. */
    public static void symmetrize(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < r; c++) {
                double v = 0.5 * (m.get(r, c) + m.get(c, r));
                m.set(r, c, v);
                m.set(c, r, v);
            }
        }
    }

    /** Divides each row by its sum. */
    public static void normalizeRows(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < m.numCols; c++) {
                sum += m.get(r, c);
            }
            for (int c = 0; c < m.numCols; c++) {
                m.set(r, c, m.get(r, c) / sum);
            }
        }
    }

    /** Orthonormal columns spanning a's (tall a), or null when a's columns are dependent. */
    static DMatrixRMaj orthonormalColumns(DMatrixRMaj a) {
        return MatrixGenerator.thinQ(a);
    }

    /**
     * The submatrix of the given rows and columns, repaired to keep the structure (a one-hot row
     * that lost its 1 gets it in its first column, simplex rows are renormalized, orthonormal
     * columns re-orthonormalized), or null when that is impossible.
     */
    public static DMatrixRMaj restrict(Structure structure, DMatrixRMaj m, int[] rows, int[] cols) {
        DMatrixRMaj sub = new DMatrixRMaj(rows.length, cols.length);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                sub.set(r, c, m.get(rows[r], cols[c]));
            }
        }
        switch (structure) {
            case ONE_HOT_ROWS -> {
                for (int r = 0; r < sub.numRows; r++) {
                    boolean hot = false;
                    for (int c = 0; c < sub.numCols; c++) {
                        hot |= sub.get(r, c) == 1;
                    }
                    if (!hot) {
                        sub.set(r, 0, 1);
                    }
                }
            }
            case SIMPLEX_ROWS -> normalizeRows(sub);
            case ORTHOGONAL -> {
                return orthonormalize(sub);
            }
            default -> {
            }
        }
        return sub;
    }

    private static DMatrixRMaj orthonormalize(DMatrixRMaj m) {
        if (m.numRows >= m.numCols) {
            return orthonormalColumns(m);
        }
        DMatrixRMaj q = orthonormalColumns(CommonOps_DDRM.transpose(m, null));
        return q == null ? null : CommonOps_DDRM.transpose(q, null);
    }

    /** Whether entry (r, c) is free inside the structure (for a symmetric matrix: on or above the diagonal). */
    public static boolean inside(Structure structure, int r, int c) {
        return switch (structure) {
            case SYMMETRIC, SPD, UPPER_TRIANGULAR -> c >= r;
            case DIAGONAL -> r == c;
            case LOWER_TRIANGULAR -> r >= c;
            default -> true;
        };
    }

    /** The rows×cols matrix with ones on its main diagonal. */
    public static DMatrixRMaj identity(int rows, int cols) {
        DMatrixRMaj eye = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < Math.min(rows, cols); i++) {
            eye.set(i, i, 1);
        }
        return eye;
    }

    /**
     * A copy of m moved by a small random amount ({@code size} relative to its entries) inside
     * its structure: used to move a point off a kink. Constants are returned unchanged.
     */
    public static DMatrixRMaj nudge(Structure structure, DMatrixRMaj m, RandomGenerator random, double size) {
        DMatrixRMaj out = m.copy();
        if (structure.isConstant()) {
            return out;
        }
        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(m), 1e-300);
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                if (!inside(structure, r, c)) {
                    continue;
                }
                double g = Draws.gaussian(random);
                double v = switch (structure) {
                    case POSITIVE, SIMPLEX_ROWS -> m.get(r, c) * Math.exp(size * g);
                    case UNIFORM -> Math.max(-1, Math.min(1, m.get(r, c) + size * scale * g));
                    default -> m.get(r, c) + size * scale * g;
                };
                out.set(r, c, v);
                if (structure == Structure.SYMMETRIC || structure == Structure.SPD) {
                    out.set(c, r, v);
                }
            }
        }
        if (structure == Structure.SIMPLEX_ROWS) {
            normalizeRows(out);
        } else if (structure == Structure.ORTHOGONAL) {
            DMatrixRMaj q = orthonormalize(out);
            return q == null ? m.copy() : q;
        }
        return out;
    }
}
