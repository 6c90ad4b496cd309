package io.github.gradcheck.calculus;

import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.kron.Vec;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The checks of the engine's rules can fail: for each important rule, a deliberately wrong local
 * derivative (the classic mistake) is caught by the same check the engine passes.
 */
class ExprMistakesTest extends QuietTest {

    private static final Expr X = Expr.variable("X");

    private static CheckResult checkJacobian(Expr e, DMatrixRMaj x0, UnaryOperator<DMatrixRMaj> jacobian) {
        return GradCheck.matrix(e::evaluate).jacobian(jacobian).at(x0).check();
    }

    private static CheckResult checkGradient(Expr f, DMatrixRMaj x0, UnaryOperator<DMatrixRMaj> gradient) {
        return GradCheck.scalar(x -> f.evaluate(x).get(0)).gradient(gradient).at(x0).check();
    }

    private static void assertFails(CheckResult r, Mistake mistake) {
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(mistake, r.mistake(), r::report);
    }

    /** Only the diagonal of a dense matrix. */
    private static DMatrixRMaj diagonalOnly(DMatrixRMaj j) {
        DMatrixRMaj d = new DMatrixRMaj(j.numRows, j.numCols);
        for (int i = 0; i < Math.min(j.numRows, j.numCols); i++) {
            d.set(i, i, j.get(i, i));
        }
        return d;
    }

    /** softmax is not elementwise: the diagonal of its Jacobian, diag(s ⊙ (1 − s)), is caught. */
    @Test
    void softmaxRowsDifferentiatedAsIfElementwiseIsCaught() {
        Expr e = X.softmaxRows();
        DMatrixRMaj z0 = random(3, 4, 2.0, 1);
        assertTrue(checkJacobian(e, z0, z -> e.jacobian(z).toDense()).passed());
        assertFails(checkJacobian(e, z0, z -> diagonalOnly(e.jacobian(z).toDense())), Mistake.ELEMENTWISE_JACOBIAN);
    }

    /** The same mistake written as an elementwise map with σ'-like derivative s(1 − s). */
    @Test
    void softmaxWrittenAsAnElementwiseMapIsCaught() {
        Expr e = X.softmax();
        DMatrixRMaj z0 = random(4, 1, 2.0, 2);
        CheckResult r = checkJacobian(e, z0, z -> {
            DMatrixRMaj s = e.evaluate(z);
            DMatrixRMaj slope = new DMatrixRMaj(s.numRows, s.numCols);
            for (int i = 0; i < s.getNumElements(); i++) {
                slope.data[i] = s.data[i] * (1 - s.data[i]);
            }
            return Kron.diag(slope).toDense();
        });
        assertFails(r, Mistake.ELEMENTWISE_JACOBIAN);
    }

    /** ∇ log|det X| = X⁻ᵀ; X⁻¹ (the transposed one) is caught. */
    @Test
    void logDetGradientTransposedIsCaught() {
        Expr f = X.logDet();
        DMatrixRMaj x0 = Matrices.withCondition(3, 5, 3);
        assertTrue(checkGradient(f, x0, f::gradient).passed());
        assertFails(checkGradient(f, x0, x -> transpose(f.gradient(x))), Mistake.TRANSPOSED);
    }

    /** ∂vec(AX)/∂vec X = I ⊗ A; the swapped A ⊗ I is caught. */
    @Test
    void productRuleWithSwappedKroneckerFactorsIsCaught() {
        DMatrixRMaj a = random(3, 3, 4);
        Expr e = Expr.constant("A", a).times(X);
        DMatrixRMaj x0 = random(3, 3, 5);
        assertTrue(checkJacobian(e, x0, x -> e.jacobian(x).toDense()).passed());
        CheckResult r = checkJacobian(e, x0, x -> Kron.of(LinearMap.dense(a), Kron.identity(3)).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** d(Xᵀ) = K d vec X; the identity in place of the commutation matrix is caught. */
    @Test
    void transposeDifferentiatedAsTheIdentityIsCaught() {
        CheckResult r = checkJacobian(X.transpose(), random(3, 3, 6), x -> Kron.identity(9).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** dX⁻¹ = −X⁻¹ dX X⁻¹: without the minus sign it is caught as WRONG_SIGN. */
    @Test
    void inverseRuleWithoutItsSignIsCaught() {
        Expr e = X.inverse();
        DMatrixRMaj x0 = Matrices.withCondition(3, 5, 7);
        assertFails(checkJacobian(e, x0, x -> e.jacobian(x).scale(-1).toDense()), Mistake.WRONG_SIGN);
    }

    /** −(X⁻ᵀ ⊗ X⁻¹) with the factors swapped, −(X⁻¹ ⊗ X⁻ᵀ), is caught. */
    @Test
    void inverseRuleWithSwappedFactorsIsCaught() {
        DMatrixRMaj x0 = Matrices.withCondition(3, 5, 8);
        CheckResult r = checkJacobian(X.inverse(), x0, x -> {
            DMatrixRMaj inverseTranspose = Matrices.inverseTranspose(x);
            return Kron.of(transpose(inverseTranspose), inverseTranspose).scale(-1).toDense();
        });
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** At a singular X, det(X)·X⁻ᵀ cannot give the derivative of det (a pseudo-inverse gives 0); adj(X) does. */
    @Test
    void detGradientWithoutTheAdjugateIsCaughtAtASingularMatrix() {
        Expr f = X.det();
        DMatrixRMaj singular = Matrices.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});
        assertTrue(checkGradient(f, singular, f::gradient).passed());
        CheckResult r = checkGradient(f, singular, x -> {
            DMatrixRMaj pseudoInverse = new DMatrixRMaj(3, 3);
            CommonOps_DDRM.pinv(x, pseudoInverse);
            return scale(CommonOps_DDRM.det(x), transpose(pseudoInverse));
        });
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** d(X ⊙ Y) = diag(vec Y) d vec X; diag(vec X) is caught. */
    @Test
    void hadamardRuleWithTheWrongFactorIsCaught() {
        DMatrixRMaj y = random(3, 2, 9);
        Expr e = X.hadamard(Expr.constant("Y", y));
        CheckResult r = checkJacobian(e, random(3, 2, 10), x -> Kron.diag(x).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** An elementwise map given a wrong derivative (σ for σ' = σ(1 − σ)) is differentiated as told, and caught. */
    @Test
    void aMapWithAWrongDerivativeIsCaught() {
        Expr wrong = X.map("sigmoid", ExprMistakesTest::sigmoid, ExprMistakesTest::sigmoid);
        DMatrixRMaj x0 = random(2, 3, 11);
        CheckResult r = checkJacobian(wrong, x0, x -> wrong.jacobian(x).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
        Expr right = X.map("sigmoid", ExprMistakesTest::sigmoid, v -> sigmoid(v) * (1 - sigmoid(v)));
        assertTrue(checkJacobian(right, x0, x -> right.jacobian(x).toDense()).passed());
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** ∇ₓ xᵀAx = (A + Aᵀ)x; 2Ax (assuming a symmetric A) is caught. */
    @Test
    void quadraticFormGradientAssumingSymmetryIsCaught() {
        DMatrixRMaj a = random(4, 4, 12);
        Expr f = X.transpose().times(Expr.constant("A", a)).times(X);
        CheckResult r = checkGradient(f, random(4, 1, 13), x -> scale(2, Matrices.mult(a, x)));
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** ∇ₓ ‖Ax − b‖² without its factor 2 is caught as WRONG_SCALE 0.5. */
    @Test
    void leastSquaresGradientWithoutTheTwoIsCaught() {
        Expr r = Expr.constant("A", random(5, 3, 14)).times(X).minus(Expr.constant("b", random(5, 1, 15)));
        Expr f = r.dot(r);
        CheckResult result = checkGradient(f, random(3, 1, 16), x -> scale(0.5, f.gradient(x)));
        assertFails(result, Mistake.WRONG_SCALE);
        assertEquals(0.5, result.scaleFactor().orElseThrow(), 1e-6);
    }

    /** A broadcast bias: the engine sums its gradient over the batch; the unsummed, batch-shaped one is caught. */
    @Test
    void broadcastGradientNotSummedOverTheBatchIsCaught() {
        Expr b = Expr.variable("b");
        Expr batch = Expr.constant("Z", random(5, 3, 17));
        Expr f = batch.plus(b).square().sum();
        Inputs at = Inputs.of("b", random(1, 3, 18));
        CheckResult right = GradCheck.scalarOf(in -> f.evaluate(in).get(0)).gradient("b", in -> f.gradient("b", in))
                .at(at).check();
        assertTrue(right.passed(), right::report);
        Expr perEntry = batch.plus(b).scale(2);
        CheckResult unsummed = GradCheck.scalarOf(in -> f.evaluate(in).get(0))
                .gradient("b", perEntry::evaluate).at(at).check();
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, unsummed.mistake(), unsummed::report);
        JacobianAssertions.assertMatrixEquals(perEntry.sumCols().evaluate(at), f.gradient("b", at), 1e-13);
    }

    /**
     * vec(A ⊗ B) = (I_q ⊗ K(s, p) ⊗ I_r)(vec A ⊗ vec B): without the reordering, dA ↦ vec(dA) ⊗ vec B
     * is caught.
     */
    @Test
    void kronRuleWithoutTheReorderingIsCaught() {
        DMatrixRMaj b = random(2, 3, 19);
        Expr e = X.kron(Expr.constant("B", b));
        DMatrixRMaj a0 = random(2, 2, 20);
        assertTrue(checkJacobian(e, a0, a -> e.jacobian(a).toDense()).passed());
        CheckResult r = checkJacobian(e, a0, a -> Kron.of(Kron.identity(4), LinearMap.dense(Vec.vec(b))).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** A row b broadcast over n rows: vec(1ₙ b) = (I_k ⊗ 1ₙ) vec b; the swapped 1ₙ ⊗ I_k is caught. */
    @Test
    void rowBroadcastWithSwappedKroneckerFactorsIsCaught() {
        Expr e = Expr.constant("Z", random(3, 2, 21)).plus(X);
        DMatrixRMaj b0 = random(1, 2, 22);
        assertTrue(checkJacobian(e, b0, b -> e.jacobian(b).toDense()).passed());
        DMatrixRMaj ones = new DMatrixRMaj(3, 1);
        ones.fill(1);
        CheckResult r = checkJacobian(e, b0, b -> Kron.of(ones, CommonOps_DDRM.identity(2)).toDense());
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }
}
