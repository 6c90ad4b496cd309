package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.difference.SecondDifference;
import io.github.gradcheck.internal.verdict.Probe;
import io.github.gradcheck.internal.verdict.ProbeKind;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.List;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference side of FAST probes: finite differences along a direction, cheap where the first
 * probe's calibration allows, rigorous where a verdict depends on it.
 *
 * <p>The first probe calibrates ({@link #first}): values at ±h and ±2h give Richardson's estimate
 * with its truncation error T, and the noise σ along a random direction (the fourth difference of
 * five equally spaced values is O(h⁴) for a smooth function and about √70·σ for noise σ). Every
 * other probe is {@linkplain #cheap cheap}, at ±h only, its error bounded by
 * {@value #TRUNCATION_SAFETY}·T + {@value #NOISE_SIGMAS}·σ/h. A probe a verdict depends on is
 * {@linkplain #recheck estimated again}: quickly with the measured noise when that decides by a
 * wide margin, else rigorously (the noise measured along its line, then FULL mode's adaptive
 * central differences with kink detection).
 */
final class ProbeEstimates {

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
    private static final double EPS = StepPolicy.EPS;

    /**
     * What the first probe measured for the others: the step, and the error bound of a central
     * difference at that step along a random direction.
     *
     * @param first the first probe's estimate
     * @param rigorous whether it was estimated rigorously
     * @param sigma the noise measured
     */
    record Calibration(ColumnEstimate first, boolean rigorous, double step, double error, double sigma) {
    }

    private final Guard guard;
    private final List<Analytic> analytics;
    private final ProbeKind kind;
    private final double[] f0;
    private final String function;
    /** F at ±h along a cheap probe's line, reused from probe to probe (they may hold a million entries). */
    private double[] plus;
    private double[] minus;

    ProbeEstimates(Guard guard, List<Analytic> analytics, ProbeKind kind, double[] f0, String function) {
        this.guard = guard;
        this.analytics = analytics;
        this.kind = kind;
        this.f0 = f0;
        this.function = function;
    }

    private ProbeLine line(Directions.Direction d) {
        return new ProbeLine(guard, analytics, kind, f0, d);
    }

    private int width() {
        return kind == ProbeKind.VECTOR ? f0.length : 1;
    }

    /**
     * The first probe: Richardson's estimate from ±h and ±2h, and the noise. When the noise is
     * well above rounding, the step is chosen again from it; when the step is not in the
     * asymptotic regime (f too curved or kinked along the line), the probe is estimated rigorously.
     */
    Calibration first(Directions.Direction d) {
        ProbeLine line = line(d);
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
            double step = StepPolicy.firstStepFactor(relative);
            if (pass == 0 && step > 4 * h) {
                h = step; // noisy: measure again at the step the noise calls for
                continue;
            }
            double[] value = new double[m];
            double[] error = new double[m];
            boolean asymptotic = true;
            double worstTruncation = 0;
            double noise = NOISE_SIGMAS * sigma / h;
            for (int i = 0; i < m; i++) {
                double d1 = (p1[i] - m1[i]) / (2 * h);
                double d2 = (p2[i] - m2[i]) / (4 * h);
                double truncation = Math.abs(d1 - d2) / 3;
                asymptotic &= truncation <= ASYMPTOTIC * Math.max(Math.abs(d1), Math.abs(d2)) + noise;
                worstTruncation = Math.max(worstTruncation, truncation);
                value[i] = d1 + (d1 - d2) / 3;
                error[i] = truncation + noise;
            }
            ColumnEstimate first = ColumnEstimate.known(value, error);
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

    /**
     * What a judgement of probes reads of one: its largest reference magnitude, error bound and
     * analytic value, and how far its analytic values lie beyond their error bounds at most
     * (before tolerances; NaN for an undefined entry).
     */
    record Summary(double magnitude, double error, double analytic, double excess) {

        /** One pass over a probe's entries. */
        static Summary of(double[] analytic, ColumnEstimate reference) {
            double[] value = reference.value;
            double[] error = reference.error;
            double m = 0;
            double e = 0;
            double a = 0;
            double x = 0;
            for (int r = 0; r < analytic.length; r++) {
                if (reference.smooth(r)) {
                    m = Math.max(m, Math.abs(value[r]));
                    x = Math.max(x, Math.abs(analytic[r] - value[r]) - error[r]);
                } else {
                    m = Math.max(m, reference.magnitude(r));
                    x = Math.max(x, reference.distance(r, analytic[r]) - error[r]);
                }
                e = Math.max(e, error[r]);
                a = Math.max(a, Math.abs(analytic[r]));
            }
            return new Summary(m, e, a, x);
        }
    }

    /** A cheap probe's estimate, and its summary made on the way (F may have a million entries). */
    record Cheap(ColumnEstimate estimate, Summary summary) {
    }

    /**
     * A probe at ±h only, its error bounded from the first probe's measurements.
     *
     * @param analyticSide the analytic side of the probe, for its summary, asked for once F has
     *     been evaluated; not modified
     */
    Cheap cheap(Directions.Direction d, Calibration calibration, Supplier<double[]> analyticSide) {
        ProbeLine line = line(d);
        int m = width();
        if (plus == null) {
            plus = new double[m];
            minus = new double[m];
        }
        double h = calibration.step();
        guard.where(() -> "near the point, along a random direction");
        line.evaluate(h, plus);
        line.evaluate(-h, minus);
        double[] analytic = analyticSide.get();
        double[] value = new double[m];
        double[] error = new double[m];
        double magnitude = 0;
        double maxError = 0;
        double maxAnalytic = 0;
        double excess = 0;
        for (int i = 0; i < m; i++) {
            double v = (plus[i] - minus[i]) / (2 * h);
            boolean finite = Double.isFinite(v);
            value[i] = finite ? v : 0.0;
            error[i] = finite ? calibration.error() : Double.POSITIVE_INFINITY;
            magnitude = Math.max(magnitude, Math.abs(value[i]));
            maxError = Math.max(maxError, error[i]);
            maxAnalytic = Math.max(maxAnalytic, Math.abs(analytic[i]));
            excess = Math.max(excess, Math.abs(analytic[i] - value[i]) - error[i]);
        }
        return new Cheap(ColumnEstimate.known(value, error), new Summary(magnitude, maxError, maxAnalytic, excess));
    }

    /**
     * Estimates a probe again along its direction: first by adaptive central differences with the
     * noise the first probe measured, which decides when the probe then passes or fails by a wide
     * margin ({@value #QUICK_MARGIN} times its tolerance); in between, with the noise measured
     * along this line too.
     *
     * @param calibration the first probe's, or null (then rigorously at once)
     * @param bar atol + rtol·S of the comparison
     */
    Probe recheck(Probe p, Directions.Direction d, Calibration calibration, double bar) {
        ProbeLine line = line(d);
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
        double h = StepPolicy.firstStepFactor(relative);
        CentralDifference differences = new CentralDifference(m);
        ColumnEstimate e = new ColumnEstimate(m);
        differences.estimate(line, h, h * 1e-9, 1.0, zero, sigma, blind, e);
        for (int i = 0; i < m; i++) {
            if (e.kind(i) == EntryKind.UNDEFINED) {
                throw new Abort(new Problem.UndefinedNear(function, -1, 0, "a random direction of FAST mode",
                        Double.NaN, Double.NaN, true));
            }
        }
        return e;
    }

    /** A Hessian of a scalar f without a gradient: vec(U)ᵀ H vec(V) against second differences. */
    ColumnEstimate second(Directions.Direction d) {
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
            throw new Abort(new Problem.UndefinedNear("f", -1, 0, "two random directions", Double.NaN, Double.NaN,
                    false));
        }
        ColumnEstimate c = new ColumnEstimate(1);
        c.setKnown(0, e.value(), e.error());
        return c;
    }
}
