package io.github.gradcheck.calculus;

import static io.github.gradcheck.calculus.JacobianAssertions.assertMatrixEquals;
import static io.github.gradcheck.testing.Matrices.minus;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The gradient identities of MATH.md, computed by the engine (reverse mode), equal their closed forms. */
class ExprIdentitiesTest extends QuietTest {

    private static final double TOL = 1e-12;

    private static Expr constant(String name, DMatrixRMaj m) {
        return Expr.constant(name, m);
    }

    /** ∇ₓ bᵀx = b. */
    @Test
    void gradientOfBTransposeXIsB() {
        DMatrixRMaj b = random(4, 1, 1);
        Expr f = constant("b", b).transpose().times(Expr.variable("x"));
        assertMatrixEquals(b, f.gradient(random(4, 1, 2)), TOL);
    }

    /** ∇ₓ xᵀAx = (A + Aᵀ)x, which is 2Ax only for a symmetric A. */
    @Test
    void gradientOfQuadraticFormIsASymmetrizedTimesX() {
        DMatrixRMaj a = random(4, 4, 3);
        DMatrixRMaj x0 = random(4, 1, 4);
        Expr x = Expr.variable("x");
        Expr f = x.transpose().times(constant("A", a)).times(x);
        assertMatrixEquals(mult(plus(a, transpose(a)), x0), f.gradient(x0), TOL);
    }

    /** ∇_A tr(AB) = Bᵀ. */
    @Test
    void gradientOfTraceOfABIsBTransposed() {
        DMatrixRMaj b = random(3, 2, 5);
        Expr f = Expr.variable("A").times(constant("B", b)).trace();
        assertMatrixEquals(transpose(b), f.gradient(random(2, 3, 6)), TOL);
    }

    /** ∇_A tr(ABAᵀC) = CAB + CᵀABᵀ. */
    @Test
    void gradientOfTraceOfABATransposeC() {
        DMatrixRMaj b = random(3, 3, 7);
        DMatrixRMaj c = random(2, 2, 8);
        DMatrixRMaj a0 = random(2, 3, 9);
        Expr a = Expr.variable("A");
        Expr f = a.times(constant("B", b)).times(a.transpose()).times(constant("C", c)).trace();
        DMatrixRMaj expected = plus(mult(mult(c, a0), b), mult(mult(transpose(c), a0), transpose(b)));
        assertMatrixEquals(expected, f.gradient(a0), TOL);
    }

    /** ∇_A det A = det(A) A⁻ᵀ. */
    @Test
    void gradientOfDetIsDetTimesInverseTransposed() {
        DMatrixRMaj a0 = Matrices.withCondition(4, 10, 10);
        DMatrixRMaj expected = scale(CommonOps_DDRM.det(a0), Matrices.inverseTranspose(a0));
        assertMatrixEquals(expected, Expr.variable("A").det().gradient(a0), TOL);
    }

    /** ∇_A log|det A| = A⁻ᵀ, for a negative determinant too. */
    @Test
    void gradientOfLogAbsDetIsInverseTransposed() {
        DMatrixRMaj a0 = Matrices.withCondition(4, 10, 11);
        Expr f = Expr.variable("A").logDet();
        assertMatrixEquals(Matrices.inverseTranspose(a0), f.gradient(a0), TOL);
        DMatrixRMaj negated = scale(-1, Matrices.withCondition(3, 10, 12));
        assertMatrixEquals(Matrices.inverseTranspose(negated), f.gradient(negated), TOL);
    }

    /** ∇ₓ ‖Ax − b‖² = 2AᵀAx − 2Aᵀb. */
    @Test
    void gradientOfLeastSquares() {
        DMatrixRMaj a = random(5, 3, 13);
        DMatrixRMaj b = random(5, 1, 14);
        DMatrixRMaj x0 = random(3, 1, 15);
        Expr r = constant("A", a).times(Expr.variable("x")).minus(constant("b", b));
        Expr f = r.dot(r);
        DMatrixRMaj expected = minus(scale(2, mult(mult(transpose(a), a), x0)), scale(2, mult(transpose(a), b)));
        assertMatrixEquals(expected, f.gradient(x0), TOL);
        assertMatrixEquals(expected, r.square().sum().gradient(x0), TOL);
    }

    /** ∇_X aᵀXb = abᵀ. */
    @Test
    void gradientOfBilinearFormIsOuterProduct() {
        DMatrixRMaj a = random(3, 1, 16);
        DMatrixRMaj b = random(4, 1, 17);
        Expr f = constant("a", a).transpose().times(Expr.variable("X")).times(constant("b", b));
        assertMatrixEquals(mult(a, transpose(b)), f.gradient(random(3, 4, 18)), TOL);
    }

    /** ∇_X aᵀexp(Xb) = (a ⊙ exp(Xb))bᵀ. */
    @Test
    void gradientOfATransposeExpXB() {
        DMatrixRMaj a = random(3, 1, 19);
        DMatrixRMaj b = random(4, 1, 20);
        DMatrixRMaj x0 = random(3, 4, 21);
        Expr f = constant("a", a).transpose().times(Expr.variable("X").times(constant("b", b)).exp());
        DMatrixRMaj e = mult(x0, b);
        DMatrixRMaj ae = new DMatrixRMaj(3, 1);
        for (int i = 0; i < 3; i++) {
            ae.set(i, 0, a.get(i, 0) * Math.exp(e.get(i, 0)));
        }
        assertMatrixEquals(mult(ae, transpose(b)), f.gradient(x0), TOL);
    }

    /** Softmax regression: ∇_W −yᵀ log softmax(Wx) = (softmax(Wx) − y)xᵀ. */
    @Test
    void gradientOfSoftmaxRegressionLoss() {
        DMatrixRMaj x = random(4, 1, 22);
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0}, {1}, {0}});
        DMatrixRMaj w0 = random(3, 4, 23);
        Expr f = constant("y", y).transpose().times(Expr.variable("W").times(constant("x", x)).softmax().log())
                .negate();
        DMatrixRMaj s = transpose(Matrices.softmaxRows(transpose(mult(w0, x))));
        assertMatrixEquals(mult(minus(s, y), transpose(x)), f.gradient(w0), TOL);
    }
}
