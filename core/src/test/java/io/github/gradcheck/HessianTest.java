package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.inverseTranspose;
import static io.github.gradcheck.testing.Matrices.logAbsDet;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Second order: Hessians in vec layout and Hessian-vector products, checked against finite
 * differences of the gradient, or second differences of f when no gradient is given.
 */
class HessianTest extends QuietTest {

    /** A non-symmetric A: the Hessian of xᵀAx is A + Aᵀ, and 2A is the "assumed symmetry" slip. */
    private static final DMatrixRMaj A = random(4, 4, 21);
    private static final DMatrixRMaj X0 = random(4, 1, 22);

    private static double quadratic(DMatrixRMaj x) {
        return Matrices.inner(x, mult(A, x));
    }

    private static DMatrixRMaj quadraticGradient(DMatrixRMaj x) {
        return mult(plus(A, transpose(A)), x);
    }

    @Test
    void quadraticFormHessianIsAPlusATransposed() {
        CheckResult r = GradCheck.scalar(HessianTest::quadratic).gradient(HessianTest::quadraticGradient)
                .hessian(x -> plus(A, transpose(A))).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** 2A is not symmetric: the report says so, naming two entries that differ. */
    @Test
    void quadraticFormHessianTwoAIsCaughtAsNotSymmetric() {
        CheckResult r = GradCheck.scalar(HessianTest::quadratic).gradient(HessianTest::quadraticGradient)
                .hessian(x -> scale(2, A)).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertTrue(r.headline().startsWith("Hessian mismatch"), r::report);
        assertNotNull(r.facts().get("symmetry"), r::report);
        assertTrue(r.facts().get("symmetry").startsWith("not symmetric: ∂²f/∂X("), r::report);
        assertTrue(r.facts().get("worst entry").startsWith("∂²f/∂X("), r::report);
    }

    @Test
    void quadraticFormHvp() {
        CheckResult right = GradCheck.scalar(HessianTest::quadratic).gradient(HessianTest::quadraticGradient)
                .hvp((x, v) -> mult(plus(A, transpose(A)), v)).at(X0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.scalar(HessianTest::quadratic).gradient(HessianTest::quadraticGradient)
                .hvp((x, v) -> scale(2, mult(A, v))).at(X0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertTrue(wrong.headline().startsWith("hvp mismatch"), wrong::report);
    }

    /** Without a gradient, the Hessian is compared with second differences of f. */
    @Test
    void hessianWithoutGradientUsesSecondDifferences() {
        CheckResult right = GradCheck.scalar(HessianTest::quadratic).hessian(x -> plus(A, transpose(A))).at(X0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        assertTrue(right.facts().get("mode").contains("second differences"), right::report);
        CheckResult wrong = GradCheck.scalar(HessianTest::quadratic).hessian(x -> scale(2, A)).at(X0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertNotNull(wrong.facts().get("symmetry"), wrong::report);
    }

    @Test
    void hvpWithoutGradientUsesSecondDifferences() {
        CheckResult right = GradCheck.scalar(HessianTest::quadratic)
                .hvp((x, v) -> mult(plus(A, transpose(A)), v)).at(X0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.scalar(HessianTest::quadratic).hvp((x, v) -> mult(A, v)).at(X0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /**
     * log|det X|: ∇ = X⁻ᵀ and d vec(X⁻ᵀ) = −(X⁻¹ ⊗ X⁻ᵀ) K d vec X, so H = −(X⁻¹ ⊗ X⁻ᵀ)K. The
     * inverse's Jacobian −(X⁻ᵀ ⊗ X⁻¹), without the commutation, is wrong.
     */
    @Test
    void logDetHessian() {
        DMatrixRMaj x0 = Matrices.withCondition(3, 10, 23);
        CheckResult right = GradCheck.scalar(Matrices::logAbsDet).gradient(Matrices::inverseTranspose)
                .hessian(HessianTest::logDetHessian).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.scalar(Matrices::logAbsDet).gradient(Matrices::inverseTranspose)
                .hessian(x -> {
                    DMatrixRMaj inverse = transpose(inverseTranspose(x));
                    return Kron.of(inverseTranspose(x), inverse).scale(-1).toDense();
                }).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        CheckResult second = GradCheck.scalar(Matrices::logAbsDet).hessian(HessianTest::logDetHessian).at(x0).check();
        assertEquals(Status.PASSED, second.status(), second::report);
    }

    private static DMatrixRMaj logDetHessian(DMatrixRMaj x) {
        DMatrixRMaj inverse = transpose(inverseTranspose(x));
        int n = x.numRows;
        return Kron.of(inverse, transpose(inverse)).times(Kron.commutation(n, n)).scale(-1).toDense();
    }

    /**
     * Softmax cross-entropy of one row z (1×k) with a one-hot y: ∇ = s − y and H = diag(s) − ssᵀ;
     * treating softmax as elementwise gives diag(s ⊙ (1 − s)), the diagonal of the true Hessian.
     */
    @Test
    void softmaxCrossEntropyHessian() {
        DMatrixRMaj z0 = random(1, 5, 24);
        DMatrixRMaj y = new DMatrixRMaj(1, 5);
        y.set(0, 2, 1);
        CheckResult right = GradCheck.scalar(z -> crossEntropy(z, y)).gradient(z -> CommonOps_DDRM.subtract(
                Matrices.softmaxRows(z), y, null)).hessian(HessianTest::softmaxHessian).at(z0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult elementwise = GradCheck.scalar(z -> crossEntropy(z, y)).gradient(z -> CommonOps_DDRM.subtract(
                Matrices.softmaxRows(z), y, null)).hessian(z -> {
                    DMatrixRMaj s = Matrices.softmaxRows(z);
                    DMatrixRMaj h = new DMatrixRMaj(5, 5);
                    for (int i = 0; i < 5; i++) {
                        h.set(i, i, s.get(0, i) * (1 - s.get(0, i)));
                    }
                    return h;
                }).at(z0).check();
        assertEquals(Status.MISMATCH, elementwise.status(), elementwise::report);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, elementwise.mistake(), elementwise::report);
    }

    private static double crossEntropy(DMatrixRMaj z, DMatrixRMaj y) {
        DMatrixRMaj s = Matrices.softmaxRows(z);
        double loss = 0;
        for (int i = 0; i < z.getNumElements(); i++) {
            loss -= y.data[i] * Math.log(s.data[i]);
        }
        return loss;
    }

    private static DMatrixRMaj softmaxHessian(DMatrixRMaj z) {
        DMatrixRMaj s = Matrices.softmaxRows(z);
        int k = z.numCols;
        DMatrixRMaj h = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                h.set(i, j, (i == j ? s.get(0, i) : 0) - s.get(0, i) * s.get(0, j));
            }
        }
        return h;
    }

    /** A wrong gradient is reported first, with how the Hessian went. */
    @Test
    void wrongGradientIsReportedBeforeTheHessian() {
        CheckResult r = GradCheck.scalar(HessianTest::quadratic).gradient(x -> scale(2, mult(A, x)))
                .hessian(x -> scale(2, A)).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertTrue(r.headline().startsWith("gradient mismatch"), r::report);
        assertTrue(r.facts().get("Hessian").startsWith("PASSED"), r::report);
    }

    @Test
    void hessianOfTheWrongShapeIsAShapeMismatch() {
        CheckResult r = GradCheck.scalar(HessianTest::quadratic).gradient(HessianTest::quadraticGradient)
                .hessian(x -> new DMatrixRMaj(4, 3)).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertTrue(r.facts().get("shapes").contains("Hessian is 4×3"), r::report);
    }

    @Test
    void hessianThatThrowsIsThrew() {
        CheckResult r = GradCheck.scalar(HessianTest::quadratic).hessian(x -> {
            throw new ArithmeticException("no");
        }).at(X0).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertEquals("Hessian", r.facts().get("function"), r::report);
    }

    /** On a symmetric input, the Hessian is compared along symmetric directions only. */
    @Test
    void symmetricInputHessian() {
        DMatrixRMaj s0 = random(3, 3, 25);
        CommonOps_DDRM.addEquals(s0, transpose(s0));
        DMatrixRMaj twice = CommonOps_DDRM.identity(9);
        CommonOps_DDRM.scale(2, twice);
        CheckResult withGradient = GradCheck.scalar(Matrices::sumOfSquares).structure(Structure.SYMMETRIC)
                .gradient(x -> scale(2, x)).hessian(x -> twice).at(s0).check();
        assertEquals(Status.PASSED, withGradient.status(), withGradient::report);
        CheckResult secondDifferences = GradCheck.scalar(Matrices::sumOfSquares).structure(Structure.SYMMETRIC)
                .hessian(x -> twice).at(s0).check();
        assertEquals(Status.PASSED, secondDifferences.status(), secondDifferences::report);
        CheckResult wrong = GradCheck.scalar(Matrices::sumOfSquares).structure(Structure.SYMMETRIC)
                .hessian(x -> CommonOps_DDRM.identity(9)).at(s0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
    }

    /** Named inputs: the Hessian with respect to one input, the other held constant. */
    @Test
    void namedInputHessian() {
        DMatrixRMaj b0 = random(4, 1, 26);
        CheckResult r = GradCheck.scalarOf(in -> quadratic(in.get("x")) + Matrices.inner(in.get("b"), in.get("x")))
                .gradient("x", in -> plus(quadraticGradient(in.get("x")), in.get("b")))
                .hessian("x", in -> plus(A, transpose(A)))
                .at(Inputs.of("x", X0, "b", b0)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        CheckResult wrong = GradCheck.scalarOf(in -> quadratic(in.get("x")) + Matrices.inner(in.get("b"), in.get("x")))
                .hessian("x", in -> scale(2, A))
                .at(Inputs.of("x", X0, "b", b0)).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }
}
