package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.transpose;

import org.ejml.data.DMatrixRMaj;

/**
 * Softmax regression for one example, derived step by step as in the study notes: for weights
 * W (k×d), an input x (d×1) and a one-hot label y (k×1),
 * <pre>
 *   z = W x,   s = softmax(z),   l = −yᵀ log s.
 * </pre>
 * Each stage has its derivative, and the chain rule joins them: ∂l/∂s = −y ⊘ s, the softmax
 * vjp G ↦ s ⊙ (G − (sᵀG)·1) (its Jacobian is diag(s) − ssᵀ), and G ↦ G xᵀ for z = Wx, so that
 * ∇_W l = (s − y) xᵀ.
 *
 * <p>{@link #softmaxVjpElementwise} is the slip the notes' author made: rule 8 (dσ(X) = σ′(X) ⊙ dX)
 * applied to softmax as if it were elementwise, diag(s ⊙ (1 − s)) in place of diag(s) − ssᵀ.
 */
public final class SoftmaxRegression {

    private SoftmaxRegression() {
    }

    /** Stage 1: z = W x. */
    public static DMatrixRMaj scores(DMatrixRMaj w, DMatrixRMaj x) {
        return mult(w, x);
    }

    /** The vjp of stage 1 with respect to W: G (k×1) ↦ G xᵀ (k×d). */
    public static DMatrixRMaj scoresVjp(DMatrixRMaj x, DMatrixRMaj g) {
        return mult(g, transpose(x));
    }

    /** Stage 2: s = softmax(z), z a column. */
    public static DMatrixRMaj softmax(DMatrixRMaj z) {
        return Mat.softmax(z);
    }

    /** The vjp of stage 2: G ↦ (diag(s) − ssᵀ) G = s ⊙ (G − (sᵀG)·1). */
    public static DMatrixRMaj softmaxVjp(DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj s = softmax(z);
        double sg = Mat.dot(s, g);
        DMatrixRMaj out = new DMatrixRMaj(s.numRows, 1);
        for (int i = 0; i < s.numRows; i++) {
            out.data[i] = s.data[i] * (g.data[i] - sg);
        }
        return out;
    }

    /** The wrong vjp of stage 2, softmax treated as elementwise: G ↦ s ⊙ (1 − s) ⊙ G. */
    public static DMatrixRMaj softmaxVjpElementwise(DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj s = softmax(z);
        DMatrixRMaj out = new DMatrixRMaj(s.numRows, 1);
        for (int i = 0; i < s.numRows; i++) {
            out.data[i] = s.data[i] * (1 - s.data[i]) * g.data[i];
        }
        return out;
    }

    /** Stage 3: l = −yᵀ log s. */
    public static double crossEntropy(DMatrixRMaj s, DMatrixRMaj y) {
        double l = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            if (y.data[i] != 0) {
                l -= y.data[i] * Math.log(s.data[i]);
            }
        }
        return l;
    }

    /** The gradient of stage 3 with respect to s: −y ⊘ s. */
    public static DMatrixRMaj crossEntropyGradient(DMatrixRMaj s, DMatrixRMaj y) {
        DMatrixRMaj g = new DMatrixRMaj(s.numRows, s.numCols);
        for (int i = 0; i < s.getNumElements(); i++) {
            g.data[i] = -y.data[i] / s.data[i];
        }
        return g;
    }

    /** The whole loss l(W) = −yᵀ log softmax(W x). */
    public static double loss(DMatrixRMaj w, DMatrixRMaj x, DMatrixRMaj y) {
        return crossEntropy(softmax(scores(w, x)), y);
    }

    /** ∇_W l = (softmax(W x) − y) xᵀ, the chain of the three stages' derivatives, simplified. */
    public static DMatrixRMaj gradient(DMatrixRMaj w, DMatrixRMaj x, DMatrixRMaj y) {
        return mult(minus(softmax(scores(w, x)), y), transpose(x));
    }

    /** The gradient chained through the elementwise slip: scoresVjp(softmaxVjpElementwise(−y ⊘ s)). */
    public static DMatrixRMaj gradientThroughElementwiseSoftmax(DMatrixRMaj w, DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj z = scores(w, x);
        DMatrixRMaj dl = crossEntropyGradient(softmax(z), y);
        return scoresVjp(x, softmaxVjpElementwise(z, dl));
    }
}
