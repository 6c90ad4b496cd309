package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.columnSums;
import static io.github.gradcheck.samples.Mat.hadamard;
import static io.github.gradcheck.samples.Mat.map;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plusRow;
import static io.github.gradcheck.samples.Mat.softmaxRows;
import static io.github.gradcheck.samples.Mat.transpose;

import org.ejml.data.DMatrixRMaj;

/**
 * A two-layer network on a batch, and its backpropagation written by hand. For inputs X (n×d),
 * one-hot labels Y (n×k), weights W₁ (d×h), W₂ (h×k) and biases b₁ (1×h), b₂ (1×k):
 * <pre>
 *   H = tanh(X W₁ + 1 b₁),   Z = H W₂ + 1 b₂,   S = softmax of each row of Z,
 *   L = −Σᵢⱼ Yᵢⱼ log Sᵢⱼ.
 * </pre>
 * Backward: dZ = S − Y; dW₂ = Hᵀ dZ; db₂ = 1ᵀ dZ (the bias is broadcast over the batch, so its
 * gradient sums over it); dA = (dZ W₂ᵀ) ⊙ (1 − H ⊙ H); dW₁ = Xᵀ dA; db₁ = 1ᵀ dA.
 */
public final class TwoLayerNetwork {

    private final DMatrixRMaj x;
    private final DMatrixRMaj y;

    /**
     * @param x the inputs, one example a row (n×d), not modified
     * @param y the one-hot labels (n×k), not modified
     */
    public TwoLayerNetwork(DMatrixRMaj x, DMatrixRMaj y) {
        this.x = x.copy();
        this.y = y.copy();
    }

    /** The parameters' gradients from one backward pass. */
    public record Gradients(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
    }

    private DMatrixRMaj hidden(DMatrixRMaj w1, DMatrixRMaj b1) {
        return map(plusRow(mult(x, w1), b1), Math::tanh);
    }

    /** The loss L(W₁, b₁, W₂, b₂). */
    public double loss(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        DMatrixRMaj s = softmaxRows(plusRow(mult(hidden(w1, b1), w2), b2));
        double l = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            if (y.data[i] != 0) {
                l -= y.data[i] * Math.log(s.data[i]);
            }
        }
        return l;
    }

    /** Backpropagation, by hand. */
    public Gradients backward(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        DMatrixRMaj h = hidden(w1, b1);
        DMatrixRMaj dz = minus(softmaxRows(plusRow(mult(h, w2), b2)), y);
        DMatrixRMaj dw2 = mult(transpose(h), dz);
        DMatrixRMaj db2 = columnSums(dz);
        DMatrixRMaj da = hadamard(mult(dz, transpose(w2)), map(h, v -> 1 - v * v));
        DMatrixRMaj dw1 = mult(transpose(x), da);
        DMatrixRMaj db1 = columnSums(da);
        return new Gradients(dw1, db1, dw2, db2);
    }

    /** The classic slip: the output bias's gradient left as dZ, the batch's shape, not summed. */
    public DMatrixRMaj outputBiasGradientNotSummed(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2) {
        return minus(softmaxRows(plusRow(mult(hidden(w1, b1), w2), b2)), y);
    }
}
