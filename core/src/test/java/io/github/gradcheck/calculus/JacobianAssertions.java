package io.github.gradcheck.calculus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.testing.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Assertions on the engine's Jacobians: against finite differences, and internally consistent. */
final class JacobianAssertions {

    private JacobianAssertions() {
    }

    /**
     * The Jacobian of an expression of one variable passes the finite-difference check at x0, and
     * its dense form, its transpose, its columns and its products agree.
     */
    static void assertJacobianPasses(Expr e, DMatrixRMaj x0) {
        CheckResult r = GradCheck.matrix(e::evaluate).jacobian(x -> e.jacobian(x).toDense()).at(x0).check();
        assertTrue(r.passed(), () -> e + "\n" + r.report());
        assertConsistent(e.jacobian(x0));
    }

    /** As {@link #assertJacobianPasses(Expr, DMatrixRMaj)}, for each of the given variables. */
    static void assertJacobianPasses(Expr e, Inputs at, String... variables) {
        var check = GradCheck.matrixOf(e::evaluate);
        for (String v : variables) {
            check = check.jacobian(v, in -> e.jacobian(v, in).toDense());
        }
        CheckResult r = check.at(at).check();
        assertTrue(r.passed(), () -> e + "\n" + r.report());
        for (String v : variables) {
            assertConsistent(e.jacobian(v, at));
        }
    }

    /**
     * J's transpose is the transpose of J's matrix (whose columns come from columnInto), and
     * applying J or Jᵀ to a vector agrees with the matrix.
     */
    static void assertConsistent(LinearMap j) {
        DMatrixRMaj dense = j.toDense();
        assertEquals(j.rows(), dense.numRows);
        assertEquals(j.cols(), dense.numCols);
        DMatrixRMaj transposed = j.transpose().toDense();
        assertMatrixEquals(Matrices.transpose(dense), transposed, 1e-12);
        DMatrixRMaj v = Matrices.random(j.cols(), 1, 99);
        assertMatrixEquals(Matrices.mult(dense, v), j.apply(v), 1e-12);
        DMatrixRMaj u = Matrices.random(j.rows(), 1, 98);
        assertMatrixEquals(Matrices.mult(Matrices.transpose(dense), u), j.transpose().apply(u), 1e-12);
    }

    /** Same shape, entries equal within tol·(1 + max |expected|). */
    static void assertMatrixEquals(DMatrixRMaj expected, DMatrixRMaj actual, double tol) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "cols");
        double scale = 1 + CommonOps_DDRM.elementMaxAbs(expected);
        double[] e = java.util.Arrays.copyOf(expected.data, expected.getNumElements());
        double[] a = java.util.Arrays.copyOf(actual.data, actual.getNumElements());
        assertArrayEquals(e, a, tol * scale);
    }
}
