package io.github.gradcheck.internal.check;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.difference.SecondDifference;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.report.Numbers;
import io.github.gradcheck.internal.report.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

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
 * by {@value #TRUNCATION_SAFETY}·T + {@value #NOISE_SIGMAS}·σ/h. That is 2k + 4 evaluations
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
 * σ_E ≥ {@value #GAMMA}·T for some row, one probe misses it with probability at most
 * √(2/π)/60 ≈ 0.0133, and all {@value #PROBES} independent probes with probability at most
 * 0.0133⁵ ≈ 4.2e-10. For a vjp, ⟨U, E V⟩ = Σᵢ σᵢ aᵢ bᵢ with independent standard normals aᵢ, bᵢ
 * (σᵢ the singular values of the weighted E); given b it is normal with standard deviation at
 * least σ₁|b₁|, so it misses at most as often as σ₁·a·b does for two standard normals: P(|ab| ≤ t)
 * = (2/π)∫₀ᵗ K₀ ≤ (2/π)·t·(ln(2/t) + 1 − γ) ≈ 0.0553 for t = 1/{@value #GAMMA}, and all
 * {@value #BILINEAR_PROBES} probes miss with probability at most 0.0553⁸ ≈ 8.7e-11. The second look
 * after exactly one failure adds at most k·p^(k−1)·p^k (below 1e-16). So a derivative whose
 * (weighted) error is {@value #GAMMA} times the widened tolerance or more is caught with
 * probability above 1 − 1e-9; smaller errors may pass, as errors below the tolerance pass in FULL
 * mode. (Real mistakes are far larger: a factor of 2, a sign or a transpose is an error of the
 * order of the derivative itself, about 1/rtol = 1e5 times the default tolerance.)
 *
 * <p><b>Why k = {@value #PROBES}.</b> The count trades the multiple of the tolerance at which the
 * guarantee holds against cost: √(2/π)/γ to the power k below 1e-9 takes γ ≥ 16 for k = 7,
 * γ ≥ 26 for k = 6, γ ≥ 51 for k = 5, γ ≥ 142 for k = 4 (and at γ = {@value #GAMMA} the pairs of
 * a bilinear form need {@value #BILINEAR_PROBES}). A Kronecker-form or jvp check applies the
 * user's derivative once a direction as well, which for F(X) = AXB costs about as much as F; five
 * directions keep such a check within 20 evaluations' time (2k + 4 evaluations of F and k
 * applications).
 */
final class Probes {

    /** Probes of a gradient or of J·vec(V) (normal errors): 0.0133⁵ ≈ 4.2e-10. */
    static final int PROBES = 5;
    /** Probes of a bilinear form ⟨U, J V⟩ (a vjp, a Hessian without gradient): 0.0553⁸ ≈ 8.7e-11. */
    static final int BILINEAR_PROBES = 8;
    /** The guarantee holds for an error at least this many times the widened probe tolerance. */
    static final int GAMMA = 60;
    /** The truncation error of a cheap probe, in units of the first probe's. */
    static final double TRUNCATION_SAFETY = 10.0;
    /** Noise standard deviations allowed in a difference quotient, as in FULL mode. */
    static final double NOISE_SIGMAS = CentralDifference.NOISE_SIGMAS;
    /**
     * The first probe's step is in the asymptotic regime when the truncation estimate |D(h) −
     * D(2h)|/3 is within this fraction of the derivative (beyond its noise).
     */
    static final double ASYMPTOTIC = 0.01;
    /** A quick recheck settles a probe that fails by this many times its tolerance. */
    static final double QUICK_MARGIN = 100.0;
    private static final double EPS = Math.ulp(1.0);

    /** How probes compare. */
    enum Kind {
        /** ⟨G, V⟩ for a scalar f. */
        GRADIENT,
        /** J·vec(V), entry by entry. */
        VECTOR,
        /** ⟨U, J V⟩ (a vjp among the derivatives). */
        BILINEAR,
        /** vec(U)ᵀ H vec(V) against second differences (a Hessian without a gradient). */
        SECOND
    }

    /**
     * One probe: the analytic values and the reference's estimates (one entry for a scalar
     * probe, F's entries for a vector one).
     */
    record Probe(int index, double[] analytic, ColumnEstimate reference, boolean rechecked, double transposed) {

        int size() {
            return analytic.length;
        }

        double distance(int i) {
            return reference.distance(i, analytic[i]);
        }

        double magnitude(int i) {
            return reference.magnitude(i);
        }

        double error(int i) {
            return reference.error[i];
        }

        double value(int i) {
            return reference.value[i];
        }
    }

    /** The probes of one reference, judged. */
    record Outcome(Against against, Kind kind, List<Probe> probes, double rtol, double atol, double scale,
                   List<Probe> failed, boolean resolved, int free, List<String> inputs, int outputRows,
                   String note) {

        double tolerance(Probe p, int i) {
            return p.error(i) + atol + rtol * scale;
        }

        boolean fails(Probe p, int i) {
            return p.distance(i) > tolerance(p, i);
        }

        boolean fails(Probe p) {
            for (int i = 0; i < p.size(); i++) {
                if (fails(p, i)) {
                    return true;
                }
            }
            return false;
        }

        /** The entry of a probe furthest outside its tolerance. */
        int worstEntry(Probe p) {
            int worst = 0;
            double ratio = -1;
            for (int i = 0; i < p.size(); i++) {
                double r = p.distance(i) / Math.max(tolerance(p, i), Double.MIN_VALUE);
                if (r > ratio) {
                    ratio = r;
                    worst = i;
                }
            }
            return worst;
        }

        boolean passed() {
            return failed.isEmpty() && resolved;
        }

        /** The outcome as a pass: one direction disagreed, and the further ones all agreed. */
        Outcome passedWith(String why) {
            return new Outcome(against, kind, probes, rtol, atol, scale, List.of(), resolved, free, inputs,
                    outputRows, why);
        }
    }

    private final Guard guard;
    private final CheckSpec spec;
    private final Options options;
    private final double[] f0;
    private final List<Analytic> analytics;
    private final Kind kind;
    private final SplittableRandom random;
    private Calibration calibration;

    Probes(Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        this.guard = guard;
        this.spec = spec;
        this.options = spec.options();
        this.f0 = f0;
        this.analytics = analytics;
        if (analytics.get(0).ofScalar) {
            kind = Kind.SECOND;
        } else if (spec.isScalar()) {
            kind = Kind.GRADIENT;
        } else if (analytics.stream().anyMatch(Analytic::byRows)) {
            kind = Kind.BILINEAR;
        } else {
            kind = Kind.VECTOR;
        }
        this.random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
    }

    /** The number of probes: fewer where the error is a normal variable. */
    int count() {
        return kind == Kind.BILINEAR || kind == Kind.SECOND ? BILINEAR_PROBES : PROBES;
    }

    /** Entries of a probe: F's for a vector probe, one otherwise. */
    private int width() {
        return kind == Kind.VECTOR ? f0.length : 1;
    }

    // --------------------------------------------------------------------------------- directions

    /** One probe's directions: U (vec order, and as a matrix) when a bilinear form needs it, and V per input. */
    private record Direction(double[] u, DMatrixRMaj uMatrix, List<DMatrixRMaj> v) {
    }

    private Direction draw() {
        double[] u = null;
        DMatrixRMaj uMatrix = null;
        if (kind == Kind.SECOND) {
            uMatrix = gaussian(analytics.get(0));
            u = new double[uMatrix.getNumElements()];
            VecLayout.vecInto(uMatrix, u);
        } else if (kind == Kind.BILINEAR) {
            int m = f0.length;
            u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = random.nextGaussian();
            }
            uMatrix = new DMatrixRMaj(guard.outputRows(), guard.outputCols());
            VecLayout.unvecInto(u, uMatrix);
        }
        List<DMatrixRMaj> v = new ArrayList<>();
        for (Analytic a : analytics) {
            v.add(gaussian(a));
        }
        return new Direction(u, uMatrix, v);
    }

    /** Σ zₖ sₖ Bₖ over the coordinates of an input, zₖ standard normal, sₖ = max(|xₖ|, RMS). */
    private DMatrixRMaj gaussian(Analytic a) {
        DMatrixRMaj x = guard.pristine(a.input);
        Coordinates c = a.coordinates;
        double rms = Run.typicalScale(x);
        DMatrixRMaj v = new DMatrixRMaj(c.rows(), c.cols());
        for (int k = 0; k < c.size(); k++) {
            double z = random.nextGaussian() * Math.max(Math.abs(x.data[c.dataIndex(k)]), rms);
            v.data[c.dataIndex(k)] = z;
            if (c.pairedIndex(k) >= 0) {
                v.data[c.pairedIndex(k)] = z;
            }
        }
        return v;
    }

    /** The user's side of a probe: ⟨G, V⟩, J·vec(V), ⟨U, J V⟩ or vec(U)ᵀ H vec(V). */
    private double[] analytic(Direction d) {
        double[] out = new double[width()];
        if (kind == Kind.VECTOR) {
            double[] term = new double[out.length];
            for (int i = 0; i < analytics.size(); i++) {
                analytics.get(i).along(d.v().get(i), term);
                for (int r = 0; r < out.length; r++) {
                    out[r] += term[r];
                }
            }
        } else if (kind == Kind.GRADIENT) {
            double[] term = new double[1];
            for (int i = 0; i < analytics.size(); i++) {
                analytics.get(i).along(d.v().get(i), term);
                out[0] += term[0];
            }
        } else {
            for (int i = 0; i < analytics.size(); i++) {
                out[0] += analytics.get(i).bilinear(d.u(), d.uMatrix(), d.v().get(i));
            }
        }
        return out;
    }

    /** The exact reference's side of a probe, from its Jacobians. */
    private ColumnEstimate exact(Direction d, Map<String, Operator> jacobians) {
        int m = f0.length;
        double[] jv = new double[m];
        double[] sum = new double[m];
        for (int i = 0; i < analytics.size(); i++) {
            Operator j = jacobians.get(analytics.get(i).input);
            double[] vecV = new double[j.cols()];
            VecLayout.vecInto(d.v().get(i), vecV);
            j.applyInto(vecV, jv);
            for (int r = 0; r < m; r++) {
                sum[r] += jv[r];
            }
        }
        ColumnEstimate e = new ColumnEstimate(width());
        if (kind == Kind.VECTOR) {
            for (int r = 0; r < m; r++) {
                e.setKnown(r, sum[r], 0.0);
            }
        } else if (kind == Kind.GRADIENT) {
            e.setKnown(0, sum[0], 0.0);
        } else {
            double projected = 0;
            for (int r = 0; r < m; r++) {
                projected += d.u()[r] * sum[r];
            }
            e.setKnown(0, projected, 0.0);
        }
        return e;
    }

    /** For the gradient of one square input: ⟨Gᵀ, V⟩, to recognise a transposed gradient; NaN otherwise. */
    private double transposed(Direction d) {
        if (kind != Kind.GRADIENT || analytics.size() != 1) {
            return Double.NaN;
        }
        DMatrixRMaj g = analytics.get(0).fixed();
        DMatrixRMaj v = d.v().get(0);
        if (g.numRows != g.numCols) {
            return Double.NaN;
        }
        double sum = 0;
        for (int r = 0; r < g.numRows; r++) {
            for (int c = 0; c < g.numCols; c++) {
                sum += g.unsafe_get(c, r) * v.unsafe_get(r, c);
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------------------- the probes

    /**
     * Runs the probes against the exact reference (when given) and finite differences (when they
     * are a reference).
     */
    List<Outcome> execute(Map<String, Operator> exactJacobians, boolean numeric) {
        int k = count();
        List<Probe> exact = new ArrayList<>();
        List<Probe> fd = new ArrayList<>();
        estimate(0, k, exactJacobians, numeric, exact, fd);
        Outcome numericOutcome = null;
        if (numeric) {
            numericOutcome = judge(numericAgainst(), fd, options.rtol(), true);
            if (numericOutcome.failed().size() == 1 && numericOutcome.failed().get(0).rechecked()) {
                Probe lone = numericOutcome.failed().get(0);
                int entry = numericOutcome.worstEntry(lone);
                estimate(k, 2 * k, exactJacobians, true, exact, fd);
                numericOutcome = judge(numericAgainst(), fd, options.rtol(), true);
                if (numericOutcome.failed().size() == 1) {
                    numericOutcome = numericOutcome.passedWith("1 of " + fd.size() + " directions disagreed with "
                            + numericAgainst().words + " (probe " + (lone.index() + 1) + ": analytic "
                            + Numbers.format(lone.analytic()[entry]) + ", numeric " + Numbers.format(lone.value(entry))
                            + " ± " + Numbers.brief(lone.error(entry)) + "), and the " + k + " more drawn then all "
                            + "agreed: f may have a kink near the point along it, or the error is too small to confirm");
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (exactJacobians != null) {
            outcomes.add(judge(Against.EXACT, exact, options.exactRtol(), false));
        }
        if (numericOutcome != null) {
            outcomes.add(numericOutcome);
        }
        return outcomes;
    }

    private Against numericAgainst() {
        return kind == Kind.SECOND ? Against.SECOND_DIFFERENCES : Against.FINITE_DIFFERENCES;
    }

    /** Draws probes {@code from} to {@code to} (exclusive) and estimates their references. */
    private void estimate(int from, int to, Map<String, Operator> exactJacobians, boolean numeric, List<Probe> exact,
                          List<Probe> fd) {
        for (int i = from; i < to; i++) {
            guard.restore(); // the derivatives are taken at the point, not where the last probe left X
            Direction d = draw();
            double[] a = analytic(d);
            double alt = transposed(d);
            if (exactJacobians != null) {
                exact.add(new Probe(i, a, exact(d, exactJacobians), true, alt));
            }
            if (!numeric) {
                continue;
            }
            if (kind == Kind.SECOND) {
                fd.add(new Probe(i, a, second(d), true, Double.NaN));
            } else if (calibration == null) {
                calibration = calibrate(d);
                fd.add(new Probe(i, a, calibration.first, calibration.rigorous, alt));
            } else {
                fd.add(new Probe(i, a, cheap(d), false, alt));
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
    private Outcome judge(Against against, List<Probe> probes, double rtol, boolean confirm) {
        double scale = scale(probes);
        double maxAnalytic = 0;
        for (Probe p : probes) {
            for (double v : p.analytic()) {
                maxAnalytic = Math.max(maxAnalytic, Math.abs(v));
            }
        }
        double judged = scale > 0 ? scale : maxAnalytic;
        List<Integer> suspects = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.rechecked()) {
                continue;
            }
            if (fails(p, rtol, scale)) {
                suspects.add(i);
            } else if (judged > 0 && maxError(p) > InputComparison.MAX_RESOLUTION * judged) {
                probes.set(i, recheck(p, rtol * judged + options.atol())); // passed only on a loose cheap bound
            }
        }
        scale = scale(probes);
        double bar = rtol * scale + options.atol();
        suspects.sort(Comparator.comparingDouble(i -> -excess(probes.get(i), bar)));
        int confirmed = 0;
        for (Probe p : probes) {
            if (p.rechecked() && fails(p, rtol, scale)) {
                confirmed++;
            }
        }
        for (int i : suspects) {
            if (confirmed >= (confirm ? 2 : 1)) {
                break;
            }
            Probe p = recheck(probes.get(i), bar);
            probes.set(i, p);
            scale = Math.max(scale, scale(List.of(p)));
            if (fails(p, rtol, scale)) {
                confirmed++;
            }
        }
        List<Probe> failed = new ArrayList<>();
        boolean resolved = true;
        judged = scale > 0 ? scale : maxAnalytic;
        for (Probe p : probes) {
            if (fails(p, rtol, scale)) {
                failed.add(p);
            }
            if (judged > 0 && maxError(p) > InputComparison.MAX_RESOLUTION * judged) {
                resolved = false;
            }
        }
        int free = 0;
        List<String> inputs = new ArrayList<>();
        for (Analytic a : analytics) {
            free += a.coordinates.size();
            inputs.add(a.input);
        }
        double finalBar = rtol * scale + options.atol();
        failed.sort(Comparator.comparingDouble(p -> -excess(p, finalBar)));
        return new Outcome(against, kind, List.copyOf(probes), rtol, options.atol(), scale, List.copyOf(failed),
                resolved, free, List.copyOf(inputs), guard.outputRows(), "");
    }

    private boolean fails(Probe p, double rtol, double scale) {
        for (int i = 0; i < p.size(); i++) {
            if (p.distance(i) > p.error(i) + options.atol() + rtol * scale) {
                return true;
            }
        }
        return false;
    }

    /** The largest distance of a probe's entries in units of their tolerance. */
    private static double excess(Probe p, double bar) {
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            worst = Math.max(worst, p.distance(i) / (p.error(i) + bar + Double.MIN_VALUE));
        }
        return worst;
    }

    private static double maxError(Probe p) {
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            worst = Math.max(worst, p.error(i));
        }
        return worst;
    }

    private static double scale(List<Probe> probes) {
        double scale = 0;
        for (Probe p : probes) {
            for (int i = 0; i < p.size(); i++) {
                scale = Math.max(scale, p.magnitude(i));
            }
        }
        return scale;
    }

    // ---------------------------------------------------------------------------------- the line

    /** t ↦ F(X + tV) (or ⟨U, F(X + tV)⟩, or f), moving every differentiated input along its part of V. */
    private final class ProbeLine implements Line {
        private final Direction direction;
        private final double[] out = new double[f0.length];

        ProbeLine(Direction direction) {
            this.direction = direction;
        }

        @Override
        public double evaluate(double t, double[] value) {
            move(t);
            if (kind == Kind.VECTOR) {
                guard.evaluate(value);
            } else {
                guard.evaluate(out);
                value[0] = project(out);
            }
            return t;
        }

        private void move(double t) {
            for (int i = 0; i < analytics.size(); i++) {
                Watched w = guard.input(analytics.get(i).input);
                DMatrixRMaj x = guard.pristine(w.name);
                DMatrixRMaj v = direction.v().get(i);
                int n = x.getNumElements();
                for (int e = 0; e < n; e++) {
                    if (v.data[e] != 0) {
                        w.set(e, x.data[e] + t * v.data[e]);
                    }
                }
            }
        }

        /** ⟨U, values⟩, or the value itself for a scalar f. */
        double project(double[] values) {
            if (direction.u() == null) {
                return values[0];
            }
            double sum = 0;
            for (int r = 0; r < values.length; r++) {
                sum += direction.u()[r] * values[r];
            }
            return sum;
        }

        /** F(X₀) as this line sees it at t = 0. */
        double[] atZero() {
            return kind == Kind.VECTOR ? f0.clone() : new double[] {project(f0)};
        }

        /** The size rounding is relative to, per entry of the line's values. */
        double[] sizes() {
            if (kind == Kind.VECTOR || direction.u() == null) {
                double[] s = new double[width()];
                for (int r = 0; r < s.length; r++) {
                    s[r] = Math.abs(f0[r]);
                }
                return s;
            }
            double sum = 0;
            for (int r = 0; r < f0.length; r++) {
                sum += Math.abs(direction.u()[r] * f0[r]);
            }
            return new double[] {sum};
        }
    }

    // ---------------------------------------------------------------------------------- estimates

    /**
     * The first probe's estimate and what it measured for the others: the step, and the error
     * bound of a central difference at that step along a random direction.
     */
    private record Calibration(ColumnEstimate first, boolean rigorous, double step, double error, double sigma) {
    }

    /**
     * The first probe: values at ±h and ±2h give Richardson's estimate with its truncation error,
     * and the noise (the fourth difference of five equally
     * spaced values is O(h⁴) for a smooth function and about √70·σ for noise σ). When the noise is
     * well above rounding, the step is chosen again from it; when the step is not in the
     * asymptotic regime (f too curved or kinked along the line), the probe is estimated
     * rigorously.
     */
    private Calibration calibrate(Direction d) {
        ProbeLine line = new ProbeLine(d);
        int m = width();
        double[] zero = line.atZero();
        double[] size = line.sizes();
        double maxSize = 0;
        for (double s : size) {
            maxSize = Math.max(maxSize, s);
        }
        double[] p1 = new double[m];
        double[] m1 = new double[m];
        double[] p2 = new double[m];
        double[] m2 = new double[m];
        double h = Math.cbrt(EPS);
        for (int pass = 0; pass < 2; pass++) {
            guard.where(() -> "near the point, along a random direction");
            line.evaluate(h, p1);
            line.evaluate(-h, m1);
            line.evaluate(2 * h, p2);
            line.evaluate(-2 * h, m2);
            boolean finite = true;
            double sigma = 0;
            double relative = EPS;
            for (int i = 0; i < m; i++) {
                finite &= Double.isFinite(p1[i]) && Double.isFinite(m1[i]) && Double.isFinite(p2[i])
                        && Double.isFinite(m2[i]);
                double fourth = Math.abs(m2[i] - 4 * m1[i] + 6 * zero[i] - 4 * p1[i] + p2[i]);
                double s = Math.max(fourth / Math.sqrt(70), 2 * EPS * size[i]);
                sigma = Math.max(sigma, s);
                if (maxSize > 0) {
                    relative = Math.max(relative, s / maxSize);
                }
            }
            if (!finite) {
                break;
            }
            double step = Math.cbrt(Math.min(Run.MAX_RELATIVE_NOISE, relative));
            if (pass == 0 && step > 4 * h) {
                h = step; // noisy: measure again at the step the noise calls for
                continue;
            }
            ColumnEstimate first = new ColumnEstimate(m);
            boolean asymptotic = true;
            double worstTruncation = 0;
            for (int i = 0; i < m; i++) {
                double d1 = (p1[i] - m1[i]) / (2 * h);
                double d2 = (p2[i] - m2[i]) / (4 * h);
                double truncation = Math.abs(d1 - d2) / 3;
                double noise = NOISE_SIGMAS * sigma / h;
                asymptotic &= truncation <= ASYMPTOTIC * Math.max(Math.abs(d1), Math.abs(d2)) + noise;
                worstTruncation = Math.max(worstTruncation, truncation);
                first.setKnown(i, d1 + (d1 - d2) / 3, truncation + noise);
            }
            if (!asymptotic) {
                break; // the step is too large for f's curvature (or kinks) along this line
            }
            return new Calibration(first, false, h, TRUNCATION_SAFETY * worstTruncation + NOISE_SIGMAS * sigma / h,
                    sigma);
        }
        // f is not finite near the point along this direction, or too curved or kinked for the
        // first step: estimate it rigorously, and the others at the step that settled, with the
        // error found there (every cheap probe that then fails, or cannot judge, is estimated
        // rigorously too)
        Rigorous r = rigorous(line);
        double step = h;
        double worst = 0;
        for (int i = 0; i < m; i++) {
            worst = Math.max(worst, r.estimate.error[i]);
            if (Double.isFinite(r.estimate.step[i])) {
                step = Math.min(step, r.estimate.step[i]);
            }
        }
        return new Calibration(r.estimate, true, step, TRUNCATION_SAFETY * worst + NOISE_SIGMAS * r.sigma / step,
                r.sigma);
    }

    /** A probe at ±h only, its error bounded from the first probe's measurements. */
    private ColumnEstimate cheap(Direction d) {
        ProbeLine line = new ProbeLine(d);
        int m = width();
        double[] plus = new double[m];
        double[] minus = new double[m];
        double h = calibration.step();
        guard.where(() -> "near the point, along a random direction");
        line.evaluate(h, plus);
        line.evaluate(-h, minus);
        ColumnEstimate e = new ColumnEstimate(m);
        for (int i = 0; i < m; i++) {
            double value = (plus[i] - minus[i]) / (2 * h);
            boolean finite = Double.isFinite(value);
            e.setKnown(i, finite ? value : 0.0, finite ? calibration.error() : Double.POSITIVE_INFINITY);
        }
        return e;
    }

    /**
     * Estimates a probe again along the same direction (drawn again from its index): first by
     * adaptive central differences with the noise the first probe measured, which decides when the
     * probe then passes or fails by a wide margin ({@value #QUICK_MARGIN} times its tolerance); in
     * between, with the noise measured along this line too.
     */
    private Probe recheck(Probe p, double bar) {
        Direction d = directionOf(p.index());
        ProbeLine line = new ProbeLine(d);
        if (calibration != null) {
            ColumnEstimate quick = adaptive(line, calibration.sigma(), false);
            Probe q = new Probe(p.index(), p.analytic(), quick, true, p.transposed());
            boolean clear = true;
            for (int i = 0; i < q.size(); i++) {
                double tolerance = q.error(i) + bar;
                clear &= q.distance(i) <= tolerance || q.distance(i) > QUICK_MARGIN * tolerance;
            }
            if (clear) {
                guard.restore();
                return q;
            }
        }
        Rigorous r = rigorous(line);
        guard.restore();
        return new Probe(p.index(), p.analytic(), r.estimate, true, p.transposed());
    }

    private Direction directionOf(int index) {
        // directions are drawn in order from one seed: draw them again up to this one (cheaper
        // than keeping k directions of the input's size)
        Probes replay = new Probes(guard, spec, f0, analytics);
        Direction d = null;
        for (int i = 0; i <= index; i++) {
            d = replay.draw();
        }
        return d;
    }

    /** A rigorous estimate and the noise measured for it. */
    private record Rigorous(ColumnEstimate estimate, double sigma) {
    }

    /**
     * FULL mode's estimate along one probe's line: the noise measured along it, then adaptive
     * central differences with kink detection (about 50 evaluations).
     */
    private Rigorous rigorous(ProbeLine line) {
        guard.where(() -> "near the point, along a random direction (estimated rigorously)");
        int m = width();
        double[] zero = line.atZero();
        double[] size = line.sizes();
        NoiseEstimator.Result noise = NoiseEstimator.estimate(line, zero, false);
        double[] sigma = new double[m];
        double maxSigma = 0;
        double relative = EPS;
        boolean blind = true;
        for (int i = 0; i < m; i++) {
            sigma[i] = Math.max(noise.noise()[i], 2 * EPS * size[i]);
            maxSigma = Math.max(maxSigma, sigma[i]);
            if (size[i] > 0) {
                relative = Math.max(relative, sigma[i] / size[i]);
            }
            blind &= noise.blind()[i];
        }
        return new Rigorous(adaptive(line, zero, sigma, relative, blind), maxSigma);
    }

    /** Adaptive central differences along a line, with the noise σ (the same for every entry). */
    private ColumnEstimate adaptive(ProbeLine line, double sigma, boolean blind) {
        double[] zero = line.atZero();
        double[] size = line.sizes();
        double[] noise = new double[zero.length];
        double relative = EPS;
        for (int i = 0; i < zero.length; i++) {
            noise[i] = Math.max(sigma, 2 * EPS * size[i]);
            if (size[i] > 0) {
                relative = Math.max(relative, noise[i] / size[i]);
            }
        }
        guard.where(() -> "near the point, along a random direction (estimated again)");
        return adaptive(line, zero, noise, relative, blind);
    }

    private ColumnEstimate adaptive(ProbeLine line, double[] zero, double[] sigma, double relative, boolean blind) {
        int m = zero.length;
        double h = Math.cbrt(Math.min(Run.MAX_RELATIVE_NOISE, relative));
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate e = new ColumnEstimate(m);
        differences.estimate(line, h, h * 1e-9, 1.0, zero, sigma, blind, e);
        for (int i = 0; i < m; i++) {
            if (e.kind(i) == EntryKind.UNDEFINED) {
                throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                        Report.headline(spec.functionName() + " is not finite near the point: NaN or infinite at "
                                        + "every step along a random direction (the point is on the boundary of "
                                        + spec.functionName() + "'s domain)")
                                .fact("status", Status.NON_FINITE.name())
                                .fact("function", spec.functionName())
                                .fact("along", "a random direction of FAST mode"), null);
            }
        }
        return e;
    }

    /** A Hessian of a scalar f without a gradient: vec(U)ᵀ H vec(V) against second differences. */
    private ColumnEstimate second(Direction d) {
        Analytic a = analytics.get(0);
        Watched w = guard.input(a.input);
        DMatrixRMaj x = guard.pristine(a.input);
        DMatrixRMaj u = d.uMatrix();
        DMatrixRMaj v = d.v().get(0);
        double[] out = new double[1];
        SecondDifference.Plane plane = (s, t) -> {
            for (int e = 0; e < x.getNumElements(); e++) {
                if (u.data[e] != 0 || v.data[e] != 0) {
                    w.set(e, x.data[e] + s * u.data[e] + t * v.data[e]);
                }
            }
            guard.evaluate(out);
            return out[0];
        };
        guard.where(() -> "near the point, along two random directions");
        double step = 4 * Math.pow(EPS, 1.0 / 6);
        SecondDifference.Estimate e = SecondDifference.estimate(plane, false, step, step, f0[0],
                2 * EPS * Math.abs(f0[0]));
        guard.restore();
        if (!e.defined()) {
            throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                    Report.headline("f is not finite near the point: NaN or infinite at every step along two random "
                                    + "directions")
                            .fact("status", Status.NON_FINITE.name())
                            .fact("function", "f"), null);
        }
        ColumnEstimate c = new ColumnEstimate(1);
        c.setKnown(0, e.value(), e.error());
        return c;
    }
}
