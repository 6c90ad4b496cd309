package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.hadamard;
import static io.github.gradcheck.samples.Mat.inverse;
import static io.github.gradcheck.samples.Mat.map;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.kron.Vec;
import org.ejml.data.DMatrixRMaj;

/**
 * MATH.md, "vec and Kronecker": the derivative of F: ℝ^{m×n} → ℝ^{p×q} as its (pq × mn) Jacobian
 * ∂vec F / ∂vec Xᵀ, vec stacking columns, given as matrix-free Kronecker forms.
 */
class VecKroneckerTest {

    // vec(AXB) = (Bᵀ ⊗ A) vec X
    @GradientTest(trials = 40, dims = {"p=1..4", "m=1..4", "n=1..4", "q=1..4"})
    void vecOfAXBIsBTransposeKroneckerAVecX(
            @Shape(rows = "p", cols = "m") DMatrixRMaj a,
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "n", cols = "q") DMatrixRMaj b) {
        GradCheck.matrix(X -> mult(a, X, b))
                .kronecker(X -> Kron.of(transpose(b), a))
                .at(x).assertPasses();
    }

    // ∂vec(AX)/∂vec X = I ⊗ A
    @GradientTest(trials = 40, dims = {"p=1..4", "m=1..4", "n=1..4"})
    void jacobianOfAXIsIdentityKroneckerA(
            @Shape(rows = "p", cols = "m") DMatrixRMaj a,
            @Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> mult(a, X))
                .kronecker(X -> Kron.of(Kron.identity(X.numCols), LinearMap.dense(a)))
                .at(x).assertPasses();
    }

    // ∂vec(XB)/∂vec X = Bᵀ ⊗ I
    @GradientTest(trials = 40, dims = {"m=1..4", "n=1..4", "q=1..4"})
    void jacobianOfXBIsBTransposeKroneckerIdentity(
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "n", cols = "q") DMatrixRMaj b) {
        GradCheck.matrix(X -> mult(X, b))
                .kronecker(X -> Kron.of(LinearMap.dense(transpose(b)), Kron.identity(X.numRows)))
                .at(x).assertPasses();
    }

    // vec(Xᵀ) = K vec X, K the (mn × mn) commutation matrix of an m×n X
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void vecOfTransposeIsTheCommutationMatrixTimesVecX(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> transpose(X))
                .kronecker(X -> Kron.commutation(X.numRows, X.numCols))
                .at(x).assertPasses();
    }

    // d vec(X⁻¹) = −(X⁻ᵀ ⊗ X⁻¹) d vec X
    @GradientTest(trials = 40, dims = "n=1..5")
    void vecDifferentialOfTheInverseIsMinusInverseTransposeKroneckerInverse(
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj x) {
        GradCheck.matrix(X -> inverse(X))
                .kronecker(X -> Kron.of(transpose(inverse(X)), inverse(X)).scale(-1))
                .at(x).assertPasses();
    }

    // d vec(X ⊙ Y) = diag(vec Y) d vec X
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void vecDifferentialOfTheHadamardProductIsDiagVecY(
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "m", cols = "n") DMatrixRMaj y) {
        GradCheck.matrix(X -> hadamard(X, y))
                .kronecker(X -> Kron.diag(y))
                .at(x).assertPasses();
    }

    // elementwise σ: ∂vec σ(X)/∂vec X = diag(vec σ′(X))
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void jacobianOfAnElementwiseFunctionIsDiagVecSigmaPrime(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> map(X, Mat::sigmoid))
                .kronecker(X -> Kron.diag(map(X, v -> Mat.sigmoid(v) * (1 - Mat.sigmoid(v)))))
                .at(x).assertPasses();
    }

    // the Jacobian of AXB as mn·pq numbers, (Bᵀ ⊗ A) formed densely: the same derivative
    @GradientTest(trials = 40, dims = {"p=1..4", "m=1..4", "n=1..4", "q=1..4"})
    void theSameJacobianPassesWhenGivenDensely(
            @Shape(rows = "p", cols = "m") DMatrixRMaj a,
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "n", cols = "q") DMatrixRMaj b) {
        GradCheck.matrix(X -> mult(a, X, b))
                .jacobian(X -> Kron.of(transpose(b), a).toDense())
                .at(x).assertPasses();
    }

    // ∂vec(AXB)/∂vec Xᵀ is (pq × mn), entry (c·p + r, j·m + i) = ∂(AXB)ᵣ꜀/∂Xᵢⱼ = Aᵣᵢ Bⱼ꜀
    @GradientTest(trials = 30, dims = {"p=1..4", "m=1..4", "n=1..4", "q=1..4"})
    void denseJacobianHoldsEveryEntryOfFDifferentiatedByEveryEntryOfX(
            @Shape(rows = "p", cols = "m") DMatrixRMaj a,
            @Shape(rows = "n", cols = "q") DMatrixRMaj b) {
        int p = a.numRows;
        int m = a.numCols;
        int n = b.numRows;
        int q = b.numCols;
        DMatrixRMaj j = Kron.of(transpose(b), a).toDense();
        assertEquals(p * q, j.numRows, "rows: the pq entries of F");
        assertEquals(m * n, j.numCols, "columns: the mn entries of X");
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < q; c++) {
                for (int i = 0; i < m; i++) {
                    for (int jj = 0; jj < n; jj++) {
                        assertEquals(a.get(r, i) * b.get(jj, c), j.get(c * p + r, jj * m + i), 1e-12);
                    }
                }
            }
        }
    }

    // the other layout, ∂vec F / ∂vec X = (B ⊗ Aᵀ) (the transpose), is the VJP G ↦ AᵀGBᵀ: same content
    @GradientTest(trials = 40, dims = {"p=1..4", "m=1..4", "n=1..4", "q=1..4"})
    void theTransposedLayoutAppliedToVecGIsTheVjp(
            @Shape(rows = "p", cols = "m") DMatrixRMaj a,
            @Shape(rows = "m", cols = "n") DMatrixRMaj x,
            @Shape(rows = "n", cols = "q") DMatrixRMaj b) {
        GradCheck.matrix(X -> mult(a, X, b))
                .vjp((X, G) -> Vec.unvec(Kron.of(transpose(b), a).transpose().apply(Vec.vec(G)), X.numRows, X.numCols))
                .at(x).assertPasses();
    }
}
