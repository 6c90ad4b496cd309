package io.github.gradcheck.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * The objective an L-BFGS library minimizes to fit a logistic regression, with the signature such
 * libraries call: {@code double valueAndGradient(double[] w, double[] gradient)}, returning the
 * mean negative log-likelihood plus ½λ‖w‖² and writing its gradient into {@code gradient}.
 *
 * <p>{@link Bug} selects a classic mistake; {@link Bug#ADDS_INTO_GRADIENT} is the twin that adds
 * into the optimizer's array instead of overwriting it.
 */
public final class LogisticRegression {

    /** The mistakes the gradient can make. */
    public enum Bug {
        /** A right gradient. */
        NONE,
        /** {@code gradient[j] += …} without clearing the array first. */
        ADDS_INTO_GRADIENT,
        /** The data term's gradient summed, not averaged: n times too large beside the mean value. */
        SUM_NOT_MEAN,
        /** σ(w·x) − y written as y − σ(w·x), and the regularizer's sign with it. */
        SIGN
    }

    private final double[] x;
    private final int[] y;
    private final int rows;
    private final int features;
    private final double lambda;
    private final Bug bug;

    /** A problem of {@code rows} examples with {@code features} features drawn from {@code seed}. */
    public LogisticRegression(int rows, int features, double lambda, long seed, Bug bug) {
        Random random = new Random(seed);
        this.rows = rows;
        this.features = features;
        this.lambda = lambda;
        this.bug = bug;
        this.x = new double[rows * features];
        this.y = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextBoolean() ? 1 : 0;
        }
    }

    public int features() {
        return features;
    }

    /** Returns the objective at w and writes its gradient into {@code gradient} (w's length). */
    public double valueAndGradient(double[] w, double[] gradient) {
        if (bug != Bug.ADDS_INTO_GRADIENT) {
            Arrays.fill(gradient, 0);
        }
        double value = 0;
        double dataScale = bug == Bug.SUM_NOT_MEAN ? 1.0 : 1.0 / rows;
        double sign = bug == Bug.SIGN ? -1 : 1;
        for (int r = 0; r < rows; r++) {
            double z = 0;
            for (int j = 0; j < features; j++) {
                z += w[j] * x[r * features + j];
            }
            // log(1 + e^z) − y z, computed without overflow
            value += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z;
            double residual = 1 / (1 + Math.exp(-z)) - y[r];
            for (int j = 0; j < features; j++) {
                gradient[j] += sign * dataScale * residual * x[r * features + j];
            }
        }
        double norm = 0;
        for (int j = 0; j < features; j++) {
            norm += w[j] * w[j];
            gradient[j] += sign * lambda * w[j];
        }
        return value / rows + 0.5 * lambda * norm;
    }
}
