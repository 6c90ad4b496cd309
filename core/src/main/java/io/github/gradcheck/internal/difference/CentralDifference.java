package io.github.gradcheck.internal.difference;

import java.util.Arrays;

/**
 * Central differences along one coordinate, with an error estimate and kink detection.
 *
 * <p>Each attempt evaluates F at x₀ ± h and x₀ ± 2h (4 evaluations) and forms
 * <ul>
 *   <li>D(h) = (F(x₀+h) − F(x₀−h)) / 2h, D(2h) likewise; the estimate is Richardson's
 *       R = D(h) + (D(h) − D(2h))/3 and its error bound |D(h) − D(2h)|/3 (the truncation error of
 *       D(h), an over-estimate for R) plus {@value #NOISE_SIGMAS}·σ/h for an evaluation noise σ;</li>
 *   <li>the one-sided slopes at h and at 2h. For smooth F their difference (the "jump") is
 *       h·F″ + O(h³), so it doubles from h to 2h; at a kink it stays near the slope jump.</li>
 * </ul>
 * An entry whose jump doubles is in the asymptotic regime: its estimate counts, and the step is
 * refined (h/8) while that lowers the error bound. An entry whose jump stays put at two successive
 * steps, with both one-sided slopes stable, is a kink. An entry that is neither is not yet asymptotic (a step too large for the
 * curvature, as in log det near a singular matrix) and the step is refined. Non-finite values
 * also refine the step. At most {@value #MAX_ATTEMPTS} attempts, and never a step below the given
 * minimum (where x₀ ± h would not be distinct doubles).
 */
public final class CentralDifference {

    public static final int MAX_ATTEMPTS = 10;
    static final double SHRINK = 8.0;
    /** Noise standard deviations allowed in a difference quotient (bound of the noise part of R). */
    static final double NOISE_SIGMAS = 6.0;
    /** Noise standard deviations allowed in the jump tests (they difference three values). */
    static final double JUMP_SIGMAS = 30.0;
    /** Relative truncation error below which refining the step is pointless. */
    static final double SETTLED = 1e-8;
    /** A jump this small relative to the slopes is not a kink. */
    static final double KINK_SIGNIFICANCE = 1e-3;
    private static final double EPS = Math.ulp(1.0);

    private final int outputs;
    private final double[] plus;
    private final double[] minus;
    private final double[] plus2;
    private final double[] minus2;
    private final double[] previousJump;
    private final double[] previousLeft;
    private final double[] previousRight;
    private final double[] lastLeft;
    private final double[] lastRight;
    private final double[] lastNoise;
    private final double[] lastStep;

    public CentralDifference(int outputs) {
        this.outputs = outputs;
        plus = new double[outputs];
        minus = new double[outputs];
        plus2 = new double[outputs];
        minus2 = new double[outputs];
        previousJump = new double[outputs];
        previousLeft = new double[outputs];
        previousRight = new double[outputs];
        lastLeft = new double[outputs];
        lastRight = new double[outputs];
        lastNoise = new double[outputs];
        lastStep = new double[outputs];
    }

    /**
     * Estimates d/dt F(X₀ + tB) at t = 0 for every output entry.
     *
     * @param line t ↦ vec F(X₀ + tB)
     * @param h0 the first step (scaled to the coordinate's magnitude and the function's noise)
     * @param minStep the smallest step worth trying
     * @param f0 vec F(X₀), not modified
     * @param noise per-entry noise standard deviation of F near X₀, not modified
     * @param out receives the estimate
     * @return the number of evaluations of F made
     */
    public int estimate(Line line, double h0, double minStep, double[] f0, double[] noise, ColumnEstimate out) {
        out.reset();
        Arrays.fill(previousJump, Double.NaN);
        Arrays.fill(lastStep, Double.NaN);
        int pending = outputs;
        int evaluations = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && pending > 0; attempt++) {
            double h = h0 / Math.pow(SHRINK, attempt);
            if (attempt > 0 && h < minStep) {
                break;
            }
            double hp = line.evaluate(h, plus);
            double hm = line.evaluate(-h, minus);
            double h2p = line.evaluate(2 * h, plus2);
            double h2m = line.evaluate(-2 * h, minus2);
            evaluations += 4;
            for (int i = 0; i < outputs; i++) {
                if (out.kind[i] == EntryKind.PENDING && settle(i, h, hp, hm, h2p, h2m, f0[i], noise[i], out)) {
                    pending--;
                }
            }
        }
        for (int i = 0; i < outputs; i++) {
            if (out.kind[i] != EntryKind.PENDING) {
                continue;
            }
            if (Double.isFinite(out.error[i])) {
                out.setSmooth(i);
            } else if (!Double.isNaN(lastStep[i])) {
                out.setInterval(i, EntryKind.UNSETTLED, lastLeft[i], lastRight[i], lastNoise[i], lastStep[i]);
            } else {
                out.kind[i] = EntryKind.UNDEFINED;
            }
        }
        return evaluations;
    }

    /** Updates entry i with the current attempt; returns true when the entry is decided. */
    private boolean settle(int i, double h, double hp, double hm, double h2p, double h2m,
                           double f0, double noise, ColumnEstimate out) {
        double a = plus[i];
        double b = minus[i];
        double c = plus2[i];
        double d = minus2[i];
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
            previousJump[i] = Double.NaN;
            return false;
        }
        double right = (a - f0) / hp;
        double left = (f0 - b) / -hm;
        double jump = right - left;
        double jump2 = (c - f0) / h2p - (f0 - d) / -h2m;

        double roundoff = 2 * EPS * Math.max(Math.max(Math.abs(f0), Math.abs(a)),
                Math.max(Math.abs(b), Math.max(Math.abs(c), Math.abs(d))));
        double sigma = Math.max(noise, roundoff);
        double noiseBound = NOISE_SIGMAS * sigma / h;
        double jumpNoise = JUMP_SIGMAS * sigma / h;

        lastLeft[i] = left;
        lastRight[i] = right;
        lastNoise[i] = noiseBound;
        lastStep[i] = h;

        boolean asymptotic = Math.abs(jump2 - 2 * jump) <= 0.25 * Math.abs(jump) + jumpNoise;
        if (!asymptotic) {
            boolean kinkLike = Math.abs(jump) > jumpNoise
                    && Math.abs(jump) >= KINK_SIGNIFICANCE * Math.max(Math.abs(left), Math.abs(right))
                    && Math.abs(jump2 - jump) <= 0.25 * Math.abs(jump);
            double previous = previousJump[i];
            boolean stable = Math.abs(left - previousLeft[i]) <= 0.25 * Math.abs(jump)
                    && Math.abs(right - previousRight[i]) <= 0.25 * Math.abs(jump);
            previousJump[i] = kinkLike ? jump : Double.NaN;
            previousLeft[i] = left;
            previousRight[i] = right;
            if (kinkLike && previous * jump > 0 && stable) {
                out.setInterval(i, EntryKind.KINK, left, right, noiseBound, h);
                return true;
            }
            return false;
        }
        previousJump[i] = Double.NaN;

        double d1 = (a - b) / (hp - hm);
        double d2 = (c - d) / (h2p - h2m);
        double truncation = Math.abs(d1 - d2) / 3;
        double richardson = d1 + (d1 - d2) / 3;
        double bound = truncation + noiseBound;
        if (bound >= out.error[i]) {
            out.setSmooth(i); // refining no longer helps: keep the best earlier step
            return true;
        }
        out.value[i] = richardson;
        out.error[i] = bound;
        out.step[i] = h;
        if (truncation <= noiseBound || truncation <= SETTLED * Math.abs(richardson)) {
            out.setSmooth(i);
            return true;
        }
        return false;
    }
}
