package io.github.gradcheck.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * A two-layer perceptron written the way Java ML code is: parameters in flat {@code double[]}
 * fields (matrices row-major), gradients computed into buffers the model owns, a loss and a
 * backward over a batch. {@code out = tanh(x W1 + b1) W2 + b2}, loss ½ Σ ‖out − y‖² summed over
 * the batch. W1 is inputs × hidden, W2 hidden × outputs.
 *
 * <p>{@link Bug} selects a classic mistake in the backward; {@link Bug#NOT_RESET} is the twin
 * that never zeroes its buffers and keeps adding into them.
 */
public class Mlp {

    /** The mistakes the backward can make. */
    public enum Bug {
        /** A right backward. */
        NONE,
        /** Never zeroes the gradient buffers: {@code dW[i] += …} on top of the last call's gradient. */
        NOT_RESET,
        /** Writes dW1 at {@code [j * inputs + i]} instead of {@code [i * hidden + j]}: its transpose. */
        W1_TRANSPOSED,
        /** Divides dW2 by the batch size, as if the loss were a mean. */
        W2_MEAN,
        /** Flips the sign of db2. */
        B2_SIGN,
        /** Returns db1 per example (batch × hidden, row-major) instead of summed over the batch. */
        B1_NOT_SUMMED
    }

    /** One batch: rows of inputs and targets, row-major. */
    public record Batch(double[] x, double[] y, int rows) {
    }

    public final int inputs;
    public final int hidden;
    public final int outputs;
    public final double[] w1;
    public final double[] b1;
    public final double[] w2;
    public final double[] b2;
    public final double[] dW1;
    public final double[] db1;
    public final double[] dW2;
    public final double[] db2;
    private final Bug bug;
    /** db1 for each example of the last batch, rows × hidden (kept for {@link Bug#B1_NOT_SUMMED}). */
    private double[] db1PerExample = new double[0];

    /** A network with weights drawn from {@code seed}. */
    public Mlp(int inputs, int hidden, int outputs, long seed, Bug bug) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.bug = bug;
        Random random = new Random(seed);
        w1 = gaussian(random, inputs * hidden, 1 / Math.sqrt(inputs));
        b1 = gaussian(random, hidden, 0.1);
        w2 = gaussian(random, hidden * outputs, 1 / Math.sqrt(hidden));
        b2 = gaussian(random, outputs, 0.1);
        dW1 = new double[w1.length];
        db1 = new double[b1.length];
        dW2 = new double[w2.length];
        db2 = new double[b2.length];
    }

    /** A right network. */
    public Mlp(int inputs, int hidden, int outputs, long seed) {
        this(inputs, hidden, outputs, seed, Bug.NONE);
    }

    /** A batch of {@code rows} examples drawn from {@code seed}. */
    public Batch batch(int rows, long seed) {
        Random random = new Random(seed);
        return new Batch(gaussian(random, rows * inputs, 1), gaussian(random, rows * outputs, 1), rows);
    }

    private static double[] gaussian(Random random, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * random.nextGaussian();
        }
        return a;
    }

    /** The hidden activations tanh(x W1 + b1), rows × hidden. */
    private double[] hidden(Batch batch) {
        double[] h = new double[batch.rows() * hidden];
        for (int r = 0; r < batch.rows(); r++) {
            for (int j = 0; j < hidden; j++) {
                double z = b1[j];
                for (int i = 0; i < inputs; i++) {
                    z += batch.x()[r * inputs + i] * w1[i * hidden + j];
                }
                h[r * hidden + j] = Math.tanh(z);
            }
        }
        return h;
    }

    /** out − y, rows × outputs. */
    private double[] residual(Batch batch, double[] h) {
        double[] e = new double[batch.rows() * outputs];
        for (int r = 0; r < batch.rows(); r++) {
            for (int k = 0; k < outputs; k++) {
                double out = b2[k];
                for (int j = 0; j < hidden; j++) {
                    out += h[r * hidden + j] * w2[j * outputs + k];
                }
                e[r * outputs + k] = out - batch.y()[r * outputs + k];
            }
        }
        return e;
    }

    /** ½ Σ ‖out − y‖² over the batch. */
    public double loss(Batch batch) {
        double[] e = residual(batch, hidden(batch));
        double sum = 0;
        for (double v : e) {
            sum += v * v;
        }
        return 0.5 * sum;
    }

    /** Sets every gradient buffer to zero, as a training step does before backward. */
    protected void zeroGradients() {
        Arrays.fill(dW1, 0);
        Arrays.fill(db1, 0);
        Arrays.fill(dW2, 0);
        Arrays.fill(db2, 0);
    }

    /** Computes the loss's gradients into dW1, db1, dW2, db2. */
    public void backward(Batch batch) {
        if (bug != Bug.NOT_RESET) {
            zeroGradients();
        }
        double[] h = hidden(batch);
        double[] e = residual(batch, h);
        double w2Factor = bug == Bug.W2_MEAN ? 1.0 / batch.rows() : 1.0;
        db1PerExample = new double[batch.rows() * hidden];
        for (int r = 0; r < batch.rows(); r++) {
            for (int k = 0; k < outputs; k++) {
                double g = e[r * outputs + k];
                db2[k] += bug == Bug.B2_SIGN ? -g : g;
                for (int j = 0; j < hidden; j++) {
                    dW2[j * outputs + k] += w2Factor * h[r * hidden + j] * g;
                }
            }
            for (int j = 0; j < hidden; j++) {
                double back = 0;
                for (int k = 0; k < outputs; k++) {
                    back += e[r * outputs + k] * w2[j * outputs + k];
                }
                double dz = back * (1 - h[r * hidden + j] * h[r * hidden + j]);
                db1[j] += dz;
                db1PerExample[r * hidden + j] = dz;
                for (int i = 0; i < inputs; i++) {
                    int at = bug == Bug.W1_TRANSPOSED ? j * inputs + i : i * hidden + j;
                    dW1[at] += batch.x()[r * inputs + i] * dz;
                }
            }
        }
    }

    /** The gradient buffers by parameter name, as a model check's backward returns them. */
    public Map<String, Object> gradients() {
        return Map.of("W1", dW1, "b1", bug == Bug.B1_NOT_SUMMED ? db1PerExample : db1, "W2", dW2, "b2", db2);
    }

    /** The number of parameters. */
    public int size() {
        return w1.length + b1.length + w2.length + b2.length;
    }
}
