package io.github.gradcheck.internal.difference;

import java.util.Arrays;

/**
 * Central differences along one coordinate, with an error estimate and kink detection.
 *
 * <p>Each attempt evaluates F at x₀ ± h and x₀ ± 2h and forms
 * <ul>
 *   <li>D(h) = (F(x₀+h) − F(x₀−h)) / 2h, D(2h) likewise; the estimate is Richardson's
 *       R = D(h) + (D(h) − D(2h))/3 and its error bound E = |D(h) − D(2h)|/3 (the truncation
 *       error of D(h), an over-estimate for R) plus {@value #NOISE_SIGMAS}·σ/h for an evaluation
 *       noise σ;</li>
 *   <li>the one-sided slopes at h and at 2h. For smooth F their difference (the "jump") is
 *       h·F″ + O(h³), so it doubles from h to 2h; at a kink it stays near the slope jump.</li>
 * </ul>
 * An entry whose jump doubles is in the asymptotic regime. Its estimate is accepted only when
 * confirmed: by the next attempt agreeing with it (the tighter of the two then stands, its bound
 * widened to cover the other's interval when their difference exceeds it), or, for a
 * first estimate that already converged, by a second extrapolation that uses a central difference
 * at the incommensurate step {@value #PROBE}·h (see {@link #confirm}). An estimate taken before the asymptotic regime can claim too small an error,
 * and steps in integer ratios alone can be fooled by a function that oscillates with a period
 * dividing h (all samples land on the same phase and it looks flat); a disagreeing estimate
 * replaces the older one and the step is refined (h/{@value #SHRINK}), as it is for a step too
 * large for the curvature (log det near a singular matrix) and for non-finite values. An entry
 * whose jump stays put at two successive steps, with both one-sided slopes stable, is a kink. At
 * most {@value #MAX_ATTEMPTS} attempts, never a step below the given minimum (where x₀ ± h would
 * not be distinct doubles), nor below the step at which F stops changing (F rounds its inputs); an
 * estimate still unconfirmed then stands, as uncertain as the estimates it replaced disagreed.
 */
public final class CentralDifference {

    public static final int MAX_ATTEMPTS = 10;

    static final double SHRINK = 8.0;
    /** The confirming step, as a fraction of h: the golden ratio's inverse, far from any simple ratio. */
    static final double PROBE = 0.6180339887498949;
    /** Bound on R′'s noise, in σ/h: 6 standard deviations of (D(ρh) − ρ²D(h))/(1 − ρ²). */
    static final double PROBE_NOISE_SIGMAS = 14.0;
    /** R's higher-order error relative to |R − R′| (4/(4 − ρ²) ≈ 1.1, with a margin). */
    static final double HIGHER_ORDER = 1.25;
    /** Noise standard deviations allowed in a difference quotient (bound of the noise part of R). */
    public static final double NOISE_SIGMAS = 6.0;
    /** Noise standard deviations allowed in the jump tests (they difference three values). */
    public static final double JUMP_SIGMAS = 30.0;
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
    private final double[] probePlus;
    private final double[] probeMinus;
    private final double[] previousJump;
    private final double[] previousLeft;
    private final double[] previousRight;
    /** The last unconfirmed asymptotic estimate, its error bound, truncation part, noise and step (NaN: none). */
    private final double[] candidate;
    private final double[] candidateError;
    private final double[] candidateTruncation;
    private final double[] candidateNoise;
    private final double[] candidateStep;
    /** D(h) of the last candidate's attempt, for the probe's extrapolation. */
    private final double[] candidateDifference;
    /** The largest disagreement between successive estimates that replaced one another. */
    private final double[] spread;
    private final boolean[] needsProbe;
    /** Whether {@link #quantum} was measured for the current column (it is 0 otherwise). */
    private boolean measured;
    private final double[] lastLeft;
    private final double[] lastRight;
    private final double[] lastNoise;
    private final double[] lastStep;
    /** The smallest change of F seen at the last attempt, for the bound a flat attempt gives. */
    private final double[] lastMove;
    /** Per entry, F's resolution when it had to be measured with larger steps (0 otherwise). */
    private final double[] quantum;

    public CentralDifference(int outputs) {
        this.outputs = outputs;
        plus = new double[outputs];
        minus = new double[outputs];
        plus2 = new double[outputs];
        minus2 = new double[outputs];
        probePlus = new double[outputs];
        probeMinus = new double[outputs];
        previousJump = new double[outputs];
        previousLeft = new double[outputs];
        previousRight = new double[outputs];
        candidate = new double[outputs];
        candidateError = new double[outputs];
        candidateTruncation = new double[outputs];
        candidateNoise = new double[outputs];
        candidateStep = new double[outputs];
        candidateDifference = new double[outputs];
        spread = new double[outputs];
        needsProbe = new boolean[outputs];
        lastLeft = new double[outputs];
        lastRight = new double[outputs];
        lastNoise = new double[outputs];
        lastStep = new double[outputs];
        lastMove = new double[outputs];
        quantum = new double[outputs];
    }

    /**
     * Estimates d/dt F(X₀ + tB) at t = 0 for every output entry.
     *
     * @param line t ↦ vec F(X₀ + tB)
     * @param h0 the first step (scaled to the coordinate's magnitude and the function's noise)
     * @param minStep the smallest step worth trying
     * @param maxStep the largest step worth taking to find F's resolution (the coordinate's scale)
     * @param f0 vec F(X₀), not modified
     * @param noise per-entry noise standard deviation of F near X₀, not modified
     * @param blind whether the noise measurement saw F change at no spacing (see {@link NoiseEstimator.Result})
     * @param out receives the estimate
     * @return the number of evaluations of F made
     */
    public int estimate(Line line, double h0, double minStep, double maxStep, double[] f0, double[] noise,
                        boolean blind, ColumnEstimate out) {
        return estimate(line, h0, minStep, maxStep, f0, noise, blind, null, 0.0, out);
    }

    /**
     * As {@link #estimate(Line, double, double, double, double[], double[], boolean, ColumnEstimate)},
     * knowing the analytic values the estimates will be compared with. A first estimate that
     * already converged is confirmed by the probe only when it disagrees with its analytic value
     * (by more than its error bound plus {@code rtol} of their size): the probe guards against a
     * false alarm (a step the function is periodic in), and an estimate that agrees raises none;
     * a passing check then costs 4 evaluations a coordinate instead of 6.
     *
     * @param analytic the analytic value of each entry, or null (every converged entry is confirmed)
     * @param rtol the relative tolerance an agreement allows
     */
    public int estimate(Line line, double h0, double minStep, double maxStep, double[] f0, double[] noise,
                        boolean blind, double[] analytic, double rtol, ColumnEstimate out) {
        out.reset();
        int pending = outputs;
        int evaluations = 0;
        measured = false;
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
            if (attempt == 0 && blind && flat(f0)) {
                // F did not change, here nor anywhere the noise was measured: its values may be
                // rounded in intermediates larger than themselves (log(cosh x) near 0 moves in
                // steps of cosh's ulp), a resolution no measurement saw. Find it with larger steps
                // (their values serve no estimate: F may be far from linear there).
                evaluations += measureResolution(line, h, maxStep, f0);
            }
            // the first attempt's probe is nearly always needed (to confirm a converged entry, or an
            // entry that did not move at all): taken at once, it lets one pass decide most entries
            boolean probed = attempt == 0 && analytic == null;
            double qp = Double.NaN;
            double qm = Double.NaN;
            if (probed) {
                qp = line.evaluate(PROBE * h, probePlus);
                qm = line.evaluate(-PROBE * h, probeMinus);
                evaluations += 2;
            }
            boolean probe = false;
            for (int i = 0; i < outputs; i++) {
                if (!out.pending(i)) {
                    continue;
                }
                if (attempt == 0) {
                    double f = f0[i];
                    if (plus[i] == f && minus[i] == f && plus2[i] == f && minus2[i] == f) {
                        if (probed && probePlus[i] == f && probeMinus[i] == f) {
                            // F did not move at any of six points (a sparse column): 0 within the noise
                            accept(i, 0.0, NOISE_SIGMAS * flatSigma(i, f, noise[i]) / h, h, out);
                            pending--;
                            continue;
                        }
                        initialize(i);
                        settleFlat(i, h, f, noise[i]);
                    } else {
                        initialize(i);
                        if (settle(i, h, hp, hm, h2p, h2m, f, noise[i], out)) {
                            pending--;
                            continue;
                        }
                    }
                } else if (settle(i, h, hp, hm, h2p, h2m, f0[i], noise[i], out)) {
                    pending--;
                    continue;
                }
                if (needsProbe[i]) {
                    if (probed) {
                        if (confirm(i, qp, qm, h, noise[i], out)) {
                            pending--;
                        }
                    } else if (attempt == 0 && analytic != null && agrees(i, analytic[i], rtol)) {
                        needsProbe[i] = false;
                        accept(i, candidate[i], candidateError[i], candidateStep[i], out);
                        pending--;
                    } else {
                        probe = true;
                    }
                }
            }
            if (probe) {
                qp = line.evaluate(PROBE * h, probePlus);
                qm = line.evaluate(-PROBE * h, probeMinus);
                evaluations += 2;
                for (int i = 0; i < outputs; i++) {
                    if (out.pending(i) && needsProbe[i] && confirm(i, qp, qm, h, noise[i], out)) {
                        pending--;
                    }
                }
            }
        }
        for (int i = 0; i < outputs; i++) {
            if (!out.pending(i)) {
                continue;
            }
            if (!Double.isNaN(candidate[i])) {
                // never confirmed: as uncertain as the estimates it replaced disagreed
                accept(i, candidate[i], Math.max(candidateError[i], spread[i]), candidateStep[i], out);
            } else if (!Double.isNaN(lastStep[i])) {
                out.setInterval(i, EntryKind.UNSETTLED, lastLeft[i], lastRight[i], lastNoise[i], lastStep[i]);
            } else {
                out.setUndefined(i);
            }
        }
        return evaluations;
    }

    /** Updates entry i with the current attempt; returns true when the entry is decided. */
    private boolean settle(int i, double h, double hp, double hm, double h2p, double h2m,
                           double f0, double noise, ColumnEstimate out) {
        needsProbe[i] = false;
        double a = plus[i];
        double b = minus[i];
        double c = plus2[i];
        double d = minus2[i];
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
            previousJump[i] = Double.NaN;
            return false;
        }
        boolean unchanged = a == f0 && b == f0 && c == f0 && d == f0;
        if (unchanged) {
            // F changed at a larger step but not at this one: the step is below the resolution of
            // F (it rounds its inputs, or intermediates); smaller steps see nothing either. Being
            // flat at ±2h says only |F′| ≲ (its smallest move seen)/2h: the derivative is known
            // to lie between that and the estimate from the larger steps.
            double flatBound = lastMove[i] / (2 * h);
            double low = Math.min(-flatBound, Double.isNaN(candidate[i]) ? lastLeft[i] : candidate[i] - candidateError[i]);
            double high = Math.max(flatBound, Double.isNaN(candidate[i]) ? lastRight[i] : candidate[i] + candidateError[i]);
            if (!Double.isNaN(candidate[i]) && candidateError[i] >= flatBound + Math.abs(candidate[i])) {
                return accept(i, candidate[i], candidateError[i], candidateStep[i], out); // already covers it
            }
            out.setInterval(i, EntryKind.UNSETTLED, low, high, 0.0, h);
            return true;
        }
        lastMove[i] = smallestMove(a, b, c, d, f0);
        double right = (a - f0) / hp;
        double left = (f0 - b) / -hm;
        double jump = right - left;
        double jump2 = (c - f0) / h2p - (f0 - d) / -h2m;

        double roundoff = 2 * EPS * Math.max(Math.max(Math.abs(f0), Math.abs(a)),
                Math.max(Math.abs(b), Math.max(Math.abs(c), Math.abs(d))));
        // values that are all multiples of a coarse power of two were rounded in intermediates
        // larger than themselves: their rounding is at least half that granularity
        double granularity = Math.min(Math.min(differing(a, f0), differing(b, f0)),
                Math.min(differing(c, f0), differing(d, f0)));
        double sigma = Math.max(Math.max(noise, quantum(i)),
                Math.max(roundoff, Double.isFinite(granularity) ? 0.5 * granularity : 0));
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
        boolean converged = truncation <= noiseBound || truncation <= SETTLED * Math.abs(richardson);
        double last = candidate[i];
        double lastBound = candidateError[i];
        if (Double.isNaN(last) || Math.abs(richardson - last) > bound + lastBound) {
            if (!Double.isNaN(last)) {
                spread[i] = Math.max(spread[i], Math.abs(richardson - last) + bound);
            }
            // first estimate, or one that disagrees with the last (which may have been taken before
            // the asymptotic regime): it needs confirmation by the probe or the next attempt
            keep(i, richardson, bound, truncation, sigma, h);
            candidateDifference[i] = d1;
            needsProbe[i] = converged && Double.isNaN(last);
            return false;
        }
        // two successive estimates agree: the tighter stands, with a bound that covers the other
        // estimate's interval when their difference exceeds it (a bound taken before the
        // asymptotic regime can be optimistic)
        double change = Math.abs(richardson - last);
        double tight = Math.min(bound, lastBound);
        double covered = change <= tight ? tight : change + Math.max(bound, lastBound);
        if (bound < lastBound && !converged) {
            keep(i, richardson, covered, truncation, sigma, h); // and refining may tighten it further
            return false;
        }
        return bound < lastBound ? accept(i, richardson, covered, h, out)
                : accept(i, last, covered, candidateStep[i], out);
    }

    /** Whether entry i's candidate agrees with its analytic value within its bound and rtol of their size. */
    private boolean agrees(int i, double analytic, double rtol) {
        double c = candidate[i];
        return Math.abs(analytic - c) <= candidateError[i] + rtol * Math.max(Math.abs(c), Math.abs(analytic));
    }

    /** The noise of an entry F did not change at all: its measured noise, resolution, or rounding. */
    private double flatSigma(int i, double f0, double noise) {
        return Math.max(Math.max(noise, quantum(i)), 2 * EPS * Math.abs(f0));
    }

    /** F's resolution at entry i, when it had to be measured for this column; 0 otherwise. */
    private double quantum(int i) {
        return measured ? quantum[i] : 0.0;
    }

    /** Clears an entry's history before its first attempt (entries decided at once never need it). */
    private void initialize(int i) {
        previousJump[i] = Double.NaN;
        candidate[i] = Double.NaN;
        spread[i] = 0.0;
        lastStep[i] = Double.NaN;
        needsProbe[i] = false;
    }

    /**
     * What {@link #settle} makes of an entry F did not change at ±h, ±2h (in a first attempt):
     * the estimate 0 within the noise bound, converged, waiting for the probe.
     */
    private void settleFlat(int i, double h, double f0, double noise) {
        double sigma = flatSigma(i, f0, noise);
        double noiseBound = NOISE_SIGMAS * sigma / h;
        lastMove[i] = 0.0;
        lastLeft[i] = 0.0;
        lastRight[i] = 0.0;
        lastNoise[i] = noiseBound;
        lastStep[i] = h;
        previousJump[i] = Double.NaN;
        keep(i, 0.0, noiseBound, 0.0, sigma, h);
        candidateDifference[i] = 0.0;
        needsProbe[i] = true;
    }

    private static double smallestMove(double a, double b, double c, double d, double f0) {
        double min = Math.min(Math.min(move(a, f0), move(b, f0)), Math.min(move(c, f0), move(d, f0)));
        return Double.isFinite(min) ? min : 0.0;
    }

    /** |v − f0| when v moved, infinite otherwise. */
    private static double move(double v, double f0) {
        return v != f0 ? Math.abs(v - f0) : Double.POSITIVE_INFINITY;
    }

    /** The granularity of v when it differs from f0 (which tells nothing when F did not change). */
    private static double differing(double v, double f0) {
        return v == f0 ? Double.POSITIVE_INFINITY : NoiseEstimator.granularity(v);
    }

    /**
     * Evaluates F at x₀ + 8ᵍh, g = 1, 2, …, up to {@code maxStep}, until it changes; the first
     * change of each entry is about one step of its resolution. Returns the evaluations made.
     */
    private int measureResolution(Line line, double h, double maxStep, double[] f0) {
        Arrays.fill(quantum, 0.0);
        measured = true;
        int evaluations = 0;
        for (double step = h * SHRINK; step <= maxStep; step *= SHRINK) {
            line.evaluate(step, probePlus);
            evaluations++;
            boolean changed = false;
            for (int i = 0; i < outputs; i++) {
                double v = probePlus[i];
                if (v != f0[i] && Double.isFinite(v)) {
                    quantum[i] = Math.abs(v - f0[i]);
                    changed = true;
                }
            }
            if (changed) {
                break;
            }
        }
        return evaluations;
    }

    /** Whether no entry of F changed at any of the four points. */
    private boolean flat(double[] f0) {
        for (int i = 0; i < outputs; i++) {
            if (plus[i] != f0[i] || minus[i] != f0[i] || plus2[i] != f0[i] || minus2[i] != f0[i]) {
                return false;
            }
        }
        return true;
    }

    private void keep(int i, double value, double bound, double truncation, double sigma, double h) {
        candidate[i] = value;
        candidateError[i] = bound;
        candidateTruncation[i] = truncation;
        candidateNoise[i] = sigma;
        candidateStep[i] = h;
    }

    /**
     * Confirms a converged first attempt with a second extrapolation, from D(h) and D(ρh),
     * ρ = {@value #PROBE}: R′ = (D(ρh) − ρ²D(h)) / (1 − ρ²). R and R′ both cancel the h² error
     * term; their h⁴ terms are −4c₄h⁴ and −ρ²c₄h⁴, so |R − R′| exposes the higher-order error that
     * Richardson's bound misses when the h² coefficient happens to be small. R′ must agree with R
     * within R's bound and R′'s noise (about 2.3σ/h); the error then claimed is at least
     * {@value #HIGHER_ORDER}·|R − R′| (R's h⁴ error is 4/(4 − ρ²) ≈ 1.1 times it).
     */
    private boolean confirm(int i, double qp, double qm, double h, double noise, ColumnEstimate out) {
        needsProbe[i] = false;
        double a = probePlus[i];
        double b = probeMinus[i];
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        double probe = (a - b) / (qp - qm);
        double extrapolated = (probe - PROBE * PROBE * candidateDifference[i]) / (1 - PROBE * PROBE);
        double sigma = Math.max(candidateNoise[i], 2 * EPS * Math.max(Math.abs(a), Math.abs(b)));
        double allowed = candidateError[i] + PROBE_NOISE_SIGMAS * sigma / h;
        double change = Math.abs(extrapolated - candidate[i]);
        if (change <= allowed) {
            return accept(i, candidate[i], Math.max(candidateError[i], HIGHER_ORDER * change), h, out);
        }
        candidate[i] = Double.NaN; // fooled at this step (aliasing): forget it and refine
        return false;
    }

    private static boolean accept(int i, double value, double error, double h, ColumnEstimate out) {
        out.value[i] = value;
        out.error[i] = error;
        out.step[i] = h;
        out.setSmooth(i);
        return true;
    }
}
