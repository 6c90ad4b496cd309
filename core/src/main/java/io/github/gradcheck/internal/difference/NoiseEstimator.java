package io.github.gradcheck.internal.difference;

/**
 * Measures the evaluation noise of F near a point: the rounding (or float arithmetic) that makes
 * F(x) differ from a smooth function by a small erratic amount.
 *
 * <p>After Moré and Wild's ECnoise: evaluate F at nine equally spaced points x₀ + tδP,
 * t = −4..4, along a direction P, and form the k-th differences Δᵏ. For a smooth function
 * Δᵏ ≈ δᵏF⁽ᵏ⁾ falls off quickly with k; for noise of standard deviation σ,
 * σₖ = √(γₖ · mean (Δᵏ)²) with γₖ = (k!)²/(2k)! stays ≈ σ for every k and Δᵏ changes sign. Noise
 * is read off three consecutive orders that agree within a factor {@value #AGREEMENT}.
 *
 * <p>This is done at four spacings δ, each 100× smaller. Noise does not depend on δ; structure
 * does (a singularity near the point, as for log det of a nearly singular matrix, looks like noise
 * while the points straddle it). So the estimate is the largest of the estimates at the smallest
 * spacings that agree with each other within {@value #AGREEMENT}×. A spacing at which F does not
 * change at all is below the resolution of F's inputs (F rounds them to float, say): it and the
 * spacing just above it are not used, and the noise is then at least float rounding of |F|, as
 * it is when every value of F is a float. (F also stops changing when the change is below F's own
 * resolution, an ulp of |F|; that is told apart by the change the larger spacing predicts.)
 */
public final class NoiseEstimator {

    /** Relative spacings, each 100× smaller. */
    static final double[] SPACINGS = {1e-6, 1e-8, 1e-10, 1e-12};
    static final int HALF = 4;
    static final int POINTS = 2 * HALF + 1;
    static final int MAX_ORDER = 6;
    static final double AGREEMENT = 4;
    private static final double FLOAT_EPS = Math.ulp(1.0f);

    private static final double[] GAMMA = new double[MAX_ORDER + 1];

    static {
        for (int k = 1; k <= MAX_ORDER; k++) {
            double factorial = 1;
            for (int j = 2; j <= k; j++) {
                factorial *= j;
            }
            double doubleFactorial = 1;
            for (int j = 2; j <= 2 * k; j++) {
                doubleFactorial *= j;
            }
            GAMMA[k] = factorial * factorial / doubleFactorial;
        }
    }

    private NoiseEstimator() {
    }

    /**
     * Estimates the noise of each output entry, with {@code 8 × 4} evaluations of F.
     *
     * @param line t ↦ vec F(X₀ + tP) for a direction P whose entries have the scale of X₀'s
     * @param f0 vec F(X₀), not modified
     * @return per-entry noise standard deviations (absolute), and the evaluations made
     */
    public static Result estimate(Line line, double[] f0) {
        int m = f0.length;
        int levels = SPACINGS.length;
        double[][] estimates = new double[levels][m];
        double[][] stepSize = new double[levels][m];
        boolean[][] constant = new boolean[levels][m];
        double[][] values = new double[POINTS][];
        values[HALF] = f0;
        for (int p = 0; p < POINTS; p++) {
            if (p != HALF) {
                values[p] = new double[m];
            }
        }
        double[] column = new double[POINTS];
        double[] sigma = new double[MAX_ORDER + 1];
        double[] work = new double[POINTS];
        boolean[] signChange = new boolean[MAX_ORDER + 1];
        boolean floatValued = isFloatValued(f0);
        int evaluations = 0;
        for (int level = 0; level < levels; level++) {
            double spacing = SPACINGS[level];
            for (int t = -HALF; t <= HALF; t++) {
                if (t != 0) {
                    line.evaluate(t * spacing, values[t + HALF]);
                    evaluations++;
                    floatValued &= isFloatValued(values[t + HALF]);
                }
            }
            for (int i = 0; i < m; i++) {
                boolean finite = true;
                for (int p = 0; p < POINTS; p++) {
                    column[p] = values[p][i];
                    finite &= Double.isFinite(column[p]);
                }
                if (finite) {
                    orders(column, work, sigma, signChange);
                    constant[level][i] = sigma[1] == 0;
                    stepSize[level][i] = meanStep(column);
                    estimates[level][i] = decide(sigma, signChange);
                } else {
                    estimates[level][i] = Double.NaN;
                }
            }
        }
        double[] noise = new double[m];
        boolean[] quantized = new boolean[levels];
        for (int i = 0; i < m; i++) {
            boolean anyQuantized = false;
            for (int level = 1; level < levels; level++) {
                // F stopped changing although the larger spacing predicts changes of several ulps:
                // its inputs are rounded more coarsely than this spacing (float, say).
                double predicted = stepSize[level - 1][i] * SPACINGS[level] / SPACINGS[level - 1];
                quantized[level] = constant[level][i] && !constant[level - 1][i]
                        && predicted > 4 * Math.ulp(Math.abs(f0[i]));
                anyQuantized |= quantized[level];
            }
            double lo = Double.NaN;
            double hi = Double.NaN;
            for (int level = levels - 1; level >= 0; level--) {
                boolean belowResolution = constant[level][i]
                        || (level + 1 < levels && quantized[level + 1]);
                double e = estimates[level][i];
                if (belowResolution || Double.isNaN(e)) {
                    continue;
                }
                double newLo = Double.isNaN(lo) ? e : Math.min(lo, e);
                double newHi = Double.isNaN(hi) ? e : Math.max(hi, e);
                if (newHi > AGREEMENT * newLo && !(newHi == 0)) {
                    break; // a larger spacing disagrees: structure, not noise
                }
                lo = newLo;
                hi = newHi;
            }
            double estimate = Double.isNaN(hi) ? 0.0 : hi;
            if (anyQuantized || floatValued) {
                estimate = Math.max(estimate, FLOAT_EPS * Math.abs(f0[i]));
            }
            noise[i] = estimate;
        }
        return new Result(noise, evaluations, floatValued);
    }

    /**
     * Whether every value is a float and not all are integers (integers are floats by accident);
     * then F most likely computes in float.
     */
    static boolean isFloatValued(double[] values) {
        boolean fractional = false;
        for (double v : values) {
            if ((double) (float) v != v) {
                return false;
            }
            fractional |= v != Math.rint(v);
        }
        return fractional;
    }

    /** The mean |F(t+1) − F(t)| over the nine values. */
    static double meanStep(double[] column) {
        double sum = 0;
        for (int p = 1; p < POINTS; p++) {
            sum += Math.abs(column[p] - column[p - 1]);
        }
        return sum / (POINTS - 1);
    }

    /** σₖ for k = 1..6 of the nine values, and whether Δᵏ has both signs. */
    static void orders(double[] column, double[] work, double[] sigma, boolean[] signChange) {
        System.arraycopy(column, 0, work, 0, POINTS);
        for (int k = 1; k <= MAX_ORDER; k++) {
            int n = POINTS - k;
            double sum = 0;
            boolean positive = false;
            boolean negative = false;
            for (int p = 0; p < n; p++) {
                work[p] = work[p + 1] - work[p];
                sum += work[p] * work[p];
                positive |= work[p] > 0;
                negative |= work[p] < 0;
            }
            sigma[k] = Math.sqrt(GAMMA[k] * sum / n);
            signChange[k] = positive && negative;
        }
    }

    /**
     * The noise from σ₂..σ₆: three consecutive orders that agree and change sign; zero when the
     * values do not vary at this spacing; σ₆ as a bound when the σₖ still fall at order 6; NaN
     * when the spacing was too large to tell.
     */
    static double decide(double[] sigma, boolean[] signChange) {
        if (sigma[1] == 0) {
            return 0.0;
        }
        for (int k = 2; k + 2 <= MAX_ORDER; k++) {
            double lo = Math.min(sigma[k], Math.min(sigma[k + 1], sigma[k + 2]));
            double hi = Math.max(sigma[k], Math.max(sigma[k + 1], sigma[k + 2]));
            if (lo == 0) {
                return 0.0; // exact arithmetic at this spacing: noise below resolution
            }
            if (hi <= AGREEMENT * lo && signChange[k]) {
                return hi;
            }
        }
        boolean falling = true;
        for (int k = 2; k < MAX_ORDER; k++) {
            falling &= sigma[k + 1] < sigma[k];
        }
        return falling ? sigma[MAX_ORDER] : Double.NaN;
    }

    /**
     * Per-entry noise, the evaluations spent measuring it, and whether F looked float-valued.
     */
    public record Result(double[] noise, int evaluations, boolean floatValued) {
    }
}
