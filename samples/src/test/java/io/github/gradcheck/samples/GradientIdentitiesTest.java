package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.hadamard;
import static io.github.gradcheck.samples.Mat.inverse;
import static io.github.gradcheck.samples.Mat.map;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plus;
import static io.github.gradcheck.samples.Mat.scale;
import static io.github.gradcheck.samples.Mat.trace;
import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import org.ejml.data.DMatrixRMaj;

/**
 * MATH.md, "Gradient of a scalar function of a matrix" and "Identities": for f: ℝ^{m×n} → ℝ the
 * gradient is the m×n matrix G with df = tr(Gᵀ dX); the Hessian uses the vec layout. The trace
 * facts are shown as two sides of an identity giving the same value and the same exact gradient:
 * the function computes one side, the reference expression ({@code exactly}) is the other.
 */
class GradientIdentitiesTest {

    // ∇ₓ bᵀx = b
    @GradientTest(trials = 30, dims = "n=1..5")
    void gradientOfBTransposeXIsB(@Shape(rows = "n", cols = "1") DMatrixRMaj b,
                                  @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(X -> Mat.dot(b, X)).gradient(X -> b).at(x).assertPasses();
    }

    // ∇ₓ xᵀAx = (A + Aᵀ)x, A not symmetric
    @GradientTest(trials = 40, dims = "n=1..5")
    void gradientOfTheQuadraticFormIsASumATransposeTimesX(@Shape(rows = "n", cols = "n") DMatrixRMaj a,
                                                         @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(X -> quadraticForm(a, X))
                .gradient(X -> mult(plus(a, transpose(a)), X))
                .at(x).assertPasses();
    }

    // ∇²ₓ xᵀAx = A + Aᵀ
    @GradientTest(trials = 40, dims = "n=1..5")
    void hessianOfTheQuadraticFormIsAPlusATranspose(@Shape(rows = "n", cols = "n") DMatrixRMaj a,
                                                    @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(X -> quadraticForm(a, X))
                .gradient(X -> mult(plus(a, transpose(a)), X))
                .hessian(X -> plus(a, transpose(a)))
                .at(x).assertPasses();
    }

    // for a matrix input the Hessian is (mn × mn) in vec layout: ∇²_X tr(XᵀAX) = I ⊗ (A + Aᵀ)
    @GradientTest(trials = 30, dims = {"m=1..4", "n=1..3"})
    void hessianOfAMatrixInputIsInVecLayout(@Shape(rows = "m", cols = "m") DMatrixRMaj a,
                                            @Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        DMatrixRMaj sym = plus(a, transpose(a));
        GradCheck.scalar(X -> trace(mult(transpose(X), a, X)))
                .gradient(X -> mult(sym, X))
                .hessian(X -> Kron.of(Kron.identity(X.numCols), LinearMap.dense(sym)).toDense())
                .at(x).assertPasses();
    }

    // ∇ₓ[f(Ax)] = Aᵀ(∇f)(Ax), not (∇f)(Ax): for f(y) = log Σ exp yᵢ, ∇ₓ = Aᵀ softmax(Ax)
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void gradientWithRespectToXOfFOfAxIsATransposeTimesGradientOfFAtAx(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(X -> logSumExp(mult(a, X)))
                .gradient(X -> mult(transpose(a), Mat.softmax(mult(a, X))))
                .at(x).assertPasses();
    }

    // ∇_A tr(AB) = Bᵀ
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void gradientOfTraceOfABIsBTranspose(@Shape(rows = "m", cols = "n") DMatrixRMaj a,
                                         @Shape(rows = "n", cols = "m") DMatrixRMaj b) {
        GradCheck.scalar(A -> trace(mult(A, b))).gradient(A -> transpose(b)).at(a).assertPasses();
    }

    // ∇_A tr(ABAᵀC) = CAB + CᵀABᵀ
    @GradientTest(trials = 40, dims = {"m=1..4", "n=1..4"})
    void gradientOfTraceOfABATransposeCIsCABPlusCTransposeABTranspose(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "n", cols = "n") DMatrixRMaj b,
            @Shape(rows = "m", cols = "m") DMatrixRMaj c) {
        GradCheck.scalar(A -> traceABATC(A, b, c))
                .gradient(A -> gradientOfTraceABATC(A, b, c))
                .at(a).assertPasses();
    }

    // ∇_{Aᵀ} f(A) = (∇_A f(A))ᵀ, for f(A) = tr(ABAᵀC) as a function of T = Aᵀ
    @GradientTest(trials = 40, dims = {"m=1..4", "n=1..4"})
    void gradientWithRespectToATransposeIsTheTransposedGradient(
            @Shape(rows = "n", cols = "m") DMatrixRMaj at,
            @Shape(rows = "n", cols = "n") DMatrixRMaj b,
            @Shape(rows = "m", cols = "m") DMatrixRMaj c) {
        GradCheck.scalar(T -> traceABATC(transpose(T), b, c))
                .gradient(T -> transpose(gradientOfTraceABATC(transpose(T), b, c)))
                .at(at).assertPasses();
    }

    // ∇_A det A = det(A) A⁻ᵀ
    @GradientTest(trials = 40, dims = "n=1..5")
    void gradientOfTheDeterminantIsDetTimesInverseTranspose(
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj a) {
        GradCheck.scalar(Mat::det)
                .gradient(A -> scale(Mat.det(A), transpose(inverse(A))))
                .at(a).assertPasses();
    }

    // ∇_A log|det A| = A⁻ᵀ
    @GradientTest(trials = 40, dims = "n=1..5")
    void gradientOfLogAbsDetIsTheInverseTranspose(
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj a) {
        GradCheck.scalar(Mat::logAbsDet)
                .gradient(A -> transpose(inverse(A)))
                .at(a).assertPasses();
    }

    // on symmetric S, ∇_S aᵀSb = (abᵀ + baᵀ)/2: perturbations stay symmetric, the gradient is the symmetric part
    @GradientTest(trials = 40, dims = "n=1..5")
    void gradientOnSymmetricMatricesIsTheSymmetricPart(
            @Shape(rows = "n", cols = "1") DMatrixRMaj a,
            @Shape(rows = "n", cols = "1") DMatrixRMaj b,
            @Shape(rows = "n", cols = "n", structure = Structure.SYMMETRIC) DMatrixRMaj s) {
        DMatrixRMaj abT = mult(a, transpose(b));
        GradCheck.scalar(S -> bilinear(a, S, b))
                .gradient(S -> scale(0.5, plus(abT, transpose(abT))))
                .structure(Structure.SYMMETRIC)
                .at(s).assertPasses();
    }

    // ∇ₓ ‖Ax − b‖² = 2AᵀAx − 2Aᵀb, also against the exact gradient of the expression (Ax − b)·(Ax − b)
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void gradientOfLeastSquaresIsTwoATransposeAXMinusTwoATransposeB(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "m", cols = "1") DMatrixRMaj b,
            @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        Expr residual = Expr.constant("A", a).times(Expr.variable("x")).minus(Expr.constant("b", b));
        GradCheck.scalar(X -> {
                    DMatrixRMaj r = minus(mult(a, X), b);
                    return Mat.dot(r, r);
                })
                .gradient(X -> minus(scale(2, mult(transpose(a), a, X)), scale(2, mult(transpose(a), b))))
                .exactly(residual.dot(residual))
                .numerically()
                .at(x).assertPasses();
    }

    // ∇_X aᵀXb = abᵀ
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void gradientOfATransposeXBIsABTranspose(@Shape(rows = "m", cols = "1") DMatrixRMaj a,
                                             @Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                             @Shape(rows = "n", cols = "1") DMatrixRMaj b) {
        GradCheck.scalar(X -> bilinear(a, X, b)).gradient(X -> mult(a, transpose(b))).at(x).assertPasses();
    }

    // ∇_X aᵀexp(Xb) = (a ⊙ exp(Xb))bᵀ
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void gradientOfATransposeExpXBIsAHadamardExpXBTimesBTranspose(
            @Shape(rows = "m", cols = "1") DMatrixRMaj a,
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "n", cols = "1") DMatrixRMaj b) {
        GradCheck.scalar(X -> Mat.dot(a, map(mult(X, b), Math::exp)))
                .gradient(X -> mult(hadamard(a, map(mult(X, b), Math::exp)), transpose(b)))
                .at(x).assertPasses();
    }

    // tr(a) = a: the scalar aᵀXb is its own trace, so f and tr(aᵀXb) share the value and the gradient abᵀ
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void traceOfAScalarIsTheScalar(@Shape(rows = "m", cols = "1") DMatrixRMaj a,
                                   @Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                   @Shape(rows = "n", cols = "1") DMatrixRMaj b) {
        Expr traceOfScalar = Expr.constant("a", a).transpose().times(Expr.variable("X"))
                .times(Expr.constant("b", b)).trace();
        GradCheck.scalar(X -> bilinear(a, X, b))
                .gradient(X -> mult(a, transpose(b)))
                .exactly(traceOfScalar)
                .at(x).assertPasses();
    }

    // tr(Aᵀ) = tr(A): tr(AX) equals tr((AX)ᵀ) = tr(XᵀAᵀ), with the same gradient Aᵀ
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void traceOfATransposeIsTraceOfA(@Shape(rows = "n", cols = "m") DMatrixRMaj a,
                                     @Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        Expr traceOfTranspose = Expr.variable("X").transpose().times(Expr.constant("Aᵀ", transpose(a))).trace();
        GradCheck.scalar(X -> trace(mult(a, X)))
                .gradient(X -> transpose(a))
                .exactly(traceOfTranspose)
                .at(x).assertPasses();
    }

    // tr(AB) = tr(BA): tr(XB) (m×m inside) equals tr(BX) (n×n inside), with the same gradient Bᵀ
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void traceOfABIsTraceOfBA(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                              @Shape(rows = "n", cols = "m") DMatrixRMaj b) {
        Expr cycled = Expr.constant("B", b).times(Expr.variable("X")).trace();
        GradCheck.scalar(X -> trace(mult(X, b)))
                .gradient(X -> transpose(b))
                .exactly(cycled)
                .at(x).assertPasses();
    }

    // tr(Aᵀ(B ⊙ C)) = tr((A ⊙ B)ᵀC): as a function of C, both have the gradient A ⊙ B
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void traceMovesAHadamardFactorAcross(@Shape(rows = "m", cols = "n") DMatrixRMaj a,
                                         @Shape(rows = "m", cols = "n") DMatrixRMaj b,
                                         @Shape(rows = "m", cols = "n") DMatrixRMaj c) {
        Expr moved = Expr.constant("A", a).hadamard(Expr.constant("B", b)).transpose()
                .times(Expr.variable("C")).trace();
        GradCheck.scalar(C -> trace(mult(transpose(a), hadamard(b, C))))
                .gradient(C -> hadamard(a, b))
                .exactly(moved)
                .at(c).assertPasses();
    }

    /** xᵀAx. */
    private static double quadraticForm(DMatrixRMaj a, DMatrixRMaj x) {
        return Mat.dot(x, mult(a, x));
    }

    /** aᵀXb. */
    private static double bilinear(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj b) {
        return Mat.dot(a, mult(x, b));
    }

    /** log Σᵢ exp yᵢ, whose gradient is softmax(y). */
    private static double logSumExp(DMatrixRMaj y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.getNumElements(); i++) {
            max = Math.max(max, y.data[i]);
        }
        double sum = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            sum += Math.exp(y.data[i] - max);
        }
        return max + Math.log(sum);
    }

    /** tr(ABAᵀC). */
    private static double traceABATC(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return trace(mult(mult(a, b), mult(transpose(a), c)));
    }

    /** CAB + CᵀABᵀ. */
    private static DMatrixRMaj gradientOfTraceABATC(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return plus(mult(c, a, b), mult(transpose(c), a, transpose(b)));
    }
}
