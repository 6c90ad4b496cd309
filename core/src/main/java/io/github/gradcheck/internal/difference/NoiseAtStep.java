package io.github.gradcheck.internal.difference;

/**
 * The noise of F at one spacing only, with 8 evaluations: enough to vouch for a clean
 * double-precision function at the step FULL mode's first pass takes, where the
 * {@link NoiseEstimator} measures any function at five spacings with 40.
 *
 * <p>It reads the noise as the {@link NoiseEstimator} does (after Moré and Wild's ECnoise: three
 * consecutive orders of differences that agree and change sign, or still fall), on nodes
 * tⱼ = j + ζⱼ, j = −4..4, jittered by |ζⱼ| ≤ ⅛ in an irrational pattern ({@link #JITTER}). With
 * equal spacings, F quantized (rounded to a grid coarser than its ulps) can alias: its values
 * move by a whole number of grid steps from node to node, their rounding errors are all equal,
 * and the noise is invisible. With jittered ones the errors are scrambled as long as F moves by
 * more than a few grid steps between nodes, and when it moves by fewer, two values tie. The
 * orders are divided differences over k + 1 consecutive nodes, each divided by its noise gain
 * √Σwᵢ² (wᵢ its weights), which for equal spacings is Moré and Wild's σₖ.
 */
public final class NoiseAtStep {

    private static final int POINTS = NoiseEstimator.POINTS;
    private static final int HALF = NoiseEstimator.HALF;
    private static final int MAX_ORDER = NoiseEstimator.MAX_ORDER;

    /**
     * The jitter of the nodes: ζⱼ = ⅛·(2·frac(√pⱼ) − 1) for the primes 2..19, one a node from
     * t = −4 to 4 (none at t = 0, the point). Square roots of distinct primes are linearly
     * independent over the rationals: no grid step makes all eight nodes land on whole numbers of
     * it (a jitter linear in j, or symmetric, lets one do so for several nodes at once).
     */
    static final double[] JITTER = jitter();

    private NoiseAtStep() {
    }

    /**
     * What one spacing tells of each entry of F: its noise's standard deviation, and its
     * derivative along the line (the central difference over the nodes next to the point).
     */
    public record Measured(double[] noise, double[] slope) {
    }

    private static double[] jitter() {
        int[] primes = {2, 3, 5, 7, 11, 13, 17, 19};
        double[] zeta = new double[POINTS];
        int p = 0;
        for (int j = 0; j < POINTS; j++) {
            if (j != HALF) {
                double root = Math.sqrt(primes[p++]);
                zeta[j] = 0.125 * (2 * (root - Math.floor(root)) - 1);
            }
        }
        return zeta;
    }

    /**
     * The noise of each entry of F at spacing δ, from F at x₀ + tⱼδP, and its slope along the
     * line; null when F is not clean
     * there: a value not finite, an entry with ties (F does not resolve the spacing: it rounds
     * its inputs or intermediates), differences that vanish exactly at some order (values on an
     * exact grid), no three orders that read as noise or still fall, noise above
     * {@value NoiseEstimator#PLAUSIBLE} of F's scale (structure, not rounding), or values that are
     * all floats (float arithmetic). Each entry's noise is at least half the granularity of its
     * values (as in {@link NoiseEstimator#estimate}); rounding of |F| itself is left to the caller.
     *
     * @param line t ↦ vec F(X₀ + tP)
     * @param f0 vec F(X₀), not modified
     * @param spacing δ, in units of t
     * @return the noise and the slope per entry, or null
     */
    public static Measured measure(Line line, double[] f0, double spacing) {
        int m = f0.length;
        double[] nodes = new double[POINTS];
        double[][] values = new double[POINTS][];
        values[HALF] = f0;
        boolean floatValued = NoiseEstimator.isFloatValued(f0);
        for (int p = 0; p < POINTS; p++) {
            if (p != HALF) {
                values[p] = new double[m];
                nodes[p] = line.evaluate((p - HALF + JITTER[p]) * spacing, values[p]) / spacing;
                floatValued &= NoiseEstimator.isFloatValued(values[p]);
            }
        }
        if (floatValued) {
            return null;
        }
        double scale = 0;
        for (double v : f0) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[][] gains = gains(nodes);
        double[] column = new double[POINTS];
        double[] work = new double[POINTS];
        double[] sigma = new double[MAX_ORDER + 1];
        boolean[] signChange = new boolean[MAX_ORDER + 1];
        double[] noise = new double[m];
        double[] slope = new double[m];
        for (int i = 0; i < m; i++) {
            slope[i] = (values[HALF + 1][i] - values[HALF - 1][i]) / ((nodes[HALF + 1] - nodes[HALF - 1]) * spacing);
            double granularity = Double.POSITIVE_INFINITY;
            for (int p = 0; p < POINTS; p++) {
                column[p] = values[p][i];
                if (!Double.isFinite(column[p])) {
                    return null;
                }
                if (column[p] != f0[i]) {
                    granularity = Math.min(granularity, NoiseEstimator.granularity(column[p]));
                }
            }
            if (NoiseEstimator.hasTies(column)) {
                return null;
            }
            orders(column, nodes, gains, work, sigma, signChange);
            double estimate = NoiseEstimator.decide(sigma, signChange);
            if (Double.isNaN(estimate) || Math.abs(estimate) > NoiseEstimator.PLAUSIBLE * scale) {
                return null;
            }
            noise[i] = Math.max(Math.abs(estimate), Double.isFinite(granularity) ? 0.5 * granularity : 0.0);
        }
        return new Measured(noise, slope);
    }

    /**
     * gains[k][w]: the noise gain √Σᵢwᵢ² of the k-th divided difference over nodes w..w+k (its
     * weights wᵢ = 1/Πₗ≠ᵢ(tᵢ − tₗ)), so that a noise of standard deviation σ gives it σ·gain.
     */
    private static double[][] gains(double[] nodes) {
        double[][] gains = new double[MAX_ORDER + 1][];
        for (int k = 1; k <= MAX_ORDER; k++) {
            gains[k] = new double[POINTS - k];
            for (int w = 0; w + k < POINTS; w++) {
                double sum = 0;
                for (int a = w; a <= w + k; a++) {
                    double product = 1;
                    for (int b = w; b <= w + k; b++) {
                        if (b != a) {
                            product *= nodes[a] - nodes[b];
                        }
                    }
                    sum += 1 / (product * product);
                }
                gains[k][w] = Math.sqrt(sum);
            }
        }
        return gains;
    }

    /**
     * σₖ for k = 1..6 from divided differences over consecutive nodes, each divided by its noise
     * gain (the root mean square over the windows), and whether they have both signs.
     */
    private static void orders(double[] column, double[] nodes, double[][] gains, double[] work, double[] sigma,
                               boolean[] signChange) {
        System.arraycopy(column, 0, work, 0, POINTS);
        for (int k = 1; k <= MAX_ORDER; k++) {
            int n = POINTS - k;
            double sum = 0;
            boolean positive = false;
            boolean negative = false;
            for (int w = 0; w < n; w++) {
                work[w] = (work[w + 1] - work[w]) / (nodes[w + k] - nodes[w]);
                double scaled = work[w] / gains[k][w];
                sum += scaled * scaled;
                positive |= work[w] > 0;
                negative |= work[w] < 0;
            }
            sigma[k] = Math.sqrt(sum / n);
            signChange[k] = positive && negative;
        }
    }
}
