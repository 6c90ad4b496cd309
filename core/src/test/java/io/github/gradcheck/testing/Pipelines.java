package io.github.gradcheck.testing;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.transpose;

import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.PipelineCheck;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Structure;
import org.ejml.data.DMatrixRMaj;

/**
 * The pipelines of the tests, stage by stage, with their right stages and the wrong twins, their
 * random-trials domains and fixed points: softmax regression, a two-layer tanh network, layer
 * normalisation, an attention block, and a tied-weights autoencoder; and a user's own
 * end-to-end backpropagation of the two-layer network, right and miswired.
 */
public final class Pipelines {

    private Pipelines() {
    }

    // ------------------------------------------------------------------ stages

    public static Stage affine(String w, String b) {
        return Stage.of(in -> Networks.affine(in.get("x"), in.get(w), in.get(b)),
                (in, g) -> Networks.affineVjp(in.get("x"), in.get(w), g, w, b, true));
    }

    /** The bias's gradient left of the batch's shape: G where 1ᵀG is right. */
    public static Stage affineBiasNotSummed(String w, String b) {
        return Stage.of(in -> Networks.affine(in.get("x"), in.get(w), in.get(b)),
                (in, g) -> Networks.affineVjp(in.get("x"), in.get(w), g, w, b, false));
    }

    public static final Stage TANH = Stage.matrix(Networks::tanh, Networks::tanhVjp);
    /** tanh's vjp without tanh': G passed straight through. */
    public static final Stage TANH_WITHOUT_DERIVATIVE = Stage.matrix(Networks::tanh, (x, g) -> g.copy());
    public static final Stage SOFTMAX = Stage.matrix(Matrices::softmaxRows, Matrices::softmaxRowsVjp);
    public static final Stage SOFTMAX_AS_ELEMENTWISE = Stage.matrix(Matrices::softmaxRows,
            Matrices::softmaxRowsVjpAsIfElementwise);

    public static final Stage CROSS_ENTROPY = Stage.loss(in -> Networks.crossEntropy(in.get("x"), in.get("Y")),
            in -> Inputs.of("x", Networks.crossEntropyGradient(in.get("x"), in.get("Y"))));
    /** Y/S where −Y/S is right. */
    public static final Stage CROSS_ENTROPY_WRONG_SIGN = Stage.loss(
            in -> Networks.crossEntropy(in.get("x"), in.get("Y")),
            in -> Inputs.of("x", Matrices.scale(-1, Networks.crossEntropyGradient(in.get("x"), in.get("Y")))));
    /** Cross-entropy of the softmax of logits, fused. */
    public static final Stage SOFTMAX_CROSS_ENTROPY = Stage.loss(
            in -> Networks.softmaxCrossEntropy(in.get("x"), in.get("Y")),
            in -> Inputs.of("x", Networks.softmaxCrossEntropyGradient(in.get("x"), in.get("Y"))));
    public static final Stage SQUARED_ERROR = Stage.loss(in -> Networks.squaredError(in.get("x"), in.get("T")),
            in -> Inputs.of("x", Networks.squaredErrorGradient(in.get("x"), in.get("T"))));

    /** Layer normalisation with γ and β; its vjp right, as if elementwise, or β's not summed. */
    public static Stage layerNorm(boolean elementwise, boolean sumBeta) {
        return Stage.of(in -> Networks.layerNorm(in.get("x"), in.get("gamma"), in.get("beta")),
                (in, g) -> Networks.layerNormVjp(in.get("x"), in.get("gamma"), g, elementwise, sumBeta));
    }

    /** Q Kᵀ/√d with Q the stage's input; its vjp with or without the 1/√d. */
    public static Stage scores(boolean scaled) {
        return Stage.of(in -> Networks.scores(in.get("x"), in.get("K")),
                (in, g) -> Networks.scoresVjp(in.get("x"), in.get("K"), g, scaled));
    }

    public static final Stage MIX = Stage.of(in -> mult(in.get("x"), in.get("V")),
            (in, g) -> Networks.mixVjp(in.get("x"), in.get("V"), g));

    // ------------------------------------------------------------------ pipelines

    /** affine → softmax → cross-entropy, labels Y a constant. */
    public static PipelineCheck softmaxRegression(Stage affine, Stage softmax, Stage loss) {
        return GradCheck.pipeline().stage("affine", affine).stage("softmax", softmax).loss("cross-entropy", loss)
                .constant("Y");
    }

    public static PipelineCheck softmaxRegression() {
        return softmaxRegression(affine("W", "b"), SOFTMAX, CROSS_ENTROPY);
    }

    public static Domain softmaxRegressionDomain() {
        return Domain.dims("n=1..5", "d=1..4", "k=2..5")
                .input("x", "n", "d", Structure.GAUSSIAN)
                .input("W", "d", "k", Structure.GAUSSIAN)
                .input("b", "1", "k", Structure.GAUSSIAN)
                .input("Y", "n", "k", Structure.ONE_HOT_ROWS);
    }

    public static Inputs softmaxRegressionPoint(int n, int d, int k, long seed) {
        return Inputs.of("x", Matrices.random(n, d, seed), "W", Matrices.random(d, k, seed + 1),
                "b", Matrices.random(1, k, seed + 2), "Y", oneHot(n, k, seed + 3));
    }

    /** affine1 → tanh → affine2 → softmax cross-entropy of the logits, labels Y a constant. */
    public static PipelineCheck twoLayer(Stage affine1, Stage tanh, Stage affine2) {
        return GradCheck.pipeline().stage("affine1", affine1).stage("tanh", tanh).stage("affine2", affine2)
                .loss("cross-entropy", SOFTMAX_CROSS_ENTROPY).constant("Y");
    }

    public static PipelineCheck twoLayer() {
        return twoLayer(affine("W1", "b1"), TANH, affine("W2", "b2"));
    }

    public static Domain twoLayerDomain() {
        return Domain.dims("n=1..4", "d=1..4", "h=1..4", "k=2..4")
                .input("x", "n", "d", Structure.GAUSSIAN)
                .input("W1", "d", "h", Structure.GAUSSIAN)
                .input("b1", "1", "h", Structure.GAUSSIAN)
                .input("W2", "h", "k", Structure.GAUSSIAN)
                .input("b2", "1", "k", Structure.GAUSSIAN)
                .input("Y", "n", "k", Structure.ONE_HOT_ROWS);
    }

    public static Inputs twoLayerPoint(int n, int d, int h, int k, long seed) {
        return Inputs.of("x", Matrices.random(n, d, seed), "W1", Matrices.random(d, h, seed + 1),
                "b1", Matrices.random(1, h, seed + 2), "W2", Matrices.random(h, k, seed + 3),
                "b2", Matrices.random(1, k, seed + 4), "Y", oneHot(n, k, seed + 5));
    }

    /** affine → layer normalisation (γ, β) → ½‖· − T‖², target T a constant. */
    public static PipelineCheck layerNormalisation(Stage affine, Stage norm) {
        return GradCheck.pipeline().stage("affine", affine).stage("layernorm", norm).loss("squared error",
                SQUARED_ERROR).constant("T");
    }

    public static PipelineCheck layerNormalisation() {
        return layerNormalisation(affine("W", "b"), layerNorm(false, true));
    }

    public static Domain layerNormalisationDomain() {
        return Domain.dims("n=1..4", "d=1..4", "h=2..5")
                .input("x", "n", "d", Structure.GAUSSIAN)
                .input("W", "d", "h", Structure.GAUSSIAN)
                .input("b", "1", "h", Structure.GAUSSIAN)
                .input("gamma", "1", "h", Structure.GAUSSIAN)
                .input("beta", "1", "h", Structure.GAUSSIAN)
                .input("T", "n", "h", Structure.GAUSSIAN);
    }

    public static Inputs layerNormalisationPoint(int n, int d, int h, long seed) {
        return Inputs.of("x", Matrices.random(n, d, seed), "W", Matrices.random(d, h, seed + 1),
                "b", Matrices.random(1, h, seed + 2), "gamma", Matrices.random(1, h, seed + 3),
                "beta", Matrices.random(1, h, seed + 4), "T", Matrices.random(n, h, seed + 5));
    }

    /** Q Kᵀ/√d → softmax of rows → ·V → ½‖· − T‖², with the queries Q as the input. */
    public static PipelineCheck attention(Stage scores, Stage softmax) {
        return GradCheck.pipeline().stage("scores", scores).stage("softmax", softmax).stage("mix", MIX)
                .loss("squared error", SQUARED_ERROR).constant("T");
    }

    public static PipelineCheck attention() {
        return attention(scores(true), SOFTMAX);
    }

    public static Domain attentionDomain() {
        return Domain.dims("n=1..4", "m=1..4", "d=1..3", "e=1..3")
                .input("x", "n", "d", Structure.GAUSSIAN)
                .input("K", "m", "d", Structure.GAUSSIAN)
                .input("V", "m", "e", Structure.GAUSSIAN)
                .input("T", "n", "e", Structure.GAUSSIAN);
    }

    public static Inputs attentionPoint(int n, int m, int d, int e, long seed) {
        return Inputs.of("x", Matrices.random(n, d, seed), "K", Matrices.random(m, d, seed + 1),
                "V", Matrices.random(m, e, seed + 2), "T", Matrices.random(n, e, seed + 3));
    }

    /**
     * A tied-weights autoencoder: encode x ↦ xW, tanh, decode a ↦ aWᵀ, ½‖· − T‖². W is read by both
     * encode and decode; its gradient is the sum of their contributions.
     */
    public static PipelineCheck autoencoder() {
        Stage encode = Stage.of(in -> mult(in.get("x"), in.get("W")),
                (in, g) -> Inputs.of("x", mult(g, transpose(in.get("W"))), "W", mult(transpose(in.get("x")), g)));
        Stage decode = Stage.of(in -> mult(in.get("x"), transpose(in.get("W"))),
                (in, g) -> Inputs.of("x", mult(g, in.get("W")), "W", mult(transpose(g), in.get("x"))));
        return GradCheck.pipeline().stage("encode", encode).stage("tanh", TANH).stage("decode", decode)
                .loss("squared error", SQUARED_ERROR).constant("T");
    }

    public static Inputs autoencoderPoint(int n, int d, int h, long seed) {
        return Inputs.of("x", Matrices.random(n, d, seed), "W", Matrices.random(d, h, seed + 1),
                "T", Matrices.random(n, d, seed + 2));
    }

    /** A random n×k matrix with one 1 in each row. */
    public static DMatrixRMaj oneHot(int n, int k, long seed) {
        java.util.Random random = new java.util.Random(seed);
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int r = 0; r < n; r++) {
            y.set(r, random.nextInt(k), 1);
        }
        return y;
    }

    // ------------------------------------------------------------------ a user's own backpropagation

    /** How a user's end-to-end backpropagation of the two-layer network is wired. */
    public enum Wiring {
        RIGHT,
        /** ∇W2 = z1ᵀ dz2: the pre-activation z1 cached where a1 = tanh(z1) is right. */
        W2_FROM_PRE_ACTIVATION,
        /** ∇W1 = xᵀ da1: da1 passed to the first layer, tanh's backward skipped. */
        W1_SKIPS_TANH,
        /** dz1 = da1 ∘ (1 − tanh(a1)²): tanh' at the activation a1 instead of z1. */
        TANH_AT_ACTIVATION,
        /** ∇W1 twice the right one. */
        W1_DOUBLED
    }

    /** The gradient of the two-layer network's loss with respect to one parameter, wired as told. */
    public static DMatrixRMaj twoLayerGradient(Inputs in, String parameter, Wiring wiring) {
        DMatrixRMaj x = in.get("x");
        DMatrixRMaj z1 = Networks.affine(x, in.get("W1"), in.get("b1"));
        DMatrixRMaj a1 = Networks.tanh(z1);
        DMatrixRMaj z2 = Networks.affine(a1, in.get("W2"), in.get("b2"));
        DMatrixRMaj dz2 = Networks.softmaxCrossEntropyGradient(z2, in.get("Y"));
        DMatrixRMaj da1 = mult(dz2, transpose(in.get("W2")));
        DMatrixRMaj dz1 = Networks.tanhVjp(wiring == Wiring.TANH_AT_ACTIVATION ? a1 : z1, da1);
        return switch (parameter) {
            case "W2" -> mult(transpose(wiring == Wiring.W2_FROM_PRE_ACTIVATION ? z1 : a1), dz2);
            case "b2" -> Networks.columnSums(dz2);
            case "W1" -> {
                DMatrixRMaj g = mult(transpose(x), wiring == Wiring.W1_SKIPS_TANH ? da1 : dz1);
                yield wiring == Wiring.W1_DOUBLED ? Matrices.scale(2, g) : g;
            }
            case "b1" -> Networks.columnSums(dz1);
            default -> throw new IllegalArgumentException(parameter);
        };
    }

    /** The two-layer network with the user's own end-to-end gradients of every parameter. */
    public static PipelineCheck twoLayerWithGradients(Wiring wiring) {
        PipelineCheck p = twoLayer();
        for (String name : new String[] {"W1", "b1", "W2", "b2"}) {
            p = p.gradient(name, in -> twoLayerGradient(in, name, wiring));
        }
        return p;
    }
}
