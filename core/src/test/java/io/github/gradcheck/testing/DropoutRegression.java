package io.github.gradcheck.testing;

import java.util.Random;

/**
 * A linear regression with inverted dropout on its inputs, as training code writes it: the
 * dropout layer draws a mask from its own random generator on every forward pass, the backward's
 * included. {@code out_r = Σ_j w_j · dropout(x)_{rj}}, loss ½ Σ (out − y)².
 * A check must reseed the generator before every evaluation ({@link Dropout#reseed}); without that, two
 * losses at the same weights differ.
 */
public final class DropoutRegression {

    /** Inverted dropout: keeps each entry with probability {@code keep}, scaled by 1/keep. */
    public static final class Dropout {
        private final double keep;
        private Random random;

        public Dropout(double keep, long seed) {
            this.keep = keep;
            this.random = new Random(seed);
        }

        /** Restarts the generator: the next masks are those of a generator made with this seed. */
        public void reseed(long seed) {
            random = new Random(seed);
        }

        /** The input with a fresh mask applied. */
        public double[] forward(double[] in) {
            double[] out = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = random.nextDouble() < keep ? in[i] / keep : 0;
            }
            return out;
        }
    }

    public final double[] w;
    public final double[] dW;
    public final Dropout dropout;
    private final double[] x;
    private final double[] y;
    private final int rows;

    /** A regression of {@code rows} examples with {@code features} features, drawn from {@code seed}. */
    public DropoutRegression(int rows, int features, long seed) {
        Random random = new Random(seed);
        this.rows = rows;
        this.w = new double[features];
        this.dW = new double[features];
        this.x = new double[rows * features];
        this.y = new double[rows];
        for (int j = 0; j < features; j++) {
            w[j] = random.nextGaussian();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextGaussian();
        }
        this.dropout = new Dropout(0.7, seed + 1);
    }

    /** out − y after a forward pass through the dropout layer. */
    private double[] residual(double[] dropped) {
        int features = w.length;
        double[] e = new double[rows];
        for (int r = 0; r < rows; r++) {
            double out = 0;
            for (int j = 0; j < features; j++) {
                out += w[j] * dropped[r * features + j];
            }
            e[r] = out - y[r];
        }
        return e;
    }

    /** ½ Σ (out − y)², with a fresh dropout mask. */
    public double loss() {
        double[] e = residual(dropout.forward(x));
        double sum = 0;
        for (double v : e) {
            sum += v * v;
        }
        return 0.5 * sum;
    }

    /** A forward pass (a fresh mask) and the gradient of its loss with respect to w, into dW. */
    public void backward() {
        int features = w.length;
        double[] dropped = dropout.forward(x);
        double[] e = residual(dropped);
        java.util.Arrays.fill(dW, 0);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                dW[j] += e[r] * dropped[r * features + j];
            }
        }
    }
}
