package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.hadamard;
import static io.github.gradcheck.samples.Mat.map;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plus;
import static io.github.gradcheck.samples.Mat.scale;
import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * MATH.md, "Derivative as a linear map": DF[X] is the linear map with
 * ‖F(X+H) − F(X) − DF[X](H)‖ = o(‖H‖); the gradient and the Jacobian are its special cases, and
 * the chain rule composes the maps.
 */
class DerivativeAsLinearMapTest {

    // F(X) = X² on symmetric X: DF[X](H) = XH + HX (X and H need not commute, so not 2XH)
    @GradientTest(trials = 40, dims = "n=1..5")
    void squareOfASymmetricMatrixHasDerivativeXHPlusHX(
            @Shape(rows = "n", cols = "n", structure = Structure.SYMMETRIC) DMatrixRMaj x) {
        GradCheck.matrix(X -> mult(X, X))
                .jvp((X, H) -> plus(mult(X, H), mult(H, X)))
                .structure(Structure.SYMMETRIC)
                .at(x).assertPasses();
    }

    // f(x) = ‖Ax − b‖²: ∇f = 2Aᵀ(Ax − b)
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void leastSquaresGradientIsTwoATransposeTimesTheResidual(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "m", cols = "1") DMatrixRMaj b,
            @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(X -> leastSquares(a, X, b))
                .gradient(X -> scale(2, mult(transpose(a), minus(mult(a, X), b))))
                .at(x).assertPasses();
    }

    // f(x) = ‖Ax − b‖²: Df[x](h) = 2(Ax − b)ᵀAh, the derivative as a linear map ℝⁿ → ℝ
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void leastSquaresDerivativeIsTheLinearMapTwoResidualTransposeA(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "m", cols = "1") DMatrixRMaj b,
            @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.matrix(X -> scalar(leastSquares(a, X, b)))
                .jvp((X, H) -> scale(2, mult(transpose(minus(mult(a, X), b)), a, H)))
                .at(x).assertPasses();
    }

    // F(x) = σ(Ax), ℝⁿ → ℝᵐ: the Jacobian ∂F/∂xᵀ = diag(σ′(Ax)) A
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void jacobianOfAVectorFunctionIsDiagSigmaPrimeTimesA(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.matrix(X -> sigmoid(mult(a, X)))
                .jacobian(X -> mult(Mat.diag(sigmoidPrime(mult(a, X))), a))
                .at(x).assertPasses();
    }

    // f(W) = 1ᵀ log σ(XW) 1: df = tr((1 − σ(XW))ᵀ X dW), so ∇f = Xᵀ(1 − σ(XW))
    @GradientTest(trials = 40, dims = {"n=1..5", "d=1..4", "k=1..3"})
    void logisticLayerLogLikelihoodHasGradientXTransposeOneMinusSigma(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "d", cols = "k") DMatrixRMaj w) {
        GradCheck.scalar(W -> Mat.sum(map(mult(x, W), z -> Math.log(Mat.sigmoid(z)))))
                .gradient(W -> mult(transpose(x), map(mult(x, W), z -> 1 - Mat.sigmoid(z))))
                .at(w).assertPasses();
    }

    // f(W) = ⟨C, σ(XW)⟩: df = ⟨C ⊙ σ′(XW), X dW⟩ with σ′ = σ(1 − σ), so ∇f = Xᵀ(C ⊙ σ′(XW))
    @GradientTest(trials = 40, dims = {"n=1..5", "d=1..4", "k=1..3"})
    void logisticLayerGradientContainsTheHadamardProductWithSigmaPrime(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "d", cols = "k") DMatrixRMaj w,
            @Shape(rows = "n", cols = "k") DMatrixRMaj c) {
        GradCheck.scalar(W -> Mat.dot(c, sigmoid(mult(x, W))))
                .gradient(W -> mult(transpose(x), hadamard(c, sigmoidPrime(mult(x, W)))))
                .at(w).assertPasses();
    }

    // D(F∘G)[X] = DF[G(X)] ∘ DG[X], for G(X) = σ(X) and F(Y) = YᵀY
    @GradientTest(trials = 40, dims = {"n=1..5", "k=1..4"})
    void chainRuleComposesTheJvps(@Shape(rows = "n", cols = "k") DMatrixRMaj x) {
        GradCheck.matrix(X -> gram(sigmoid(X)))
                .jvp((X, H) -> gramJvp(sigmoid(X), sigmoidJvp(X, H)))
                .at(x).assertPasses();
    }

    // ∇(f∘G)(X) = DG[X]*(∇f(G(X))), for G(X) = AX and f(Y) = Σ log cosh Yᵢⱼ: ∇ = Aᵀ tanh(AX)
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5", "k=1..3"})
    void chainRuleForAGradientComposesTheVjps(
            @Shape(rows = "m", cols = "n") DMatrixRMaj a,
            @Shape(rows = "n", cols = "k") DMatrixRMaj x) {
        GradCheck.scalar(X -> logCosh(mult(a, X)))
                .gradient(X -> leftProductVjp(a, logCoshGradient(mult(a, X))))
                .at(x).assertPasses();
    }

    private static double leastSquares(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj b) {
        DMatrixRMaj r = minus(mult(a, x), b);
        return Mat.dot(r, r);
    }

    /** f(Y) = Σ log cosh Yᵢⱼ. */
    private static double logCosh(DMatrixRMaj y) {
        return Mat.sum(map(y, v -> Math.log(Math.cosh(v))));
    }

    /** ∇f(Y) = tanh(Y) for f(Y) = Σ log cosh Yᵢⱼ. */
    private static DMatrixRMaj logCoshGradient(DMatrixRMaj y) {
        return map(y, Math::tanh);
    }

    /** DG[X]*(G) = AᵀG for G(X) = AX: the adjoint of H ↦ AH. */
    private static DMatrixRMaj leftProductVjp(DMatrixRMaj a, DMatrixRMaj g) {
        return mult(transpose(a), g);
    }

    private static DMatrixRMaj scalar(double v) {
        return new DMatrixRMaj(new double[][] {{v}});
    }

    private static DMatrixRMaj sigmoid(DMatrixRMaj z) {
        return map(z, Mat::sigmoid);
    }

    /** σ′(Z) = σ(Z) ⊙ (1 − σ(Z)). */
    private static DMatrixRMaj sigmoidPrime(DMatrixRMaj z) {
        return map(z, v -> Mat.sigmoid(v) * (1 - Mat.sigmoid(v)));
    }

    /** DG[X](H) = σ′(X) ⊙ H for G = σ elementwise. */
    private static DMatrixRMaj sigmoidJvp(DMatrixRMaj x, DMatrixRMaj h) {
        return hadamard(sigmoidPrime(x), h);
    }

    /** F(Y) = YᵀY. */
    private static DMatrixRMaj gram(DMatrixRMaj y) {
        return mult(transpose(y), y);
    }

    /** DF[Y](K) = KᵀY + YᵀK for F(Y) = YᵀY. */
    private static DMatrixRMaj gramJvp(DMatrixRMaj y, DMatrixRMaj k) {
        return plus(mult(transpose(k), y), mult(transpose(y), k));
    }
}
