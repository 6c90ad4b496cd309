package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.map;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plus;
import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Structure;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * MATH.md, the worked examples: logistic regression, softmax regression (stage by stage, as in
 * {@link SoftmaxRegression}), the two-layer network's backpropagation ({@link TwoLayerNetwork})
 * and the Hessian of xᵀAx.
 */
class WorkedExamplesTest {

    /** A non-symmetric A and a point x₀ for the Hessian of xᵀAx. */
    private static final DMatrixRMaj NON_SYMMETRIC = new DMatrixRMaj(new double[][] {
            {1.0, 2.0, 0.0},
            {-1.0, 3.0, 4.0},
            {0.5, 0.0, -2.0}});
    private static final DMatrixRMaj X0 = new DMatrixRMaj(new double[][] {{0.3}, {-0.7}, {1.1}});

    // logistic regression on a batch, l(w) = −Σᵢ [yᵢ log σ(xᵢᵀw) + (1 − yᵢ) log(1 − σ(xᵢᵀw))]: ∇l = Xᵀ(σ(Xw) − y)
    @GradientTest(trials = 40, dims = {"n=1..5", "d=1..4"})
    void logisticRegressionGradientIsXTransposeTimesSigmaMinusY(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "d", cols = "1") DMatrixRMaj w,
            @Shape(rows = "n", cols = "2", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj classes) {
        DMatrixRMaj y = CommonOps_DDRM.extractColumn(classes, 0, null); // 0/1 labels: "is of the first class"
        GradCheck.scalar(W -> logisticLoss(x, W, y))
                .gradient(W -> mult(transpose(x), minus(map(mult(x, W), Mat::sigmoid), y)))
                .at(w).assertPasses();
    }

    // softmax regression, l(W) = −yᵀ log softmax(Wx): ∇_W l = (softmax(Wx) − y)xᵀ
    @GradientTest(trials = 40, dims = {"k=2..5", "d=1..4"})
    void softmaxRegressionGradientIsSoftmaxMinusYTimesXTranspose(
            @Shape(rows = "k", cols = "d") DMatrixRMaj w,
            @Shape(rows = "d", cols = "1") DMatrixRMaj x,
            @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj label) {
        DMatrixRMaj y = transpose(label); // a one-hot column
        GradCheck.scalar(W -> SoftmaxRegression.loss(W, x, y))
                .gradient(W -> SoftmaxRegression.gradient(W, x, y))
                .at(w).assertPasses();
    }

    // the same gradient against the exact one of the expression −yᵀ log softmax(Wx)
    @GradientTest(trials = 30, dims = {"k=2..5", "d=1..4"})
    void softmaxRegressionGradientMatchesTheExactReference(
            @Shape(rows = "k", cols = "d") DMatrixRMaj w,
            @Shape(rows = "d", cols = "1") DMatrixRMaj x,
            @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj label) {
        DMatrixRMaj y = transpose(label);
        Expr loss = Expr.constant("y", y).transpose()
                .times(Expr.variable("W").times(Expr.constant("x", x)).softmax().log())
                .negate();
        GradCheck.scalar(W -> SoftmaxRegression.loss(W, x, y))
                .gradient(W -> SoftmaxRegression.gradient(W, x, y))
                .exactly(loss)
                .at(w).assertPasses();
    }

    // stage 3, l(s) = −yᵀ log s: ∂l/∂s = −y ⊘ s
    @GradientTest(trials = 30, dims = "k=2..5")
    void crossEntropyGradientIsMinusYOverS(
            @Shape(rows = "k", cols = "1", structure = Structure.POSITIVE) DMatrixRMaj s,
            @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj label) {
        DMatrixRMaj y = transpose(label);
        GradCheck.scalar(S -> SoftmaxRegression.crossEntropy(S, y))
                .gradient(S -> SoftmaxRegression.crossEntropyGradient(S, y))
                .at(s).assertPasses();
    }

    // stage 2, s = softmax(z): the Jacobian is diag(s) − ssᵀ (softmax is not elementwise)
    @GradientTest(trials = 30, dims = "k=1..5")
    void softmaxJacobianIsDiagSMinusSSTranspose(@Shape(rows = "k", cols = "1") DMatrixRMaj z) {
        GradCheck.matrix(SoftmaxRegression::softmax)
                .jacobian(Z -> {
                    DMatrixRMaj s = SoftmaxRegression.softmax(Z);
                    return minus(Mat.diag(s), mult(s, transpose(s)));
                })
                .at(z).assertPasses();
    }

    // stage 2 as backprop writes it: the vjp G ↦ (diag(s) − ssᵀ)G = s ⊙ (G − (sᵀG)1)
    @GradientTest(trials = 30, dims = "k=1..5")
    void softmaxVjpIsSHadamardGMinusSTransposeG(@Shape(rows = "k", cols = "1") DMatrixRMaj z) {
        GradCheck.matrix(SoftmaxRegression::softmax)
                .vjp(SoftmaxRegression::softmaxVjp)
                .at(z).assertPasses();
    }

    // stage 1, z = Wx: the vjp with respect to W is G ↦ Gxᵀ
    @GradientTest(trials = 30, dims = {"k=1..5", "d=1..4"})
    void scoresVjpIsGTimesXTranspose(@Shape(rows = "k", cols = "d") DMatrixRMaj w,
                                     @Shape(rows = "d", cols = "1") DMatrixRMaj x) {
        GradCheck.matrix(W -> SoftmaxRegression.scores(W, x))
                .vjp((W, G) -> SoftmaxRegression.scoresVjp(x, G))
                .at(w).assertPasses();
    }

    // the chain rule over the three stages: ∇_W l = scoresVjp(softmaxVjp(−y ⊘ s))
    @GradientTest(trials = 30, dims = {"k=2..5", "d=1..4"})
    void chainingTheThreeStagesGivesTheGradient(
            @Shape(rows = "k", cols = "d") DMatrixRMaj w,
            @Shape(rows = "d", cols = "1") DMatrixRMaj x,
            @Shape(rows = "1", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj label) {
        DMatrixRMaj y = transpose(label);
        GradCheck.scalar(W -> SoftmaxRegression.loss(W, x, y))
                .gradient(W -> {
                    DMatrixRMaj z = SoftmaxRegression.scores(W, x);
                    DMatrixRMaj dl = SoftmaxRegression.crossEntropyGradient(SoftmaxRegression.softmax(z), y);
                    return SoftmaxRegression.scoresVjp(x, SoftmaxRegression.softmaxVjp(z, dl));
                })
                .at(w).assertPasses();
    }

    // two-layer network: backward() gives ∇W₁ = XᵀdA, ∇b₁ = 1ᵀdA, ∇W₂ = HᵀdZ, ∇b₂ = 1ᵀdZ (X, Y constants)
    @GradientTest(trials = 40, dims = {"n=1..5", "d=1..4", "h=1..4", "k=2..4"})
    void twoLayerNetworkBackpropagationGivesAllFourGradients(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y,
            @Shape(rows = "d", cols = "h") DMatrixRMaj w1,
            @Shape(rows = "1", cols = "h") DMatrixRMaj b1,
            @Shape(rows = "h", cols = "k") DMatrixRMaj w2,
            @Shape(rows = "1", cols = "k") DMatrixRMaj b2) {
        GradCheck.scalarOf(in -> network(in).loss(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")))
                .gradient("W1", in -> backward(in).w1())
                .gradient("b1", in -> backward(in).b1())
                .gradient("W2", in -> backward(in).w2())
                .gradient("b2", in -> backward(in).b2())
                .structure("Y", Structure.ONE_HOT_ROWS)
                .at(Inputs.of("X", x, "Y", y, "W1", w1, "b1", b1, "W2", w2, "b2", b2))
                .assertPasses();
    }

    // the same four gradients against the exact ones of L = −1ᵀ(Y ⊙ log softmaxRows(tanh(XW₁ + 1b₁)W₂ + 1b₂))1
    @GradientTest(trials = 30, dims = {"n=1..5", "d=1..4", "h=1..4", "k=2..4"})
    void twoLayerNetworkGradientsMatchTheExactReference(
            @Shape(rows = "n", cols = "d") DMatrixRMaj x,
            @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y,
            @Shape(rows = "d", cols = "h") DMatrixRMaj w1,
            @Shape(rows = "1", cols = "h") DMatrixRMaj b1,
            @Shape(rows = "h", cols = "k") DMatrixRMaj w2,
            @Shape(rows = "1", cols = "k") DMatrixRMaj b2) {
        Expr hidden = Expr.constant("X", x).times(Expr.variable("W1")).plus(Expr.variable("b1")).tanh();
        Expr scores = hidden.times(Expr.variable("W2")).plus(Expr.variable("b2"));
        Expr loss = Expr.constant("Y", y).hadamard(scores.softmaxRows().log()).sum().negate();
        TwoLayerNetwork net = new TwoLayerNetwork(x, y);
        GradCheck.scalarOf(in -> net.loss(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")))
                .gradient("W1", in -> backward(net, in).w1())
                .gradient("b1", in -> backward(net, in).b1())
                .gradient("W2", in -> backward(net, in).w2())
                .gradient("b2", in -> backward(net, in).b2())
                .exactly(loss)
                .at(Inputs.of("W1", w1, "b1", b1, "W2", w2, "b2", b2))
                .assertPasses();
    }

    // the Hessian of xᵀAx for a non-symmetric A is A + Aᵀ (not 2A)
    @Test
    void hessianOfTheQuadraticFormWithANonSymmetricA() {
        GradCheck.scalar(X -> Mat.dot(X, mult(NON_SYMMETRIC, X)))
                .gradient(X -> mult(plus(NON_SYMMETRIC, transpose(NON_SYMMETRIC)), X))
                .hessian(X -> plus(NON_SYMMETRIC, transpose(NON_SYMMETRIC)))
                .at(X0).assertPasses();
    }

    // the Hessian-vector product of xᵀAx: V ↦ (A + Aᵀ)V
    @Test
    void hessianVectorProductOfTheQuadraticForm() {
        GradCheck.scalar(X -> Mat.dot(X, mult(NON_SYMMETRIC, X)))
                .gradient(X -> mult(plus(NON_SYMMETRIC, transpose(NON_SYMMETRIC)), X))
                .hvp((X, V) -> mult(plus(NON_SYMMETRIC, transpose(NON_SYMMETRIC)), V))
                .at(X0).assertPasses();
    }

    private static TwoLayerNetwork network(Inputs in) {
        return new TwoLayerNetwork(in.get("X"), in.get("Y"));
    }

    private static TwoLayerNetwork.Gradients backward(Inputs in) {
        return backward(network(in), in);
    }

    private static TwoLayerNetwork.Gradients backward(TwoLayerNetwork net, Inputs in) {
        return net.backward(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2"));
    }

    /** −Σᵢ yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ)), z = Xw, with log σ(z) = −log(1 + e⁻ᶻ) computed stably. */
    private static double logisticLoss(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj y) {
        DMatrixRMaj z = mult(x, w);
        double loss = 0;
        for (int i = 0; i < z.getNumElements(); i++) {
            loss -= y.data[i] * logSigmoid(z.data[i]) + (1 - y.data[i]) * logSigmoid(-z.data[i]);
        }
        return loss;
    }

    /** log σ(z), with log(1 − σ(z)) = log σ(−z). */
    private static double logSigmoid(double z) {
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }
}
