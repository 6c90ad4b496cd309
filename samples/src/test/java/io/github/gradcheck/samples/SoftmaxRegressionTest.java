package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax regression derived step by step, as in the study notes: z = Wx, s = softmax(z),
 * l = −yᵀ log s. Each stage's derivative is checked on its own, then the chain. The notes'
 * author first treated softmax as elementwise; that version is the wrong twin in
 * {@link WrongTwinsTest}, where the stage check below fails with ELEMENTWISE_JACOBIAN.
 */
class SoftmaxRegressionTest {

    // stage 1, z = Wx: its vjp with respect to W is G ↦ G xᵀ
    @GradientTest(trials = 40, dims = {"k=2..5", "d=1..4"})
    void scoresVjp(@Shape(rows = "k", cols = "d") DMatrixRMaj w, @Shape(rows = "d", cols = "1") DMatrixRMaj x) {
        GradCheck.matrixOf(in -> SoftmaxRegression.scores(in.get("W"), x))
                .vjp("W", (in, g) -> SoftmaxRegression.scoresVjp(x, g))
                .at(Inputs.of("W", w))
                .assertPasses();
    }

    // stage 2, s = softmax(z): its Jacobian is diag(s) − ssᵀ, so its vjp is G ↦ s ⊙ (G − (sᵀG)·1)
    @GradientTest(trials = 40, dims = "k=1..6")
    void softmaxVjp(@Shape(rows = "k", cols = "1") DMatrixRMaj z) {
        GradCheck.matrix(SoftmaxRegression::softmax).vjp(SoftmaxRegression::softmaxVjp).at(z).assertPasses();
    }

    // stage 3, l = −yᵀ log s: ∂l/∂s = −y ⊘ s (s on the simplex, y one-hot; drawn as rows, used as columns)
    @GradientTest(trials = 40, dims = "k=2..6")
    void crossEntropyGradient(@Shape(rows = "1", cols = "k", structure = Structure.SIMPLEX_ROWS) DMatrixRMaj s,
                              @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
        DMatrixRMaj label = transpose(y);
        GradCheck.scalar(v -> SoftmaxRegression.crossEntropy(v, label))
                .gradient(v -> SoftmaxRegression.crossEntropyGradient(v, label))
                .at(transpose(s))
                .assertPasses();
    }

    // the chain: ∇_W l = (softmax(Wx) − y) xᵀ
    @GradientTest(trials = 40, dims = {"k=2..5", "d=1..4"})
    void lossGradient(@Shape(rows = "k", cols = "d") DMatrixRMaj w, @Shape(rows = "d", cols = "1") DMatrixRMaj x,
                      @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
        DMatrixRMaj label = transpose(y);
        GradCheck.scalar(v -> SoftmaxRegression.loss(v, x, label))
                .gradient(v -> SoftmaxRegression.gradient(v, x, label))
                .at(w)
                .assertPasses();
    }
}
