package io.github.gradcheck.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * A float32 dense layer, as inference and training code on {@code float[]} computes it:
 * {@code y = tanh(W x + b)} with W outputs × inputs (row-major), and the loss ½ Σ ‖y − t‖² over a
 * batch. Every sum is accumulated in float. Its gradients are the input's (for a check of a
 * function of x) and the parameters' (into float buffers the layer owns).
 */
public final class FloatDense {

    /** The mistakes the backward can make. */
    public enum Bug {
        /** A right backward. */
        NONE,
        /** Flips the sign of every gradient. */
        SIGN,
        /** Twice every gradient (the ½ of the loss forgotten). */
        TWICE
    }

    public final int inputs;
    public final int outputs;
    public final float[] w;
    public final float[] b;
    public final float[] dW;
    public final float[] db;
    private final float[] target;
    private final Bug bug;

    /** A layer with weights and one target drawn from {@code seed}. */
    public FloatDense(int inputs, int outputs, long seed, Bug bug) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.bug = bug;
        Random random = new Random(seed);
        w = gaussian(random, inputs * outputs, (float) (1 / Math.sqrt(inputs)));
        b = gaussian(random, outputs, 0.1f);
        target = gaussian(random, outputs, 0.5f);
        dW = new float[w.length];
        db = new float[b.length];
    }

    /** Floats drawn from {@code seed}. */
    public static float[] gaussian(int n, float scale, long seed) {
        return gaussian(new Random(seed), n, scale);
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (float) random.nextGaussian();
        }
        return a;
    }

    /** y = tanh(W x + b) for one example. */
    private float[] forward(float[] x, int offset) {
        float[] y = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            float z = b[o];
            for (int i = 0; i < inputs; i++) {
                z += w[o * inputs + i] * x[offset + i];
            }
            y[o] = (float) Math.tanh(z);
        }
        return y;
    }

    /** ½ ‖tanh(W x + b) − t‖² for one example x. */
    public float loss(float[] x) {
        return loss(x, 1);
    }

    /** ½ Σ ‖tanh(W x_r + b) − t‖² over a batch of rows, row-major. */
    public float loss(float[] batch, int rows) {
        float sum = 0;
        for (int r = 0; r < rows; r++) {
            float[] y = forward(batch, r * inputs);
            for (int o = 0; o < outputs; o++) {
                float e = y[o] - target[o];
                sum += 0.5f * e * e;
            }
        }
        return sum;
    }

    /** δ = (y − t) ∘ (1 − y²), the gradient with respect to W x + b, times the bug's factor. */
    private float[] delta(float[] x, int offset) {
        float[] y = forward(x, offset);
        float factor = bug == Bug.SIGN ? -1f : bug == Bug.TWICE ? 2f : 1f;
        float[] d = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            d[o] = factor * (y[o] - target[o]) * (1 - y[o] * y[o]);
        }
        return d;
    }

    /** The gradient of {@link #loss(float[])} with respect to x: Wᵀ δ. */
    public float[] inputGradient(float[] x) {
        float[] d = delta(x, 0);
        float[] g = new float[inputs];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                g[i] += w[o * inputs + i] * d[o];
            }
        }
        return g;
    }

    /** Computes the gradients of {@link #loss(float[], int)} with respect to W and b into dW and db. */
    public void backward(float[] batch, int rows) {
        Arrays.fill(dW, 0f);
        Arrays.fill(db, 0f);
        for (int r = 0; r < rows; r++) {
            float[] d = delta(batch, r * inputs);
            for (int o = 0; o < outputs; o++) {
                db[o] += d[o];
                for (int i = 0; i < inputs; i++) {
                    dW[o * inputs + i] += d[o] * batch[r * inputs + i];
                }
            }
        }
    }
}
