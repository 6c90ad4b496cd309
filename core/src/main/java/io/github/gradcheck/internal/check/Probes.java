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
 * non-negative entries (one popular checker's fast mode) sees only the sum of the errors, which
 * can cancel. For a scalar f the probe compares ⟨G, V⟩ with the central difference of f along V;
 * for a matrix map it also draws U, a standard normal of F's shape, and compares ⟨U, J V⟩
 * (through the jvp, the vjp as ⟨vjp(U), V⟩, the dense Jacobian or the Kronecker form) with the
 * central difference of t ↦ ⟨U, F(X + tV)⟩.
 *
 * <p><b>Cost.</b> f at the point twice (finite, deterministic); the first probe at ±h and ±2h
 * (Richardson's estimate, the truncation error T of a central difference along a random
 * direction, and the noise σ from the fourth difference of the five values); every other probe
 * at ±h only, its error bounded by {@value #TRUNCATION_SAFETY}·T plus
 * {@value #NOISE_SIGMAS}·σ/h. That is 2k + 4 evaluations (2k + 8 when the noise calls for a
 * larger step). A probe that fails against that bound is estimated again rigorously (the
 * adaptive central differences of FULL mode, with kink detection) before it counts: a cheap bound
 * may cry wolf, never pass a wrong derivative, because the rigorous estimate decides every
 * failure.
 *
 * <p><b>Why a wrong derivative slips through with probability below 1e-9.</b> Let E = J_analytic −
 * J and τ the tolerance of a probe (its finite-difference error bound, plus atol, plus rtol times
 * the derivative's scale). For a gradient, ⟨E, V⟩ = Σ zₖ sₖ eₖ is normal with standard deviation
 * σ_E = ‖(sₖ eₖ)‖₂, and a normal variable falls within ±τ of zero with probability at most
 * √(2/π)·τ/σ_E (its density never exceeds 1/(σ_E√(2π))). If σ_E ≥ {@value #GAMMA}·τ, one probe
 * misses with probability at most √(2/π)/10 ≈ 0.080, and all {@value #GRADIENT_PROBES}
 * independent probes miss with probability at most 0.080⁹ ≈ 1.3e-10. For a matrix map,
 * ⟨U, E V⟩ = Σᵢ σᵢ aᵢ bᵢ with independent standard normals aᵢ, bᵢ (σᵢ the singular values of the
 * weighted E); given b it is normal with standard deviation at least σ₁|b₁|, so it misses at most
 * as often as σ₁·a·b does for two standard normals a, b: P(|ab| ≤ t) = (2/π)∫₀ᵗ K₀ ≤
 * (2/π)·t·(ln(2/t) + 1 − γ) ≈ 0.218 for t = 1/{@value #GAMMA}, and all {@value #BILINEAR_PROBES}
 * probes miss with probability at most 0.218¹⁴ ≈ 5.5e-10. So a derivative whose (weighted) error
 * is {@value #GAMMA} times the tolerance or more is caught with probability above 1 − 1e-9;
 * smaller errors may pass, as errors below the tolerance pass in FULL mode.
 */
final class Probes {

    /** Probes for a gradient (a scalar f): 0.080⁹ < 1e-9. */
    static final int GRADIENT_PROBES = 9;
    /** Probes for a matrix map or a Hessian (a bilinear form): 0.218¹⁴ < 1e-9. */
    static final int BILINEAR_PROBES = 14;
    /** The guarantee holds for an error at least this many times the probe tolerance. */
    static final int GAMMA = 10;
    /** The truncation error of a cheap probe, in units of the first probe's. */
    static final double TRUNCATION_SAFETY = 10.0;
    /** Noise standard deviations allowed in a difference quotient. */
    static final double NOISE_SIGMAS = 6.0;
    /**
     * The first probe's step is in the asymptotic regime when the truncation estimate |D(h) −
     * D(2h)|/3 is within this fraction of the derivative (beyond its noise).
     */
    static final double ASYMPTOTIC = 0.01;
    private static final double EPS = Math.ulp(1.0);

    /** One probe: the analytic value and the reference's, with the reference's error. */
    record Probe(int index, double analytic, double reference, double error, EntryKind kind, double low,
                 double high, boolean rechecked, double transposed) {

        /** How far the analytic value is from what the reference allows (before tolerances). */
        double distance() {
            if (kind == EntryKind.SMOOTH) {
                return Math.abs(analytic - reference);
            }
            return analytic < low ? low - analytic : analytic > high ? analytic - high : 0.0;
        }

        double magnitude() {
            return kind == EntryKind.SMOOTH ? Math.abs(reference) : Math.max(Math.abs(low), Math.abs(high));
        }
    }

    /** The probes of one reference, judged. */
    record Outcome(Against against, List<Probe> probes, double rtol, double atol, double scale,
                   List<Probe> failed, boolean resolved, int free, boolean bilinear, List<String> inputs,
                   int confirmed, String note) {

        double tolerance(Probe p) {
            return p.error() + atol + rtol * scale;
        }

        boolean passed() {
            return failed.isEmpty() && resolved;
        }

        /** The outcome as a pass: one direction disagreed, and the further ones all agreed. */
        Outcome passedWith(String why) {
            return new Outcome(against, probes, rtol, atol, scale, List.of(), resolved, free, bilinear, inputs,
                    confirmed, why);
        }
    }

    private final Run run;
    private final Guard guard;
    private final CheckSpec spec;
    private final Options options;
    private final double[] f0;
    private final List<Analytic> analytics;
    private final boolean scalar;
    private final SplittableRandom random;

    Probes(Run run, Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        this.run = run;
        this.guard = guard;
        this.spec = spec;
        this.options = spec.options();
        this.f0 = f0;
        this.analytics = analytics;
        this.scalar = spec.isScalar() && analytics.stream().noneMatch(a -> a.ofScalar);
        this.random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
    }

    /** The number of probes: fewer for a gradient, whose error is a normal variable. */
    int count() {
        return scalar ? GRADIENT_PROBES : BILINEAR_PROBES;
    }

    /** One probe's directions: U (vec order, and as a matrix) and V per input. */
    private record Direction(double[] u, DMatrixRMaj uMatrix, List<DMatrixRMaj> v) {
    }

    private Direction draw() {
        double[] u = null;
        DMatrixRMaj uMatrix = null;
        boolean hessian = analytics.get(0).ofScalar;
        if (hessian) {
            uMatrix = gaussian(analytics.get(0));
        } else if (!scalar || guard.outputRows() * guard.outputCols() > 1) {
            int m = guard.outputRows() * guard.outputCols();
            u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = random.nextGaussian();
            }
            uMatrix = new DMatrixRMaj(guard.outputRows(), guard.outputCols());
            VecLayout.unvecInto(u, uMatrix);
        } else {
            u = new double[] {1.0};
            uMatrix = new DMatrixRMaj(1, 1);
            uMatrix.set(0, 0, 1.0);
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

    /** ⟨U, J V⟩ by the user's derivatives, summed over the inputs. */
    private double analytic(Direction d) {
        double sum = 0;
        for (int i = 0; i < analytics.size(); i++) {
            sum += analytics.get(i).probe(d.u(), d.uMatrix(), d.v().get(i));
        }
        return sum;
    }

    /** ⟨U, J V⟩ by the exact reference's Jacobians. */
    private double exact(Direction d, Map<String, Operator> jacobians) {
        double sum = 0;
        int m = f0.length;
        double[] jv = new double[m];
        for (int i = 0; i < analytics.size(); i++) {
            Operator j = jacobians.get(analytics.get(i).input);
            double[] vecV = new double[j.cols()];
            VecLayout.vecInto(d.v().get(i), vecV);
            j.applyInto(vecV, jv);
            for (int r = 0; r < m; r++) {
                sum += d.u()[r] * jv[r];
            }
        }
        return sum;
    }

    /** For a gradient of a square input: ⟨Gᵀ, V⟩, to recognise a transposed gradient; NaN otherwise. */
    private double transposed(Direction d) {
        if (!scalar || analytics.size() != 1 || !analytics.get(0).isGradient()) {
            return Double.NaN;
        }
        Analytic a = analytics.get(0);
        DMatrixRMaj g = a.fixed();
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

    /**
     * Runs the probes against the exact reference (when given) and finite differences (when they
     * are a reference). A mismatch against finite differences needs two directions that disagree,
     * each confirmed by a rigorous estimate: one alone may have crossed a kink of f near the point.
     * When exactly one disagrees, as many probes again are drawn; if none of them disagrees the
     * check passes with a note. (The slip probability stays below 1e-9: to slip, a wrong derivative
     * must fail at most one of the first k probes and none of the next k, p^k + k·p^(k−1)·p^k.)
     */
    List<Outcome> execute(Map<String, Operator> exactJacobians, boolean numeric) {
        int k = count();
        List<Probe> exact = new ArrayList<>();
        List<Probe> fd = new ArrayList<>();
        estimate(0, k, exactJacobians, numeric, exact, fd);
        List<Outcome> outcomes = new ArrayList<>();
        Outcome numericOutcome = null;
        if (numeric) {
            numericOutcome = judge(numericAgainst(), fd, options.rtol(), true, "");
            if (numericOutcome.confirmed() == 1 && numericOutcome.failed().size() == 1) {
                Probe lone = numericOutcome.failed().get(0);
                estimate(k, 2 * k, exactJacobians, true, exact, fd);
                numericOutcome = judge(numericAgainst(), fd, options.rtol(), true, "");
                if (numericOutcome.failed().size() == 1) {
                    String note = "1 of " + fd.size() + " directions disagreed with " + numericAgainst().words
                            + " (probe " + (lone.index() + 1) + ": analytic " + Numbers.format(lone.analytic())
                            + ", numeric " + Numbers.format(lone.reference()) + " ± " + Numbers.brief(lone.error())
                            + "), and the " + k + " more drawn then all agreed: f may have a kink near the point "
                            + "along it, or the error is too small to confirm";
                    numericOutcome = numericOutcome.passedWith(note);
                }
            }
        }
        if (exactJacobians != null) {
            outcomes.add(judge(Against.EXACT, exact, options.exactRtol(), false, ""));
        }
        if (numericOutcome != null) {
            outcomes.add(numericOutcome);
        }
        return outcomes;
    }

    private Against numericAgainst() {
        return analytics.get(0).ofScalar ? Against.SECOND_DIFFERENCES : Against.FINITE_DIFFERENCES;
    }

    /** The first probe's measurements, once taken. */
    private Calibration calibration;

    /** Draws probes {@code from} to {@code to} (exclusive) and estimates their references. */
    private void estimate(int from, int to, Map<String, Operator> exactJacobians, boolean numeric, List<Probe> exact,
                          List<Probe> fd) {
        boolean hessian = analytics.get(0).ofScalar;
        for (int i = from; i < to; i++) {
            guard.restore(); // the derivatives are taken at the point, not where the last probe left X
            Direction d = draw();
            double a = analytic(d);
            double alt = transposed(d);
            if (exactJacobians != null) {
                exact.add(new Probe(i, a, exact(d, exactJacobians), 0.0, EntryKind.SMOOTH, Double.NaN, Double.NaN,
                        true, alt));
            }
            if (!numeric) {
                continue;
            }
            if (hessian) {
                fd.add(second(i, d, a));
            } else if (calibration == null) {
                calibration = calibrate(d);
                fd.add(calibration.probe(i, a, alt));
            } else {
                fd.add(cheap(i, d, a, alt, calibration));
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
    private Outcome judge(Against against, List<Probe> probes, double rtol, boolean confirm, String note) {
        double scale = 0;
        double maxAnalytic = 0;
        for (Probe p : probes) {
            scale = Math.max(scale, p.magnitude());
            maxAnalytic = Math.max(maxAnalytic, Math.abs(p.analytic()));
        }
        List<Integer> suspects = new ArrayList<>();
        List<Integer> uncertain = new ArrayList<>();
        double judgedScale = scale > 0 ? scale : maxAnalytic;
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.rechecked()) {
                continue;
            }
            if (p.distance() > p.error() + options.atol() + rtol * scale) {
                suspects.add(i);
            } else if (judgedScale > 0 && p.error() > InputComparison.MAX_RESOLUTION * judgedScale) {
                uncertain.add(i); // passed only because its cheap bound is loose: estimate it properly
            }
        }
        for (int i : uncertain) {
            Probe p = recheck(probes.get(i));
            probes.set(i, p);
            scale = Math.max(scale, p.magnitude());
        }
        double bar = rtol * scale + options.atol();
        suspects.sort(java.util.Comparator.comparingDouble(i -> -probes.get(i).distance()
                / (probes.get(i).error() + bar + Double.MIN_VALUE)));
        int confirmed = 0;
        for (Probe p : probes) {
            if (p.rechecked() && p.distance() > p.error() + options.atol() + rtol * scale) {
                confirmed++;
            }
        }
        for (int i : suspects) {
            if (confirmed >= (confirm ? 2 : 1)) {
                break;
            }
            Probe p = recheck(probes.get(i));
            probes.set(i, p);
            scale = Math.max(scale, p.magnitude());
            if (p.distance() > p.error() + options.atol() + rtol * scale) {
                confirmed++;
            }
        }
        List<Probe> failed = new ArrayList<>();
        boolean resolved = true;
        double judged = scale > 0 ? scale : maxAnalytic;
        for (Probe p : probes) {
            if (p.distance() > p.error() + options.atol() + rtol * scale) {
                failed.add(p);
            }
            if (judged > 0 && p.error() > InputComparison.MAX_RESOLUTION * judged) {
                resolved = false;
            }
        }
        int free = 0;
        List<String> inputs = new ArrayList<>();
        for (Analytic a : analytics) {
            free += a.coordinates.size();
            inputs.add(a.input);
        }
        failed.sort(java.util.Comparator.comparingDouble(p -> -p.distance()));
        return new Outcome(against, List.copyOf(probes), rtol, options.atol(), scale, List.copyOf(failed), resolved,
                free, !scalar, List.copyOf(inputs), confirmed, note);
    }

    // ---------------------------------------------------------------------------------- the line

    /** t ↦ ⟨U, F(X + tV)⟩ (or f(X + tV)), moving every differentiated input along its part of V. */
    private final class ProbeLine implements Line {
        private final Direction direction;
        private final double[] out = new double[f0.length];

        ProbeLine(Direction direction) {
            this.direction = direction;
        }

        @Override
        public double evaluate(double t, double[] value) {
            value[0] = at(t);
            return t;
        }

        double at(double t) {
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
            guard.evaluate(out);
            return project(out);
        }

        double project(double[] values) {
            double sum = 0;
            for (int r = 0; r < values.length; r++) {
                sum += direction.u()[r] * values[r];
            }
            return sum;
        }

        /** Σ |Uⱼ|·|Fⱼ|: the size rounding in the projection is relative to. */
        double magnitude(double[] values) {
            double sum = 0;
            for (int r = 0; r < values.length; r++) {
                sum += Math.abs(direction.u()[r] * values[r]);
            }
            return sum;
        }
    }

    // ---------------------------------------------------------------------------- estimates

    /** The first probe's measurements: its step, the truncation error and the noise along it. */
    private final class Calibration {
        final ProbeLine line;
        final double h;
        final double truncation;
        final double sigma;
        final double value;
        final double error;

        Calibration(ProbeLine line, double h, double truncation, double sigma, double value, double error) {
            this.line = line;
            this.h = h;
            this.truncation = truncation;
            this.sigma = sigma;
            this.value = value;
            this.error = error;
        }

        Probe probe(int index, double analytic, double alt) {
            return new Probe(index, analytic, value, error, EntryKind.SMOOTH, Double.NaN, Double.NaN, false, alt);
        }
    }

    /**
     * The first probe: values at ±h and ±2h give Richardson's estimate, the truncation error of
     * a central difference (|D(h) − D(2h)|/3) and, with the value at the point, the noise (the
     * fourth difference of five equally spaced values is O(h⁴) for a smooth function and
     * √70·σ for noise σ). When the noise is well above rounding, the step is chosen again from it.
     */
    private Calibration calibrate(Direction d) {
        ProbeLine line = new ProbeLine(d);
        double phi0 = line.project(f0);
        double size = line.magnitude(f0);
        double h = Math.cbrt(EPS);
        for (int pass = 0; pass < 2; pass++) {
            guard.where(() -> "near the point, along a random direction");
            double p1 = line.at(h);
            double m1 = line.at(-h);
            double p2 = line.at(2 * h);
            double m2 = line.at(-2 * h);
            if (!(Double.isFinite(p1) && Double.isFinite(m1) && Double.isFinite(p2) && Double.isFinite(m2))) {
                break;
            }
            double d1 = (p1 - m1) / (2 * h);
            double d2 = (p2 - m2) / (4 * h);
            double truncation = Math.abs(d1 - d2) / 3;
            double fourth = Math.abs(m2 - 4 * m1 + 6 * phi0 - 4 * p1 + p2);
            double sigma = Math.max(fourth / Math.sqrt(70), 2 * EPS * size);
            double relative = size > 0 ? sigma / size : EPS;
            double step = Math.cbrt(Math.min(Run.MAX_RELATIVE_NOISE, Math.max(EPS, relative)));
            if (pass == 0 && step > 4 * h) {
                h = step; // noisy: measure again at the step the noise calls for
                continue;
            }
            if (truncation > ASYMPTOTIC * Math.max(Math.abs(d1), Math.abs(d2)) + NOISE_SIGMAS * sigma / h) {
                break; // the step is too large for f's curvature (or kinks) along this line
            }
            double value = d1 + (d1 - d2) / 3;
            return new Calibration(line, h, truncation, sigma, value, truncation + NOISE_SIGMAS * sigma / h);
        }
        // f is not finite near the point along this direction, or too curved or kinked for the
        // first step: estimate rigorously, and probe the others at the step that settled
        ColumnEstimate e = rigorous(line, phi0);
        double step = Double.isFinite(e.step[0]) ? e.step[0] : h;
        return new Calibration(line, step, e.error[0], lastNoise, e.value[0], e.error[0]);
    }

    /** The noise measured on the last rigorous estimate's line. */
    private double lastNoise;

    /** A probe at ±h only, its error bounded from the first probe's measurements. */
    private Probe cheap(int index, Direction d, double analytic, double alt, Calibration c) {
        ProbeLine line = new ProbeLine(d);
        guard.where(() -> "near the point, along a random direction");
        double p = line.at(c.h);
        double m = line.at(-c.h);
        double size = Math.max(line.magnitude(f0), c.sigma / (2 * EPS));
        double error = TRUNCATION_SAFETY * c.truncation + NOISE_SIGMAS * Math.max(c.sigma, 2 * EPS * size) / c.h;
        if (!Double.isFinite(p) || !Double.isFinite(m)) {
            return recheck(new Probe(index, analytic, Double.NaN, Double.POSITIVE_INFINITY, EntryKind.SMOOTH,
                    Double.NaN, Double.NaN, false, alt), d);
        }
        return new Probe(index, analytic, (p - m) / (2 * c.h), error, EntryKind.SMOOTH, Double.NaN, Double.NaN,
                false, alt);
    }

    /** Estimates a probe again, rigorously, along the same direction (drawn again from its index). */
    private Probe recheck(Probe p) {
        return recheck(p, directionOf(p.index()));
    }

    private Direction directionOf(int index) {
        // directions are drawn in order from one seed: draw them again up to this one (cheaper
        // than keeping k directions of the input's size)
        Probes replay = new Probes(run, guard, spec, f0, analytics);
        Direction d = null;
        for (int i = 0; i <= index; i++) {
            d = replay.draw();
        }
        return d;
    }

    private Probe recheck(Probe p, Direction d) {
        ProbeLine line = new ProbeLine(d);
        ColumnEstimate e = rigorous(line, line.project(f0));
        guard.restore();
        return new Probe(p.index(), p.analytic(), e.value[0], e.error[0], e.kind(0),
                e.smooth(0) ? Double.NaN : e.low[0], e.smooth(0) ? Double.NaN : e.high[0], true, p.transposed());
    }

    /**
     * FULL mode's estimate along one probe's line: the noise measured along it, then adaptive
     * central differences with kink detection (about 50 evaluations).
     */
    private ColumnEstimate rigorous(ProbeLine line, double phi0) {
        guard.where(() -> "near the point, along a random direction (estimated rigorously)");
        double[] at = {phi0};
        NoiseEstimator.Result noise = NoiseEstimator.estimate(line, at, false);
        double size = Math.max(Math.abs(phi0), line.magnitude(f0));
        double sigma = Math.max(noise.noise()[0], 2 * EPS * size);
        lastNoise = sigma;
        double relative = size > 0 ? sigma / size : EPS;
        double h = Math.cbrt(Math.min(Run.MAX_RELATIVE_NOISE, Math.max(EPS, relative)));
        CentralDifference differences = new CentralDifference(1);
        ColumnEstimate e = new ColumnEstimate(1);
        differences.estimate(line, h, h * 1e-9, 1.0, at, new double[] {sigma}, noise.blind()[0], e);
        if (e.kind(0) == EntryKind.UNDEFINED) {
            throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                    Report.headline(spec.functionName() + " is not finite near the point: NaN or infinite at every "
                                    + "step along a random direction (the point is on the boundary of "
                                    + spec.functionName() + "'s domain)")
                            .fact("status", Status.NON_FINITE.name())
                            .fact("function", spec.functionName())
                            .fact("along", "a random direction of FAST mode"), null);
        }
        return e;
    }

    /** A Hessian of a scalar f without a gradient: vec(U)ᵀ H vec(V) against second differences. */
    private Probe second(int index, Direction d, double analytic) {
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
        SecondDifference.Estimate e = SecondDifference.estimate(plane, false, step, step, f0[0], 2 * EPS
                * Math.abs(f0[0]));
        guard.restore();
        if (!e.defined()) {
            throw new Abort(Status.NON_FINITE, Mistake.NONE, Origin.FUNCTION_UNDEFINED,
                    Report.headline("f is not finite near the point: NaN or infinite at every step along two random "
                                    + "directions")
                            .fact("status", Status.NON_FINITE.name())
                            .fact("function", "f"), null);
        }
        return new Probe(index, analytic, e.value(), e.error(), EntryKind.SMOOTH, Double.NaN, Double.NaN, true,
                Double.NaN);
    }

}
