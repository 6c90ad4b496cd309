package io.github.gradcheck.testing;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.transpose;

import io.github.gradcheck.Inputs;
import org.ejml.data.DMatrixRMaj;

/**
 * The layers of the pipeline tests, each a forward function and its backward (right, and the
 * classic wrong twins): affine maps with a broadcast bias, tanh, softmax of rows, cross-entropy,
 * layer normalisation, attention scores QKᵀ/√d and the mixing P·V.
 */
public final class Networks {

    /** The ε under the square root of layer normalisation. */
    public static final double LAYER_NORM_EPSILON = 1e-5;

    private Networks() {
    }

    // ------------------------------------------------------------------ affine: Z = xW + 1b

    /** xW + 1b: x n×d, W d×k, b 1×k broadcast over the rows. */
    public static DMatrixRMaj affine(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b) {
        DMatrixRMaj z = mult(x, w);
        for (int r = 0; r < z.numRows; r++) {
            for (int c = 0; c < z.numCols; c++) {
                z.add(r, c, b.get(0, c));
            }
        }
        return z;
    }

    /** The affine map's vjp: x ↦ G Wᵀ, W ↦ xᵀ G, b ↦ 1ᵀ G (or G itself, not summed over the batch). */
    public static Inputs affineVjp(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj g, String wName, String bName,
                                   boolean sumBias) {
        return Inputs.of("x", mult(g, transpose(w)), wName, mult(transpose(x), g), bName,
                sumBias ? columnSums(g) : g.copy());
    }

    /** 1ᵀ G: the sums of G's columns, 1×k. */
    public static DMatrixRMaj columnSums(DMatrixRMaj g) {
        DMatrixRMaj s = new DMatrixRMaj(1, g.numCols);
        for (int r = 0; r < g.numRows; r++) {
            for (int c = 0; c < g.numCols; c++) {
                s.add(0, c, g.get(r, c));
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ tanh

    public static DMatrixRMaj tanh(DMatrixRMaj x) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            y.data[i] = Math.tanh(x.data[i]);
        }
        return y;
    }

    /** G ∘ (1 − tanh(x)²). */
    public static DMatrixRMaj tanhVjp(DMatrixRMaj x, DMatrixRMaj g) {
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double t = Math.tanh(x.data[i]);
            out.data[i] = g.data[i] * (1 - t * t);
        }
        return out;
    }

    // ------------------------------------------------------------------ losses

    /** −Σ Y ∘ log S: the cross-entropy of probabilities S (n×k) with labels Y. */
    public static double crossEntropy(DMatrixRMaj s, DMatrixRMaj y) {
        double sum = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            sum -= y.data[i] == 0 ? 0 : y.data[i] * Math.log(s.data[i]);
        }
        return sum;
    }

    /** −Y / S, the gradient of {@link #crossEntropy} with respect to S. */
    public static DMatrixRMaj crossEntropyGradient(DMatrixRMaj s, DMatrixRMaj y) {
        DMatrixRMaj g = new DMatrixRMaj(s.numRows, s.numCols);
        for (int i = 0; i < s.getNumElements(); i++) {
            g.data[i] = -y.data[i] / s.data[i];
        }
        return g;
    }

    /** Σ_rows (log Σ exp Z_r − Y_r · Z_r): cross-entropy of the softmax of logits Z. */
    public static double softmaxCrossEntropy(DMatrixRMaj z, DMatrixRMaj y) {
        double sum = 0;
        for (int r = 0; r < z.numRows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.numCols; c++) {
                max = Math.max(max, z.get(r, c));
            }
            double exp = 0;
            for (int c = 0; c < z.numCols; c++) {
                exp += Math.exp(z.get(r, c) - max);
                sum -= y.get(r, c) * z.get(r, c);
            }
            sum += max + Math.log(exp);
        }
        return sum;
    }

    /** softmax(Z) − Y (Y's rows sum to 1). */
    public static DMatrixRMaj softmaxCrossEntropyGradient(DMatrixRMaj z, DMatrixRMaj y) {
        return Matrices.minus(Matrices.softmaxRows(z), y);
    }

    /** ½‖Y − T‖². */
    public static double squaredError(DMatrixRMaj y, DMatrixRMaj t) {
        return 0.5 * Matrices.sumOfSquares(Matrices.minus(y, t));
    }

    /** Y − T. */
    public static DMatrixRMaj squaredErrorGradient(DMatrixRMaj y, DMatrixRMaj t) {
        return Matrices.minus(y, t);
    }

    // ------------------------------------------------------------------ layer normalisation

    /** Each row normalised to mean 0 and variance 1 (up to ε), then scaled by γ and shifted by β (both 1×d). */
    public static DMatrixRMaj layerNorm(DMatrixRMaj x, DMatrixRMaj gamma, DMatrixRMaj beta) {
        DMatrixRMaj xhat = normalised(x);
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int r = 0; r < x.numRows; r++) {
            for (int c = 0; c < x.numCols; c++) {
                y.set(r, c, xhat.get(r, c) * gamma.get(0, c) + beta.get(0, c));
            }
        }
        return y;
    }

    /** (x − μ)/σ per row, σ = √(variance + ε). */
    private static DMatrixRMaj normalised(DMatrixRMaj x) {
        DMatrixRMaj xhat = new DMatrixRMaj(x.numRows, x.numCols);
        for (int r = 0; r < x.numRows; r++) {
            double sigma = sigma(x, r);
            double mean = mean(x, r);
            for (int c = 0; c < x.numCols; c++) {
                xhat.set(r, c, (x.get(r, c) - mean) / sigma);
            }
        }
        return xhat;
    }

    private static double mean(DMatrixRMaj x, int r) {
        double sum = 0;
        for (int c = 0; c < x.numCols; c++) {
            sum += x.get(r, c);
        }
        return sum / x.numCols;
    }

    private static double sigma(DMatrixRMaj x, int r) {
        double mean = mean(x, r);
        double var = 0;
        for (int c = 0; c < x.numCols; c++) {
            var += (x.get(r, c) - mean) * (x.get(r, c) - mean);
        }
        return Math.sqrt(var / x.numCols + LAYER_NORM_EPSILON);
    }

    /**
     * Layer normalisation's vjp: γ ↦ Σ_rows G ∘ x̂, β ↦ Σ_rows G (or G, not summed), and, with
     * h = G ∘ γ per row, x ↦ (h − mean(h) − x̂ ∘ mean(h ∘ x̂))/σ; as if elementwise, x ↦ h/σ.
     */
    public static Inputs layerNormVjp(DMatrixRMaj x, DMatrixRMaj gamma, DMatrixRMaj g, boolean elementwise,
                                      boolean sumBeta) {
        DMatrixRMaj xhat = normalised(x);
        DMatrixRMaj gx = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj gGamma = new DMatrixRMaj(1, x.numCols);
        for (int r = 0; r < x.numRows; r++) {
            double sigma = sigma(x, r);
            double meanH = 0;
            double meanHX = 0;
            for (int c = 0; c < x.numCols; c++) {
                double h = g.get(r, c) * gamma.get(0, c);
                meanH += h / x.numCols;
                meanHX += h * xhat.get(r, c) / x.numCols;
                gGamma.add(0, c, g.get(r, c) * xhat.get(r, c));
            }
            for (int c = 0; c < x.numCols; c++) {
                double h = g.get(r, c) * gamma.get(0, c);
                gx.set(r, c, elementwise ? h / sigma : (h - meanH - xhat.get(r, c) * meanHX) / sigma);
            }
        }
        return Inputs.of("x", gx, "gamma", gGamma, "beta", sumBeta ? columnSums(g) : g.copy());
    }

    // ------------------------------------------------------------------ attention

    /** Q Kᵀ / √d: Q n×d, K m×d. */
    public static DMatrixRMaj scores(DMatrixRMaj q, DMatrixRMaj k) {
        return Matrices.scale(1 / Math.sqrt(q.numCols), mult(q, transpose(k)));
    }

    /** The scores' vjp: Q ↦ G K / √d, K ↦ Gᵀ Q / √d (without the 1/√d when {@code scaled} is false). */
    public static Inputs scoresVjp(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj g, boolean scaled) {
        double s = scaled ? 1 / Math.sqrt(q.numCols) : 1;
        return Inputs.of("x", Matrices.scale(s, mult(g, k)), "K", Matrices.scale(s, mult(transpose(g), q)));
    }

    /** The mixing P·V's vjp: P ↦ G Vᵀ, V ↦ Pᵀ G. */
    public static Inputs mixVjp(DMatrixRMaj p, DMatrixRMaj v, DMatrixRMaj g) {
        return Inputs.of("x", mult(g, transpose(v)), "V", mult(transpose(p), g));
    }
}
