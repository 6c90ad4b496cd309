package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.dot;
import static io.github.gradcheck.samples.Mat.inverse;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plus;
import static io.github.gradcheck.samples.Mat.scale;
import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;

/**
 * The wrong twins: the classic mistakes of docs/MATH.md, each a property that FAILS, on purpose. They
 * are tagged {@code wrong-twin}, which {@code mvn verify} leaves out; the demo runs them and
 * prints what gradcheck says (the mistake, and the failing case shrunk to the smallest), and
 * {@code WrongTwinsAreCaughtTest} checks that each fails with the mistake it {@link Shows}.
 * Run them alone with {@code mvn -pl samples -Pwrong-twins test} (after {@code mvn install -DskipTests}).
 */
@Tag("wrong-twin")
class WrongTwinsTest {

    // softmax's Jacobian is diag(s) − ssᵀ; rule 8 applied as if softmax were elementwise gives diag(s ⊙ (1 − s))
    @Shows(value = Mistake.ELEMENTWISE_JACOBIAN, slip = "softmax differentiated as if elementwise: "
            + "diag(s ⊙ (1 − s)) where diag(s) − ssᵀ is right")
    @GradientTest(trials = 50, dims = "k=1..6", shrinkSeconds = 5)
    void softmaxStageAsIfElementwise(@Shape(rows = "k", cols = "1") DMatrixRMaj z) {
        GradCheck.matrix(SoftmaxRegression::softmax).vjp(SoftmaxRegression::softmaxVjpElementwise).at(z).assertPasses();
    }

    // chained through that stage, the whole softmax-regression gradient is wrong too, without saying why
    @Shows(value = Mistake.UNKNOWN, slip = "the softmax-regression gradient chained through the elementwise "
            + "softmax: the whole is wrong, and only the stage check says why")
    @GradientTest(trials = 50, dims = {"k=2..5", "d=1..4"}, shrinkSeconds = 5)
    void softmaxRegressionThroughElementwiseSoftmax(
            @Shape(rows = "k", cols = "d") DMatrixRMaj w, @Shape(rows = "d", cols = "1") DMatrixRMaj x,
            @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
        DMatrixRMaj label = transpose(y);
        GradCheck.scalar(v -> SoftmaxRegression.loss(v, x, label))
                .gradient(v -> SoftmaxRegression.gradientThroughElementwiseSoftmax(v, x, label))
                .at(w)
                .assertPasses();
    }

    // ∇_A tr(AB) = Bᵀ; B itself is the transposed answer
    @Shows(value = Mistake.TRANSPOSED, slip = "∇_A tr(AB) written as B, where Bᵀ is right")
    @GradientTest(trials = 50, dims = {"m=1..5", "n=1..5"}, shrinkSeconds = 5)
    void traceGradientTransposed(@Shape(rows = "m", cols = "n") DMatrixRMaj a,
                                 @Shape(rows = "n", cols = "m") DMatrixRMaj b) {
        GradCheck.scalar(v -> Mat.trace(mult(v, b))).gradient(v -> b.copy()).at(a).assertPasses();
    }

    // ∇ₓ ‖Ax − b‖² = 2Aᵀ(Ax − b); the 2 of the square forgotten
    @Shows(value = Mistake.WRONG_SCALE, slip = "∇‖Ax − b‖² written as Aᵀ(Ax − b), without the 2 of the square")
    @GradientTest(trials = 50, dims = {"m=1..5", "n=1..5"}, shrinkSeconds = 5)
    void leastSquaresWithoutTheTwo(@Shape(rows = "m", cols = "n") DMatrixRMaj a,
                                   @Shape(rows = "m", cols = "1") DMatrixRMaj b,
                                   @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(v -> {
            DMatrixRMaj r = minus(mult(a, v), b);
            return dot(r, r);
        }).gradient(v -> mult(transpose(a), minus(mult(a, v), b))).at(x).assertPasses();
    }

    // d(X⁻¹) = −X⁻¹ dX X⁻¹; the minus sign dropped
    @Shows(value = Mistake.WRONG_SIGN, slip = "d(X⁻¹) written as X⁻¹ dX X⁻¹, without the minus sign")
    @GradientTest(trials = 50, dims = "n=1..4", shrinkSeconds = 5)
    void inverseWithoutTheMinus(@Shape(rows = "n", cols = "n", structure = Structure.INVERTIBLE) DMatrixRMaj x) {
        GradCheck.matrix(Mat::inverse).jvp((v, h) -> mult(inverse(v), h, inverse(v))).at(x).assertPasses();
    }

    // on symmetric S, the gradient of log det S is S⁻¹ = (G + Gᵀ)/2; the textbook G + Gᵀ − G∘I is not
    @Shows(value = Mistake.SYMMETRIC_GRADIENT_FORMULA, slip = "on a symmetric input, G + Gᵀ − G∘I "
            + "(2S⁻¹ − diag(S⁻¹) for log det S), where (G + Gᵀ)/2 = S⁻¹ is right")
    @GradientTest(trials = 50, dims = "n=2..4", shrinkSeconds = 5)
    void logDetWithTheSymmetricFormula(@Shape(rows = "n", cols = "n", structure = Structure.SPD) DMatrixRMaj s) {
        GradCheck.scalar(Mat::logAbsDet)
                .structure(Structure.SPD)
                .gradient(v -> {
                    DMatrixRMaj g = scale(2, inverse(v));
                    for (int i = 0; i < g.numRows; i++) {
                        g.set(i, i, g.get(i, i) / 2);
                    }
                    return g;
                })
                .at(s)
                .assertPasses();
    }

    // b₂ is broadcast over the batch, so ∇_{b₂} = 1ᵀ dZ; dZ itself has the batch's shape
    @Shows(value = Mistake.NOT_SUMMED_OVER_BATCH, slip = "the output bias's gradient left as dZ (n×k), "
            + "where its sum over the batch 1ᵀdZ (1×k) is right")
    @GradientTest(trials = 50, dims = {"n=2..4", "d=1..3", "h=1..3", "k=2..3"}, shrinkSeconds = 5)
    void biasGradientNotSummedOverTheBatch(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y,
            @Shape(rows = "d", cols = "h") DMatrixRMaj w1, @Shape(rows = "1", cols = "h") DMatrixRMaj b1,
            @Shape(rows = "h", cols = "k") DMatrixRMaj w2, @Shape(rows = "1", cols = "k") DMatrixRMaj b2) {
        TwoLayerNetwork net = new TwoLayerNetwork(x, y);
        GradCheck.scalarOf(in -> net.loss(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")))
                .gradient("b2", in -> net.outputBiasGradientNotSummed(in.get("W1"), in.get("b1"), in.get("W2"),
                        in.get("b2")))
                .at(Inputs.of("W1", w1, "b1", b1, "W2", w2, "b2", b2))
                .assertPasses();
    }

    // ∇ₓ xᵀAx = (A + Aᵀ)x; 2Ax assumes a symmetry A does not have
    @Shows(value = Mistake.UNKNOWN, slip = "∇ xᵀAx written as 2Ax, assuming a symmetric A: (A + Aᵀ)x is right")
    @GradientTest(trials = 50, dims = "n=1..5", shrinkSeconds = 5)
    void quadraticFormAssumingSymmetry(@Shape(rows = "n", cols = "n") DMatrixRMaj a,
                                       @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(v -> dot(v, mult(a, v))).gradient(v -> scale(2, mult(a, v))).at(x).assertPasses();
    }

    // the same slip in the Hessian: ∇² xᵀAx = A + Aᵀ, not 2A (and a Hessian must be symmetric)
    @Shows(value = Mistake.UNKNOWN, slip = "∇² xᵀAx written as 2A: not even symmetric; A + Aᵀ is right")
    @GradientTest(trials = 50, dims = "n=2..5", shrinkSeconds = 5)
    void quadraticFormHessianAssumingSymmetry(@Shape(rows = "n", cols = "n") DMatrixRMaj a,
                                              @Shape(rows = "n", cols = "1") DMatrixRMaj x) {
        GradCheck.scalar(v -> dot(v, mult(a, v)))
                .gradient(v -> mult(plus(a, transpose(a)), v))
                .hessian(v -> scale(2, a))
                .at(x)
                .assertPasses();
    }
}
