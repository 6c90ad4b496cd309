package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.text.Numbers;
import org.ejml.UtilEjml;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Inverses, log-determinants and adjugates of square matrices, and the errors for matrices that
 * are not square (IllegalArgumentException: a shape error, like every other) or singular
 * (ArithmeticException: the value does not exist at this point, like a division by zero).
 *
 * <p>X is singular to working precision when its LU factorization (partial pivoting) has a pivot
 * no larger than n·ε times its largest pivot: X⁻¹ would then be dominated by rounding.
 */
final class SquareMatrices {

    private SquareMatrices() {
    }

    /**
     * @throws IllegalArgumentException when x is not square, naming the operation and the operand
     */
    static void requireSquare(String operation, Node node, Node operand, DMatrixRMaj x) {
        if (x.numRows != x.numCols) {
            throw new IllegalArgumentException(operation + ": " + node + " needs a square matrix, but " + operand
                    + " is " + Node.shape(x));
        }
    }

    /**
     * X⁻¹ by an LU factorization.
     *
     * @throws IllegalArgumentException when X is not square
     * @throws ArithmeticException when X is singular to working precision
     */
    static DMatrixRMaj inverse(String operation, Node node, Node operand, DMatrixRMaj x) {
        requireSquare(operation, node, operand, x);
        int n = x.numRows;
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        solver.setA(x.copy());
        LUDecomposition_F64<DMatrixRMaj> lu = solver.getDecomposition();
        requireRegular(operation, node + " does not exist", operand, lu);
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        return inverse;
    }

    /**
     * log|det X| = Σ log|uᵢᵢ| over the pivots of an LU factorization (no overflow for large n).
     *
     * @throws IllegalArgumentException when X is not square
     * @throws ArithmeticException when X is singular to working precision (log|det X| = −∞)
     */
    static double logAbsDet(String operation, Node node, Node operand, DMatrixRMaj x) {
        requireSquare(operation, node, operand, x);
        LUDecomposition_F64<DMatrixRMaj> lu = DecompositionFactory_DDRM.lu(x.numRows, x.numCols);
        lu.decompose(x.copy());
        double[] pivots = requireRegular(operation, node + " is −∞", operand, lu);
        double sum = 0;
        for (double p : pivots) {
            sum += Math.log(Math.abs(p));
        }
        return sum;
    }

    /** The diagonal of U, after checking that none of it is negligible. */
    private static double[] requireRegular(String operation, String consequence, Node operand,
                                           LUDecomposition_F64<DMatrixRMaj> lu) {
        DMatrixRMaj upper = lu.getUpper(null);
        int n = upper.numRows;
        double[] pivots = new double[n];
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            pivots[i] = upper.unsafe_get(i, i);
            smallest = Math.min(smallest, Math.abs(pivots[i]));
            largest = Math.max(largest, Math.abs(pivots[i]));
        }
        if (smallest <= n * UtilEjml.EPS * largest) {
            throw new ArithmeticException(operation + ": " + consequence + ": " + operand + " (" + n + "×" + n
                    + ") is singular to working precision (smallest LU pivot " + Numbers.brief(smallest)
                    + ", largest " + Numbers.brief(largest) + ")");
        }
        return pivots;
    }

    /**
     * adj(X), the transposed cofactor matrix, with X·adj(X) = det(X)·I, defined and continuous at
     * singular X too: from X = U diag(s) Vᵀ, adj(X) = det(U) det(V) · V diag(cᵢ) Uᵀ with
     * cᵢ = ∏_{j≠i} sⱼ, products taken without dividing by sᵢ.
     *
     * @throws ArithmeticException when the SVD does not converge (a non-finite X)
     */
    static DMatrixRMaj adjugate(DMatrixRMaj x) {
        int n = x.numRows;
        if (n == 1) {
            return new DMatrixRMaj(new double[][] {{1}});
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, false);
        if (!svd.decompose(x.copy())) {
            throw new ArithmeticException("det: the SVD of a " + n + "×" + n + " matrix did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        double sign = Math.signum(CommonOps_DDRM.det(u)) * Math.signum(CommonOps_DDRM.det(v));
        // c[i] = (s[0]···s[i−1]) · (s[i+1]···s[n−1])
        double[] c = new double[n];
        double before = 1;
        for (int i = 0; i < n; i++) {
            c[i] = before;
            before *= s[i];
        }
        double after = 1;
        for (int i = n - 1; i >= 0; i--) {
            c[i] *= after * sign;
            after *= s[i];
        }
        // V diag(c): scale the columns of V
        for (int r = 0; r < n; r++) {
            int base = r * n;
            for (int i = 0; i < n; i++) {
                v.data[base + i] *= c[i];
            }
        }
        DMatrixRMaj adjugate = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(v, u, adjugate);
        return adjugate;
    }
}
