package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Kronecker form of a matrix map's Jacobian: a matrix-free LinearMap, checked column by column. */
class KroneckerFormTest extends QuietTest {

    private static final DMatrixRMaj A = random(2, 3, 11);
    private static final DMatrixRMaj B = random(4, 5, 12);
    private static final DMatrixRMaj X0 = random(3, 4, 13);

    private static DMatrixRMaj axb(DMatrixRMaj x) {
        return mult(mult(A, x), B);
    }

    /** vec(AXB) = (Bᵀ ⊗ A) vec(X). */
    @Test
    void axbHasJacobianBTransposedKroneckerA() {
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> Kron.of(transpose(B), A)).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("120", r.facts().get("entries"), r::report);
    }

    /** The classic slip: B ⊗ A instead of Bᵀ ⊗ A (here even the dimensions differ: 8×20 is right, 10×16 is not). */
    @Test
    void swappedKroneckerFactorIsCaught() {
        DMatrixRMaj b = random(4, 4, 14);
        DMatrixRMaj x0 = random(3, 4, 15);
        CheckResult r = GradCheck.matrix(x -> mult(mult(A, x), b)).kronecker(x -> Kron.of(b, A)).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("Kronecker form", r.headline().substring(0, "Kronecker form".length()), r::report);
        CheckResult right = GradCheck.matrix(x -> mult(mult(A, x), b)).kronecker(x -> Kron.of(transpose(b), A))
                .at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
    }

    /** Xᵀ has the commutation matrix as its Jacobian; the identity (forgetting the transpose) fails. */
    @Test
    void transposeHasTheCommutationMatrix() {
        DMatrixRMaj x0 = random(3, 2, 16);
        CheckResult right = GradCheck.matrix(x -> transpose(x)).kronecker(x -> Kron.commutation(3, 2)).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.matrix(x -> transpose(x)).kronecker(x -> Kron.identity(6)).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /** A map of the transposed dimensions (a vjp's map where the Jacobian's is due) is named TRANSPOSED. */
    @Test
    void mapOfTheTransposedDimensionsIsTransposed() {
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> Kron.of(transpose(B), A).transpose())
                .at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
        assertTrue(r.facts().get("shapes").contains("12×10 map"), r::report);
    }

    @Test
    void mapOfOtherDimensionsIsAShapeMismatch() {
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> Kron.identity(12)).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
        assertTrue(r.facts().get("shapes").contains("12×12"), r::report);
        assertTrue(r.facts().get("shapes").contains("10×12"), r::report);
    }

    @Test
    void nullMapIsAShapeMismatch() {
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> null).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
    }

    /** A map the user implemented that throws while applied: THREW, naming the Kronecker form. */
    @Test
    void userMapThatThrowsIsThrew() {
        LinearMap broken = LinearMap.of(10, 12, v -> {
            throw new IllegalStateException("not today");
        });
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> broken).at(X0).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertEquals("Kronecker form", r.facts().get("function"), r::report);
        assertTrue(r.facts().get("exception").contains("not today"), r::report);
    }

    /** A map returning NaN is NON_FINITE. */
    @Test
    void mapWithNaNIsNonFinite() {
        DMatrixRMaj bad = new DMatrixRMaj(10, 12);
        bad.set(3, 4, Double.NaN);
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> LinearMap.dense(bad)).at(X0).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
    }

    /** On a symmetric input the map is applied along E(i,j) + E(j,i): SX + XS has Jacobian I ⊗ S + Sᵀ ⊗ I. */
    @Test
    void symmetricInputIsPerturbedSymmetrically() {
        DMatrixRMaj s = random(3, 3, 17);
        DMatrixRMaj x0 = random(3, 3, 18);
        CommonOps_DDRM.addEquals(x0, transpose(x0));
        LinearMap right = Kron.of(CommonOps_DDRM.identity(3), s).plus(Kron.of(transpose(s), CommonOps_DDRM.identity(3)));
        CheckResult r = GradCheck.matrix(x -> CommonOps_DDRM.add(mult(s, x), mult(x, s), null))
                .structure(Structure.SYMMETRIC).kronecker(x -> right).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** Named inputs: the Kronecker form for one input, another held constant. */
    @Test
    void namedInputKroneckerForm() {
        DMatrixRMaj w0 = random(3, 3, 19);
        CheckResult r = GradCheck.matrixOf(in -> mult(in.get("W"), in.get("X")))
                .kronecker("W", in -> Kron.of(transpose(in.get("X")), CommonOps_DDRM.identity(3)))
                .at(Inputs.of("W", w0, "X", X0)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** The map is applied one column at a time and never formed: toDense is not called. */
    @Test
    void mapIsNeverFormed() {
        AtomicInteger applied = new AtomicInteger();
        LinearMap counting = new LinearMap() {
            private final LinearMap inner = Kron.of(Matrices.transpose(B), A);

            @Override
            public int rows() {
                return inner.rows();
            }

            @Override
            public int cols() {
                return inner.cols();
            }

            @Override
            public DMatrixRMaj apply(DMatrixRMaj vecIn) {
                applied.incrementAndGet();
                return inner.apply(vecIn);
            }

            @Override
            public LinearMap transpose() {
                return inner.transpose();
            }

            @Override
            public DMatrixRMaj toDense() {
                throw new AssertionError("formed");
            }
        };
        CheckResult r = GradCheck.matrix(KroneckerFormTest::axb).kronecker(x -> counting).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(12, applied.get());
    }

    /**
     * A 200×200 → 200×200 map, F(X) = D₁ X D₂ + Xᵀ with diagonal D₁, D₂, checked in FULL mode: its
     * Jacobian (D₂ ⊗ D₁) + K has 1.6e9 entries (12.8 GB dense, more than the test's heap), so
     * passing proves it was applied column by column and never formed. The wrong map without K
     * fails (shown at 30×30, the same code path).
     */
    @Test
    @Tag("slow")
    void twoHundredSquareMapIsCheckedWithoutFormingItsJacobian() {
        int n = 200;
        DMatrixRMaj d1 = random(n, 1, 31);
        DMatrixRMaj d2 = random(n, 1, 32);
        DMatrixRMaj x0 = random(n, n, 33);
        LinearMap jacobian = Kron.of(Kron.diag(d2), Kron.diag(d1)).plus(Kron.commutation(n, n));
        CheckResult r = GradCheck.matrix(x -> scaledPlusTranspose(x, d1, d2)).kronecker(x -> jacobian).mode(Mode.FULL).parallel()
                .at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Long.toString((long) n * n * n * n), r.facts().get("entries"), r::report);
        assertTrue(r.analytic().isEmpty(), "a Jacobian this large is not kept");
    }

    @Test
    void mapWithoutTheCommutationFailsAtThirtySquare() {
        int n = 30;
        DMatrixRMaj d1 = random(n, 1, 34);
        DMatrixRMaj d2 = random(n, 1, 35);
        CheckResult r = GradCheck.matrix(x -> scaledPlusTranspose(x, d1, d2))
                .kronecker(x -> Kron.of(Kron.diag(d2), Kron.diag(d1))).at(random(n, n, 36)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** D₁ X D₂ + Xᵀ for diagonal D₁, D₂ given as columns. */
    private static DMatrixRMaj scaledPlusTranspose(DMatrixRMaj x, DMatrixRMaj d1, DMatrixRMaj d2) {
        int n = x.numRows;
        DMatrixRMaj y = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y.data[i * n + j] = d1.data[i] * x.data[i * n + j] * d2.data[j] + x.data[j * n + i];
            }
        }
        return y;
    }
}
