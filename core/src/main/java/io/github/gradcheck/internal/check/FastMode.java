package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Probe;
import io.github.gradcheck.internal.verdict.ProbeKind;
import io.github.gradcheck.internal.verdict.ProbeSet;
import io.github.gradcheck.internal.verdict.Tolerance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * FAST mode: the analytic derivative compared with its references along k random directions
 * instead of along every coordinate, at a cost independent of the input's size.
 *
 * <p><b>Probes.</b> Each probe draws a direction V: every free coordinate k of every
 * differentiated input gets an independent standard normal zₖ, scaled by sₖ = max(|xₖ|, the
 * input's RMS) (as FULL scales its steps), V = Σ zₖ sₖ Bₖ. Signed: a direction with only
 * non-negative entries (one popular checker's fast mode) sees only sums of errors, which can
 * cancel. A gradient is compared as ⟨G, V⟩ with the derivative of f along V; a jvp, a dense
 * Jacobian or a Kronecker form as the whole vector J·vec(V) with the derivative of F along V,
 * entry by entry; a vjp (which gives rows, not columns) as ⟨vjp(U), V⟩ with the derivative of
 * ⟨U, F⟩ along V, U a standard normal of F's shape; a Hessian without a gradient as
 * vec(U)ᵀ H vec(V) with second differences of f along U and V.
 *
 * <p><b>Cost.</b> f at the point twice (finite, deterministic); the first probe at ±h and ±2h
 * (Richardson's estimate, with the truncation error T of a central difference and the noise σ
 * along a random direction: the fourth difference of five equally spaced values is O(h⁴) for a
 * smooth function and about √70·σ for noise σ); every other probe at ±h only, its error bounded
 * by {@value ProbeEstimates#TRUNCATION_SAFETY}·T + {@value ProbeEstimates#NOISE_SIGMAS}·σ/h. That is 2k + 4 evaluations
 * (2k + 8 when noise calls for a larger step). (A forward difference would save an evaluation a
 * probe, but its error is first order in h: along a random direction of a million coordinates the
 * curvature grows like N and the derivative like √N, and it would miss the tolerance.) A probe
 * that fails against that bound is estimated again rigorously (the noise measured
 * along its line, then FULL mode's adaptive central differences with kink detection) before it
 * counts: a cheap bound may cry wolf, and the rigorous estimate decides. A mismatch against
 * finite differences takes two directions that fail for sure (one alone may have crossed a kink
 * of f near the point); when exactly one fails, k more are drawn, and if none of them fails the
 * check passes with a note.
 *
 * <p><b>Why a wrong derivative slips through with probability below 1e-9.</b> Let E = J_analytic −
 * J. A probe entry passes when |estimate − analytic| ≤ τ, its tolerance (the estimate's error
 * bound e, plus atol, plus rtol times the derivative's scale); the estimate is the true value
 * plus an error δ with |δ| ≤ e, so the probe misses an error only if the entry of E·vec(V) (or
 * ⟨E, V⟩ for a gradient) lies within ±(τ + e) of zero. Call τ + e ≤ 2τ the widened tolerance T,
 * taken as fixed across directions (its main terms, atol and rtol times the scale, hardly depend
 * on the direction; against an exact reference e = 0 and T = τ). That entry is Σ zₖ sₖ eₖ, normal
 * with standard deviation σ_E = ‖(sₖ eₖ)‖₂ over the row of E, and a normal variable falls within
 * ±T of zero with probability at most √(2/π)·T/σ_E (its density never exceeds 1/(σ_E√(2π))). If
 * σ_E ≥ {@value ProbeSet#GAMMA}·T for some row, one probe misses it with probability at most
 * √(2/π)/60 ≈ 0.0133, and all {@value #PROBES} independent probes with probability at most
 * 0.0133⁵ ≈ 4.2e-10. For a vjp, ⟨U, E V⟩ = Σᵢ σᵢ aᵢ bᵢ with independent standard normals aᵢ, bᵢ
 * (σᵢ the singular values of the weighted E); given b it is normal with standard deviation at
 * least σ₁|b₁|, so it misses at most as often as σ₁·a·b does for two standard normals: P(|ab| ≤ t)
 * = (2/π)∫₀ᵗ K₀ ≤ (2/π)·t·(ln(2/t) + 1 − γ) ≈ 0.0553 for t = 1/{@value ProbeSet#GAMMA}, and all
 * {@value #BILINEAR_PROBES} probes miss with probability at most 0.0553⁸ ≈ 8.7e-11. The second look
 * after exactly one failure adds at most k·p^(k−1)·p^k (below 1e-16). So a derivative whose
 * (weighted) error is {@value ProbeSet#GAMMA} times the widened tolerance or more is caught with
 * probability above 1 − 1e-9; smaller errors may pass, as errors below the tolerance pass in FULL
 * mode. (Real mistakes are far larger: a factor of 2, a sign or a transpose is an error of the
 * order of the derivative itself, about 1/rtol = 1e5 times the default tolerance.)
 *
 * <p><b>Why k = {@value #PROBES}.</b> The count trades the multiple of the tolerance at which the
 * guarantee holds against cost: √(2/π)/γ to the power k below 1e-9 takes γ ≥ 16 for k = 7,
 * γ ≥ 26 for k = 6, γ ≥ 51 for k = 5, γ ≥ 142 for k = 4 (and at γ = {@value ProbeSet#GAMMA} the pairs of
 * a bilinear form need {@value #BILINEAR_PROBES}). A Kronecker-form or jvp check applies the
 * user's derivative once a direction as well, which for F(X) = AXB costs about two thirds of F;
 * five directions keep such a check within 20 evaluations' time (2k + 4 evaluations of F and k
 * applications, which {@link AnalyticAhead} computes on another core beside F's evaluations when
 * the form is the toolkit's own arithmetic).
 */
final class FastMode {

    /** Probes of a gradient or of J·vec(V) (normal errors): 0.0133⁵ ≈ 4.2e-10. */
    static final int PROBES = 5;
    /** Probes of a bilinear form ⟨U, J V⟩ (a vjp, a Hessian without gradient): 0.0553⁸ ≈ 8.7e-11. */
    static final int BILINEAR_PROBES = 8;
    /** The guarantee holds for an error at least this many times the widened probe tolerance. */
    static final int GAMMA = ProbeSet.GAMMA;

    private final Guard guard;
    private final Options options;
    private final double[] f0;
    private final List<Analytic> analytics;
    private final ProbeKind kind;
    private final String form;
    private final Directions directions;
    private final ProbeEstimates estimates;
    /** The summaries cheap probes made on the way (read again only for the others). */
    private final Map<Probe, ProbeEstimates.Summary> summarized = new IdentityHashMap<>();
    /** What the first probe measured for the others; made by the first probe against finite differences. */
    private ProbeEstimates.Calibration calibration;

    /**
     * @param f0 f (or F) at the point, vec order
     * @param analytics the derivatives probed together (every first derivative, or one Hessian
     *     given without a gradient)
     */
    FastMode(Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        this.guard = guard;
        this.options = spec.options();
        this.f0 = f0;
        this.analytics = analytics;
        if (analytics.get(0).ofScalar) {
            kind = ProbeKind.SECOND;
        } else if (spec.isScalar()) {
            kind = ProbeKind.GRADIENT;
        } else if (byRows(analytics)) {
            kind = ProbeKind.BILINEAR;
        } else {
            kind = ProbeKind.VECTOR;
        }
        this.form = analytics.get(0).derivative.form();
        this.directions = new Directions(guard, analytics, kind, f0.length, options.seed());
        this.estimates = new ProbeEstimates(guard, analytics, kind, f0, spec.functionName());
    }

    private static boolean byRows(List<Analytic> analytics) {
        for (Analytic a : analytics) {
            if (a.byRows()) {
                return true;
            }
        }
        return false;
    }

    /** The number of probes: fewer where the error is a normal variable. */
    int count() {
        return kind == ProbeKind.BILINEAR || kind == ProbeKind.SECOND ? BILINEAR_PROBES : PROBES;
    }

    /**
     * Runs the probes against the exact reference (when given) and finite differences (when they
     * are a reference): one judged set per reference, in reference order.
     *
     * @param exactJacobians the exact reference's Jacobian per input, or null
     * @param numeric whether finite differences are a reference
     */
    List<ProbeSet> execute(Map<String, Operator> exactJacobians, boolean numeric) {
        int k = count();
        List<Probe> exact = new ArrayList<>();
        List<Probe> fd = new ArrayList<>();
        estimate(0, k, exactJacobians, numeric, exact, fd);
        ProbeSet numericSet = null;
        if (numeric) {
            numericSet = judge(numericAgainst(), fd, options.rtol(), true);
            if (numericSet.failed().size() == 1 && numericSet.failed().get(0).rechecked()) {
                Probe lone = numericSet.failed().get(0);
                int entry = lone.worstEntry(numericSet.tolerance());
                estimate(k, 2 * k, exactJacobians, true, exact, fd);
                numericSet = judge(numericAgainst(), fd, options.rtol(), true);
                if (numericSet.failed().size() == 1) {
                    numericSet = numericSet.passedAfter(new ProbeSet.SecondLook(lone, entry, k));
                }
            }
        }
        List<ProbeSet> sets = new ArrayList<>();
        if (exactJacobians != null) {
            sets.add(judge(Against.EXACT, exact, options.exactRtol(), false));
        }
        if (numericSet != null) {
            sets.add(numericSet);
        }
        return sets;
    }

    private Against numericAgainst() {
        return kind == ProbeKind.SECOND ? Against.SECOND_DIFFERENCES : Against.FINITE_DIFFERENCES;
    }

    /** Draws probes {@code from} to {@code to} (exclusive) and estimates their references. */
    private void estimate(int from, int to, Map<String, Operator> exactJacobians, boolean numeric, List<Probe> exact,
                          List<Probe> fd) {
        AnalyticAhead drawn = new AnalyticAhead(directions, analytics, kind, f0.length, from, to, numeric);
        for (int i = from; i < to; i++) {
            guard.restore(); // the derivatives are taken at the point, not where the last probe left X
            Directions.Direction d = drawn.next();
            Supplier<double[]> a = drawn.analytic();
            double alt = directions.transposed(d);
            if (numeric && kind == ProbeKind.SECOND) {
                fd.add(new Probe(i, a.get(), estimates.second(d), true, Double.NaN));
            } else if (numeric && calibration == null) {
                calibration = estimates.first(d);
                fd.add(new Probe(i, a.get(), calibration.first(), calibration.rigorous(), alt));
            } else if (numeric) {
                ProbeEstimates.Cheap cheap = estimates.cheap(d, calibration, a);
                Probe p = new Probe(i, a.get(), cheap.estimate(), false, alt);
                summarized.put(p, cheap.summary());
                fd.add(p);
            }
            if (exactJacobians != null) {
                double[] values = directions.exact(d, exactJacobians);
                exact.add(new Probe(i, a.get(), ColumnEstimate.known(values, new double[values.length]), true, alt));
            }
        }
        guard.restore();
    }

    /**
     * Judges probes against the final scale (the largest reference magnitude). Failing probes
     * whose estimate was cheap are estimated again rigorously, worst first, until two fail for
     * sure; passing ones whose cheap bound is too loose to judge are estimated again too.
     *
     * @param confirm whether a failure needs two rigorously confirmed probes (finite differences)
     */
    private ProbeSet judge(Against against, List<Probe> probes, double rtol, boolean confirm) {
        // each pass over a probe of a large F costs a pass over F's entries: every probe's
        // summaries are computed once, and again only for a probe estimated again
        Summaries summaries = new Summaries(probes, summarized);
        Tolerance tolerance = new Tolerance(rtol, options.atol(), summaries.scale());
        double maxAnalytic = summaries.maxAnalytic();
        double judged = tolerance.scale() > 0 ? tolerance.scale() : maxAnalytic;
        List<Integer> suspects = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.rechecked()) {
                continue;
            }
            if (summaries.fails(i, tolerance)) {
                suspects.add(i);
            } else if (judged > 0 && summaries.maxError(i) > Comparison.MAX_RESOLUTION * judged) {
                // passed only on a loose cheap bound
                summaries.replace(i, recheck(p, new Tolerance(rtol, options.atol(), judged).bar()));
            }
        }
        tolerance = tolerance.atScale(summaries.scale());
        Tolerance bar = tolerance;
        suspects.sort(Comparator.comparingDouble(i -> -probes.get(i).excess(bar)));
        int confirmed = 0;
        for (int i = 0; i < probes.size(); i++) {
            if (probes.get(i).rechecked() && summaries.fails(i, tolerance)) {
                confirmed++;
            }
        }
        for (int i : suspects) {
            if (confirmed >= (confirm ? 2 : 1)) {
                break;
            }
            summaries.replace(i, recheck(probes.get(i), bar.bar()));
            tolerance = tolerance.atScale(Math.max(tolerance.scale(), summaries.magnitude(i)));
            if (summaries.fails(i, tolerance)) {
                confirmed++;
            }
        }
        List<Probe> failed = new ArrayList<>();
        boolean resolved = true;
        judged = tolerance.scale() > 0 ? tolerance.scale() : maxAnalytic;
        for (int i = 0; i < probes.size(); i++) {
            if (summaries.fails(i, tolerance)) {
                failed.add(probes.get(i));
            }
            if (judged > 0 && summaries.maxError(i) > Comparison.MAX_RESOLUTION * judged) {
                resolved = false;
            }
        }
        int free = 0;
        List<String> inputs = new ArrayList<>();
        for (Analytic a : analytics) {
            free += a.coordinates.size();
            inputs.add(a.input);
        }
        Tolerance last = tolerance;
        failed.sort(Comparator.comparingDouble(p -> -p.excess(last)));
        Accumulates accumulates = Accumulates.NO;
        for (Analytic a : analytics) {
            accumulates = a.accumulates() != Accumulates.NO ? a.accumulates() : accumulates;
        }
        return new ProbeSet(against, form, kind, probes, tolerance, failed, resolved, free, inputs, guard.outputRows(),
                accumulates, null);
    }

    /**
     * The probes being judged, with what a judgement reads of each: its largest reference magnitude
     * and error bound, and whether it fails the last tolerance it was asked about.
     */
    private static final class Summaries {
        private final List<Probe> probes;
        private final Map<Probe, ProbeEstimates.Summary> summarized;
        private final double[] magnitude;
        private final double[] maxError;
        private final double[] maxAnalytic;
        /** The largest distance beyond its error bound (before tolerances), per probe. */
        private final double[] excess;
        private final Tolerance[] askedAt;
        private final boolean[] failing;

        Summaries(List<Probe> probes, Map<Probe, ProbeEstimates.Summary> summarized) {
            this.probes = probes;
            this.summarized = summarized;
            int n = probes.size();
            magnitude = new double[n];
            maxError = new double[n];
            maxAnalytic = new double[n];
            excess = new double[n];
            askedAt = new Tolerance[n];
            failing = new boolean[n];
            for (int i = 0; i < n; i++) {
                summarize(i);
            }
        }

        /** Probe i's summary: made on the way by a cheap probe, else one pass over its entries. */
        private void summarize(int i) {
            Probe p = probes.get(i);
            ProbeEstimates.Summary s = summarized.get(p);
            if (s == null) {
                s = ProbeEstimates.Summary.of(p.analytic(), p.reference());
            }
            magnitude[i] = s.magnitude();
            maxError[i] = s.error();
            maxAnalytic[i] = s.analytic();
            excess[i] = s.excess();
            askedAt[i] = null;
        }

        /** Probe i estimated again. */
        void replace(int i, Probe p) {
            probes.set(i, p);
            summarize(i);
        }

        /**
         * Whether probe i fails {@code tolerance}. A probe whose distances exceed their errors by
         * at most half of atol + rtol·S passes whatever the rounding of the rule's sums (as long
         * as that half is above 8ε times the errors): it is not read again.
         */
        boolean fails(int i, Tolerance tolerance) {
            double bar = tolerance.bar();
            if (excess[i] <= 0.5 * bar && bar >= 8 * StepPolicy.EPS * maxError[i]) {
                return false;
            }
            if (!tolerance.equals(askedAt[i])) {
                failing[i] = probes.get(i).fails(tolerance);
                askedAt[i] = tolerance;
            }
            return failing[i];
        }

        double magnitude(int i) {
            return magnitude[i];
        }

        double maxError(int i) {
            return maxError[i];
        }

        /** The largest reference magnitude over the probes: the derivative's scale. */
        double scale() {
            double scale = 0;
            for (double m : magnitude) {
                scale = Math.max(scale, m);
            }
            return scale;
        }

        /** The largest analytic value over the probes as first judged. */
        double maxAnalytic() {
            double max = 0;
            for (double a : maxAnalytic) {
                max = Math.max(max, a);
            }
            return max;
        }
    }

    private Probe recheck(Probe p, double bar) {
        return estimates.recheck(p, directions.replay(p.index()), calibration, bar);
    }
}
