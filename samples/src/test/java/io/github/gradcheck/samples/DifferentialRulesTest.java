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
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Structure;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.kron.LinearMap;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * MATH.md, "The matrix-differential method": each of the eight rules as a derivative built by
 * that rule, checked against finite differences and, where an expression says it naturally,
 * against the exact derivative ({@code exactly}) as well.
 */
class DifferentialRulesTest {

    private static final Expr VAR_X = Expr.variable("X");
    private static final Expr VAR_Y = Expr.variable("Y");

    // rule 1: d(X + Y) = dX + dY (each jvp returns its direction itself)
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void differentialOfASumIsTheSumOfTheDifferentials(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                                      @Shape(rows = "m", cols = "n") DMatrixRMaj y) {
        GradCheck.matrixOf(in -> plus(in.get("X"), in.get("Y")))
                .jvp("X", (in, dX) -> dX)
                .jvp("Y", (in, dY) -> dY)
                .at(Inputs.of("X", x, "Y", y)).assertPasses();
    }

    // rule 1: d(X − Y) = dX − dY
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void differentialOfADifferenceIsTheDifferenceOfTheDifferentials(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                                                    @Shape(rows = "m", cols = "n") DMatrixRMaj y) {
        GradCheck.matrixOf(in -> minus(in.get("X"), in.get("Y")))
                .jvp("X", (in, dX) -> dX)
                .jvp("Y", (in, dY) -> scale(-1, dY))
                .exactly(VAR_X.minus(VAR_Y)).numerically()
                .at(Inputs.of("X", x, "Y", y)).assertPasses();
    }

    // rule 2: d(XY) = (dX)Y + X dY, one jvp per factor
    @GradientTest(trials = 40, dims = {"m=1..4", "n=1..4", "q=1..4"})
    void differentialOfAProductIsDXTimesYPlusXTimesDY(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                                      @Shape(rows = "n", cols = "q") DMatrixRMaj y) {
        GradCheck.matrixOf(in -> mult(in.get("X"), in.get("Y")))
                .jvp("X", (in, dX) -> mult(dX, in.get("Y")))
                .jvp("Y", (in, dY) -> mult(in.get("X"), dY))
                .exactly(VAR_X.times(VAR_Y)).numerically()
                .at(Inputs.of("X", x, "Y", y)).assertPasses();
    }

    // rule 2 in vec form: ∂vec(XY)/∂vec X = Yᵀ ⊗ I, ∂vec(XY)/∂vec Y = I ⊗ X
    @GradientTest(trials = 40, dims = {"m=1..4", "n=1..4", "q=1..4"})
    void productRuleInKroneckerForm(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                    @Shape(rows = "n", cols = "q") DMatrixRMaj y) {
        GradCheck.matrixOf(in -> mult(in.get("X"), in.get("Y")))
                .kronecker("X", in -> Kron.of(LinearMap.dense(transpose(in.get("Y"))), Kron.identity(in.get("X").numRows)))
                .kronecker("Y", in -> Kron.of(Kron.identity(in.get("Y").numCols), LinearMap.dense(in.get("X"))))
                .at(Inputs.of("X", x, "Y", y)).assertPasses();
    }

    // rules 2 and 3 with both factors depending on X: d(XXᵀ) = (dX)Xᵀ + X(dX)ᵀ
    @GradientTest(trials = 40, dims = {"m=1..5", "n=1..5"})
    void productRuleWhenBothFactorsDependOnX(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> mult(X, transpose(X)))
                .jvp((X, dX) -> plus(mult(dX, transpose(X)), mult(X, transpose(dX))))
                .at(x).assertPasses();
    }

    // rule 3: d(Xᵀ) = (dX)ᵀ
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void differentialOfTheTransposeIsTheTransposedDifferential(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> transpose(X))
                .jvp((X, dX) -> transpose(dX))
                .exactly(VAR_X.transpose())
                .at(x).assertPasses();
    }

    // rule 4: d tr(X) = tr(dX)
    @GradientTest(trials = 30, dims = "n=1..5")
    void differentialOfTheTraceIsTheTraceOfTheDifferential(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> oneByOne(trace(X)))
                .jvp((X, dX) -> oneByOne(trace(dX)))
                .at(x).assertPasses();
    }

    // rule 4 read as df = tr(Iᵀ dX): ∇ tr(X) = I
    @GradientTest(trials = 30, dims = "n=1..5")
    void gradientOfTheTraceIsTheIdentity(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
        GradCheck.scalar(Mat::trace)
                .gradient(X -> Mat.identity(X.numRows))
                .exactly(VAR_X.trace()).numerically()
                .at(x).assertPasses();
    }

    // rule 5: dX⁻¹ = −X⁻¹ (dX) X⁻¹
    @GradientTest(trials = 40, dims = "n=1..5")
    void differentialOfTheInverseIsMinusInverseDXInverse(
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj x) {
        GradCheck.matrix(X -> inverse(X))
                .jvp((X, dX) -> scale(-1, mult(inverse(X), dX, inverse(X))))
                .exactly(VAR_X.inverse()).numerically()
                .at(x).assertPasses();
    }

    // rule 6: d det X = tr(adj(X) dX), so ∇ det X = adj(X)ᵀ (cofactors; no inverse needed)
    @GradientTest(trials = 40, dims = "n=1..5")
    void differentialOfTheDeterminantIsTraceOfAdjugateTimesDX(@Shape(rows = "n", cols = "n") DMatrixRMaj x) {
        GradCheck.scalar(Mat::det)
                .gradient(X -> transpose(adjugate(X)))
                .exactly(VAR_X.det()).numerically()
                .at(x).assertPasses();
    }

    // rule 6 at a singular X (det X = 0, rank 2): the adjugate form still gives ∇ det X = adj(X)ᵀ ≠ 0
    @Test
    void adjugateFormHoldsAtASingularMatrix() {
        DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        GradCheck.scalar(Mat::det)
                .gradient(X -> transpose(adjugate(X)))
                .exactly(VAR_X.det()).numerically()
                .at(singular).assertPasses();
    }

    // rule 6, second form for invertible X: d det X = det(X) tr(X⁻¹ dX)
    @GradientTest(trials = 40, dims = "n=1..5")
    void differentialOfTheDeterminantIsDetTimesTraceOfInverseDX(
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj x) {
        GradCheck.matrix(X -> oneByOne(Mat.det(X)))
                .jvp((X, dX) -> oneByOne(Mat.det(X) * trace(mult(inverse(X), dX))))
                .at(x).assertPasses();
    }

    // rule 7: d(X ⊙ Y) = dX ⊙ Y + X ⊙ dY
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void differentialOfAHadamardProductIsDXHadamardYPlusXHadamardDY(@Shape(rows = "m", cols = "n") DMatrixRMaj x,
                                                                    @Shape(rows = "m", cols = "n") DMatrixRMaj y) {
        GradCheck.matrixOf(in -> hadamard(in.get("X"), in.get("Y")))
                .jvp("X", (in, dX) -> hadamard(dX, in.get("Y")))
                .jvp("Y", (in, dY) -> hadamard(in.get("X"), dY))
                .exactly(VAR_X.hadamard(VAR_Y)).numerically()
                .at(Inputs.of("X", x, "Y", y)).assertPasses();
    }

    // rule 7 with both factors X: d(X ⊙ X) = dX ⊙ X + X ⊙ dX = 2X ⊙ dX
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void hadamardSquareHasDifferentialTwoXHadamardDX(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> hadamard(X, X))
                .jvp((X, dX) -> plus(hadamard(dX, X), hadamard(X, dX)))
                .exactly(VAR_X.square())
                .at(x).assertPasses();
    }

    // rule 8: d σ(X) = σ′(X) ⊙ dX for an elementwise σ, here tanh with σ′ = 1 − tanh²
    @GradientTest(trials = 30, dims = {"m=1..5", "n=1..5"})
    void differentialOfAnElementwiseFunctionIsSigmaPrimeHadamardDX(@Shape(rows = "m", cols = "n") DMatrixRMaj x) {
        GradCheck.matrix(X -> map(X, Math::tanh))
                .jvp((X, dX) -> hadamard(map(X, v -> 1 - Math.tanh(v) * Math.tanh(v)), dX))
                .exactly(VAR_X.tanh()).numerically()
                .at(x).assertPasses();
    }

    // the method: d(aᵀX⁻¹b) = −aᵀX⁻¹ dX X⁻¹b = tr(−X⁻¹baᵀX⁻¹ dX), so ∇ = −X⁻ᵀabᵀX⁻ᵀ
    @GradientTest(trials = 40, dims = "n=1..5")
    void theMethodReadsTheGradientOffTheTraceForm(
            @Shape(rows = "n", cols = "1") DMatrixRMaj a,
            @Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj x,
            @Shape(rows = "n", cols = "1") DMatrixRMaj b) {
        Expr reference = Expr.constant("a", a).transpose().times(VAR_X.inverse()).times(Expr.constant("b", b));
        GradCheck.scalar(X -> Mat.dot(a, mult(inverse(X), b)))
                .gradient(X -> scale(-1, mult(transpose(inverse(X)), mult(a, transpose(b)), transpose(inverse(X)))))
                .exactly(reference).numerically()
                .at(x).assertPasses();
    }

    private static DMatrixRMaj oneByOne(double v) {
        return new DMatrixRMaj(new double[][] {{v}});
    }

    /** adj(X)ᵢⱼ = (−1)^{i+j} det of X without row j and column i. */
    private static DMatrixRMaj adjugate(DMatrixRMaj x) {
        int n = x.numRows;
        DMatrixRMaj adj = new DMatrixRMaj(n, n);
        if (n == 1) {
            adj.set(0, 0, 1);
            return adj;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                DMatrixRMaj minor = new DMatrixRMaj(n - 1, n - 1);
                for (int r = 0, mr = 0; r < n; r++) {
                    if (r == j) {
                        continue;
                    }
                    for (int c = 0, mc = 0; c < n; c++) {
                        if (c != i) {
                            minor.set(mr, mc++, x.get(r, c));
                        }
                    }
                    mr++;
                }
                adj.set(i, j, ((i + j) % 2 == 0 ? 1 : -1) * Mat.det(minor));
            }
        }
        return adj;
    }
}
