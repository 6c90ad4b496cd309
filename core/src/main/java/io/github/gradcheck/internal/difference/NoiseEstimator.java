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
 * <p>This is done at five spacings δ, each 100× smaller. A spacing where two neighbouring values
 * are equal, or some differences vanish exactly, is at the resolution of F's inputs or values and
 * shows rounding steps rather than noise: it is not used. Structure near the point (a singularity,
 * as for log det of a nearly singular matrix) looks like noise while the points straddle it, but
 * of a size no rounding has: estimates above {@value #PLAUSIBLE} of F's scale are not used. The
 * noise is read where two neighbouring spacings agree, the largest first (see {@link #choose}).
 * When F stops changing although the larger spacing predicts changes of several ulps, F rounds its
 * inputs (to float, say), and the noise is then at least float rounding of |F|, as it is when
 * every value of F is a float. It is at least half the smallest move of F at a spacing with ties
 * (there F moves by whole steps of its resolution, which rounding in intermediates can make far
 * coarser than an ulp of F: log(cosh x) near 0 moves in steps of cosh's ulp). And it is at least
 * half the granularity of F's values near the point
 * (the largest power of two they are all multiples of), which float sums with large partial sums
 * make much coarser than an ulp of |F|.
 */
public final class NoiseEstimator {

    /**
     * Relative spacings, each 100× smaller. The largest moves F by many ulps, as finite differences
     * do, so that rounding which shows only when values change much (float sums) is seen.
     */
    static final double[] SPACINGS = {1e-4, 1e-6, 1e-8, 1e-10, 1e-12};
    static final int HALF = 4;
    static final int POINTS = 2 * HALF + 1;
    static final int MAX_ORDER = 6;
    static final double AGREEMENT = 4;
    /** Rounding noise above this fraction of F's scale is taken for structure, not noise. */
    static final double PLAUSIBLE = 1e-3;
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
     * Estimates the noise of each output entry, with {@code 8 × 5} evaluations of F.
     *
     * @param line t ↦ vec F(X₀ + tP) for a direction P whose entries have the scale of X₀'s
     * @param f0 vec F(X₀), not modified
     * @return per-entry noise standard deviations (absolute), and the evaluations made
     */
    public static Result estimate(Line line, double[] f0) {
        return estimate(line, f0, false);
    }

    /**
     * Estimates the noise of each output entry, with {@code 8 × 5} evaluations of F.
     *
     * @param line t ↦ vec F(X₀ + tP) for a direction P whose entries have the scale of X₀'s
     * @param f0 vec F(X₀), not modified
     * @param floatArithmetic whether F is known to compute in float (its derivative's values are
     *     floats, say): the noise is then at least float rounding of |F|
     * @return per-entry noise standard deviations (absolute), and the evaluations made
     */
    public static Result estimate(Line line, double[] f0, boolean floatArithmetic) {
        int m = f0.length;
        int levels = SPACINGS.length;
        double[] granularity = new double[m];
        java.util.Arrays.fill(granularity, Double.POSITIVE_INFINITY);
        double[] resolution = new double[m];
        java.util.Arrays.fill(resolution, Double.POSITIVE_INFINITY);
        double[][] estimates = new double[levels][m];
        double[][] stepSize = new double[levels][m];
        boolean[][] constant = new boolean[levels][m];
        boolean[][] tied = new boolean[levels][m];
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
                    for (double v : column) {
                        if (v != f0[i]) {
                            granularity[i] = Math.min(granularity[i], granularity(v));
                        }
                    }
                    orders(column, work, sigma, signChange);
                    constant[level][i] = sigma[1] == 0;
                    tied[level][i] = hasTies(column);
                    if (tied[level][i]) {
                        // F moved by a step or two of its resolution here: the smallest move is one step
                        resolution[i] = Math.min(resolution[i], smallestStep(column));
                    }
                    stepSize[level][i] = meanStep(column);
                    estimates[level][i] = decide(sigma, signChange);
                } else {
                    estimates[level][i] = Double.NaN;
                }
            }
        }
        double[] noise = new double[m];
        boolean[] blind = new boolean[m];
        // the scale of F's values: at the point, or (all zero there) near it
        double valueScale = 0;
        for (double v : f0) {
            valueScale = Math.max(valueScale, Math.abs(v));
        }
        for (int p = 0; p < POINTS && valueScale == 0; p++) {
            for (double v : values[p]) {
                valueScale = Math.max(valueScale, Double.isFinite(v) ? Math.abs(v) : 0);
            }
        }
        for (int i = 0; i < m; i++) {
            boolean quantized = false;
            for (int level = 1; level < levels; level++) {
                // F stopped changing although the larger spacing predicts changes of several ulps:
                // its inputs are rounded more coarsely than this spacing (float, say)
                double predicted = stepSize[level - 1][i] * SPACINGS[level] / SPACINGS[level - 1];
                quantized |= constant[level][i] && !constant[level - 1][i]
                        && predicted > 4 * Math.ulp(Math.abs(f0[i]));
            }
            blind[i] = true;
            for (int level = 0; level < levels; level++) {
                blind[i] &= constant[level][i];
            }
            double estimate = choose(estimates, tied, i, PLAUSIBLE * valueScale);
            if (quantized || floatValued || floatArithmetic) {
                estimate = Math.max(estimate, FLOAT_EPS * Math.abs(f0[i]));
            }
            if (Double.isFinite(resolution[i])) {
                // F's values move in steps of this size near the point (rounded in intermediates,
                // as log(cosh x) is in cosh): its rounding is at least half a step
                estimate = Math.max(estimate, 0.5 * resolution[i]);
            }
            if (Double.isFinite(granularity[i])) {
                // F's values near the point are all multiples of this: its rounding is at least half of it
                estimate = Math.max(estimate, 0.5 * granularity[i]);
            }
            noise[i] = estimate;
        }
        return new Result(noise, evaluations, floatValued || floatArithmetic, blind);
    }

    /**
     * Whether every value is a float and at least one needs more than ten bits after the binary
     * point (integers and simple fractions like 0.25 are floats by accident); then the values most
     * likely come from float arithmetic.
     */
    public static boolean isFloatValued(double[] values) {
        boolean fine = false;
        for (double v : values) {
            if ((double) (float) v != v) {
                return false;
            }
            double scaled = v * 1024;
            fine |= scaled != Math.rint(scaled);
        }
        return fine;
    }

    /**
     * The noise of entry i from the estimates at each spacing. A spacing is usable when its values
     * have no ties (F resolved every step) and its estimate is plausible for rounding (at most
     * {@code plausible}: structure near the point looks like noise of a few percent of F). The
     * first two neighbouring usable spacings, largest first, that agree within {@value #AGREEMENT}×
     * give the larger of their estimates; failing that, the largest usable measurement; failing
     * that, the smallest usable upper bound (orders still falling); failing that (F is garbage at
     * every spacing), the smallest estimate seen.
     */
    static double choose(double[][] estimates, boolean[][] tied, int i, double plausible) {
        int levels = estimates.length;
        double largestMeasured = Double.NaN;
        double smallestBound = Double.NaN;
        double smallestSeen = Double.NaN;
        for (int level = 0; level < levels; level++) {
            double e = estimates[level][i];
            if (tied[level][i] || Double.isNaN(e)) {
                continue;
            }
            double size = Math.abs(e);
            smallestSeen = Double.isNaN(smallestSeen) ? size : Math.min(smallestSeen, size);
            if (size > plausible) {
                continue;
            }
            if (e < 0) {
                smallestBound = Double.isNaN(smallestBound) ? size : Math.min(smallestBound, size);
                continue;
            }
            largestMeasured = Double.isNaN(largestMeasured) ? e : Math.max(largestMeasured, e);
            if (level + 1 < levels && !tied[level + 1][i]) {
                double next = estimates[level + 1][i];
                if (next >= 0 && next <= plausible && Math.max(e, next) <= AGREEMENT * Math.min(e, next)) {
                    return Math.max(e, next);
                }
            }
        }
        if (!Double.isNaN(largestMeasured)) {
            return largestMeasured;
        }
        if (!Double.isNaN(smallestBound)) {
            return smallestBound;
        }
        return Double.isNaN(smallestSeen) ? 0.0 : smallestSeen;
    }

    /**
     * The largest power of two that v is a multiple of. For most doubles this is an ulp of v; for
     * the result of float sums whose partial sums were large it is much coarser (a float sum
     * that passed through 10 is a multiple of 2⁻²⁰ however small it ends up).
     */
    public static double granularity(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Double.POSITIVE_INFINITY;
        }
        long bits = Double.doubleToRawLongBits(v);
        long mantissa = bits & 0x000FFFFFFFFFFFFFL;
        int exponent = Math.getExponent(v);
        if (exponent < Double.MIN_EXPONENT) {
            return Double.MIN_VALUE * (double) Long.lowestOneBit(mantissa);
        }
        mantissa |= 1L << 52;
        return Math.scalb(1.0, exponent - 52 + Long.numberOfTrailingZeros(mantissa));
    }

    /** The smallest nonzero |F(t+1) − F(t)|, infinite when F did not move. */
    static double smallestStep(double[] column) {
        double min = Double.POSITIVE_INFINITY;
        for (int p = 1; p < POINTS; p++) {
            double step = Math.abs(column[p] - column[p - 1]);
            if (step > 0) {
                min = Math.min(min, step);
            }
        }
        return min;
    }

    /** Whether two neighbouring values are equal: F did not resolve that step. */
    static boolean hasTies(double[] column) {
        for (int p = 1; p < POINTS; p++) {
            if (column[p] == column[p - 1]) {
                return true;
            }
        }
        return false;
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
     * The noise from σ₂..σ₆: three consecutive orders that agree and change sign (a measurement);
     * −σ₆ when the σₖ still fall at order 6 (the smooth part dominates: σ₆ is only an upper bound,
     * returned negated); NaN when the spacing was too large to tell, or when some differences
     * vanish exactly (the spacing is at F's resolution).
     */
    static double decide(double[] sigma, boolean[] signChange) {
        for (int k = 1; k <= MAX_ORDER; k++) {
            if (sigma[k] == 0) {
                // differences that vanish exactly: the values step by whole units of F's resolution
                // (or F is a low-degree polynomial here); this spacing cannot show the noise
                return Double.NaN;
            }
        }
        for (int k = 2; k + 2 <= MAX_ORDER; k++) {
            double lo = Math.min(sigma[k], Math.min(sigma[k + 1], sigma[k + 2]));
            double hi = Math.max(sigma[k], Math.max(sigma[k + 1], sigma[k + 2]));
            if (hi <= AGREEMENT * lo && signChange[k]) {
                return hi;
            }
        }
        boolean falling = true;
        for (int k = 2; k < MAX_ORDER; k++) {
            falling &= sigma[k + 1] < sigma[k];
        }
        return falling ? -sigma[MAX_ORDER] : Double.NaN;
    }

    /**
     * Per-entry noise, the evaluations spent measuring it, whether F looked float-valued, and per
     * entry whether F did not change at all at any spacing (the measurement saw nothing: F is
     * constant there, or rounded in intermediates more coarsely than the largest spacing moves it).
     */
    public record Result(double[] noise, int evaluations, boolean floatValued, boolean[] blind) {
    }
}
