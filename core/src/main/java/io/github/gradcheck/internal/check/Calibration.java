package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.difference.NoiseAtStep;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.linalg.Coordinates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The evaluation noise of f near the point, measured once before FULL mode's refined differences,
 * and the first step it calls for ({@link StepPolicy}). Immutable.
 *
 * <p>Before that, FULL mode's first pass needs less: a {@link Prior}, measured with
 * {@value Prior#EVALUATIONS} evaluations (22 for a noisier f), that vouches for a clean double-precision function,
 * smooth at the scale of a central difference's step and measured at the first pass's own, or
 * says there is none (then every coordinate is refined, after this full measurement, as if there
 * were no first pass).
 *
 * @param noise the noise's standard deviation per entry of F (vec order)
 * @param blind whether the measurement saw F change nowhere (then a flat first step is grown)
 * @param relativeNoise the largest noise relative to the largest |F|
 * @param stepFactor the first step relative to a coordinate's scale
 */
record Calibration(double[] noise, boolean blind, double relativeNoise, double stepFactor) {

    /**
     * The ratio of the prior's steps δ, ρδ, ρ²δ: the golden ratio, far from any simple ratio, so
     * that a function periodic in δ does not look smooth at all three (steps in ratios 1:2:4 all
     * land on the same phase of an oscillation whose period divides δ).
     */
    static final double RATIO = 1.618033988749895;

    /**
     * The prior's first curvature step δ in units of the first pass's step h: a few steps away,
     * so that a component of f curved on the scale of h is seen (see {@link #prior}), and so that
     * the noise σ/δ³ of its third derivative, which the bound multiplies by a safety factor, adds
     * only some σ/h to it.
     */
    static final double CURVATURE_STEP = 4.0;

    /**
     * What FULL mode's {@link FirstPass} knows before its first difference: its step and, per
     * entry of F, the noise at that step and the third derivative along the calibration's
     * direction.
     *
     * @param step the first pass's step relative to a coordinate's scale (see {@link StepPolicy#firstStep})
     * @param noise per entry of F, the noise's standard deviation measured at that step
     * @param third per entry of F, an upper estimate of |d³/dt³ F(X + tP)| (with its noise) along
     *     the direction P, which moves every coordinate by ±½ to ±1 times its scale
     */
    record Prior(double step, double[] noise, double[] third) {
        /** Evaluations of f a prior costs: 8 more when f's noise calls for a step above the smallest. */
        static final int EVALUATIONS = 14;
    }

    /**
     * Measures the noise of f along a random admissible direction (symmetric for a symmetric
     * input) through every differentiated input, from the check's seed.
     *
     * @param f0 F at the point (vec order)
     * @param analytics the prepared derivatives: their values tell whether f computes in float
     */
    static Calibration measure(Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        Line along = entryRelative(guard, spec);
        guard.where(() -> "near the point (measuring evaluation noise along a random direction)");
        NoiseEstimator.Result measured = NoiseEstimator.estimate(along, f0, floatValued(analytics));
        boolean blind = true;
        for (boolean b : measured.blind()) {
            blind &= b;
        }
        guard.restore();
        double relative = StepPolicy.relativeNoise(maxAbs(measured.noise()), maxAbs(f0));
        return new Calibration(measured.noise(), blind, relative, StepPolicy.firstStepFactor(relative));
    }

    /**
     * The first pass's calibration, with {@value Prior#EVALUATIONS} evaluations along one random
     * direction P that moves every coordinate by ±½ to ±1 times its scale max(|xₖ|, the input's
     * RMS), as the first pass moves each coordinate alone; or null when f is not fit for a first
     * pass (then FULL mode refines every coordinate). f's derivatives must not be floats (float
     * arithmetic is too noisy for one difference to decide).
     * <ul>
     *   <li>Eight evaluations at spacings of the first pass's smallest step
     *       ({@link StepPolicy#PRIOR_SPACING}, by {@link NoiseAtStep}) must find f clean there and
     *       give its noise and its derivative along P. The noise at the step finally chosen must
     *       be within {@value #CLEAN} times F's rounding: a component of f that varies on a finer
     *       scale than the step looks like noise there, but one difference misses its derivative
     *       entirely.</li>
     *   <li>The step is the smallest power of two from there up to {@value #MAX_STEP}·∛ε (∛ε is
     *       the first step of a double-precision f) that keeps the noise's share of the bound
     *       within the tolerance of a typical coordinate (the derivative along P over √N for N
     *       coordinates: a sum of N terms of random signs grows like √N; the tolerance is rtol
     *       times the largest). The smaller the step, the smaller the truncation error that no
     *       measurement sees. A step above the smallest has its noise measured again, at that
     *       step (eight more evaluations).</li>
     *   <li>Six evaluations at ±δ, ±ρδ and ±ρ²δ, δ = {@value #CURVATURE_STEP} times the step
     *       ({@link #RATIO}), must find every entry of F in the asymptotic regime of central
     *       differences: the one-sided slopes' difference growing in proportion to the step
     *       (h·F″), as {@link CentralDifference} tests it, and the central differences D moving
     *       ρ² times as much from ρδ to ρ²δ as from δ to ρδ (h²·F‴/6). A kink, a singularity or an
     *       oscillation near the point fails one of them (steps in ratios 1:2:4 would all land on
     *       the same phase of an oscillation whose period divides δ, and look smooth). They give
     *       the third derivative from |D(ρδ) − D(δ)| = (ρ² − 1)·δ²·|F‴|/6 + …, widened by the
     *       noise. Measured a few steps from the point, it covers what one difference misses: a
     *       component of f curved on the scale of the step is either seen there (the test fails,
     *       or its third derivative is measured) or, hidden under larger curvature, sampled as if
     *       random, which reads as a third derivative of about its size over δ³; its truncation
     *       error in a difference at step h ≤ δ/2 is within {@value StepPolicy#THIRD_DERIVATIVE_SAFETY}
     *       times that.</li>
     * </ul>
     * The prior is null too when even the derivative along P is within the noise's share of the
     * bound times 1/rtol: the first pass could decide nothing, and its evaluations are saved.
     *
     * @param f0 F at the point (vec order)
     * @param analytics the prepared first derivatives
     */
    static Prior prior(Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        if (floatValued(analytics)) {
            return null;
        }
        Line along = everyCoordinate(guard, spec);
        guard.where(() -> "near the point (measuring evaluation noise along a random direction)");
        NoiseAtStep.Measured measured = NoiseAtStep.measure(along, f0, StepPolicy.PRIOR_SPACING);
        guard.restore();
        if (measured == null) {
            return null;
        }
        int m = f0.length;
        double[] slope = measured.slope();
        double[] sigma = new double[m];
        for (int i = 0; i < m; i++) {
            sigma[i] = Math.max(measured.noise()[i], 2 * StepPolicy.EPS * Math.abs(f0[i]));
        }
        double rtol = spec.options().rtol();
        double step = priorStep(sigma, slope, coordinates(spec, guard), rtol);
        if (Double.isNaN(step)) {
            return null;
        }
        if (step > StepPolicy.PRIOR_SPACING) {
            // the noise at the step it bounds: what varies on a finer scale than the step is noise there
            guard.where(() -> "near the point (measuring evaluation noise along a random direction)");
            measured = NoiseAtStep.measure(along, f0, step);
            guard.restore();
            if (measured == null) {
                return null;
            }
        }
        double[] noise = measured.noise();
        double delta = CURVATURE_STEP * step;
        double[] steps = {delta, RATIO * delta, RATIO * RATIO * delta};
        double[][] plus = new double[3][m];
        double[][] minus = new double[3][m];
        guard.where(() -> "near the point (measuring the curvature along a random direction)");
        for (int s = 0; s < 3; s++) {
            along.evaluate(steps[s], plus[s]);
            along.evaluate(-steps[s], minus[s]);
        }
        guard.restore();
        double[] third = new double[m];
        double[] jump = new double[3];
        double[] d = new double[3];
        boolean decisive = false;
        for (int i = 0; i < m; i++) {
            double size = Math.abs(f0[i]);
            for (int s = 0; s < 3; s++) {
                if (!Double.isFinite(plus[s][i]) || !Double.isFinite(minus[s][i])) {
                    return null;
                }
                size = Math.max(size, Math.max(Math.abs(plus[s][i]), Math.abs(minus[s][i])));
                jump[s] = (plus[s][i] - f0[i]) / steps[s] - (f0[i] - minus[s][i]) / steps[s];
                d[s] = (plus[s][i] - minus[s][i]) / (2 * steps[s]);
            }
            double rounding = 2 * StepPolicy.EPS * size;
            if (noise[i] > CLEAN * rounding) {
                return null; // not rounding: maybe a component of f finer than the step (see CLEAN)
            }
            sigma[i] = Math.max(noise[i], rounding);
            double jumpNoise = CentralDifference.JUMP_SIGMAS * sigma[i] / delta;
            double slopeNoise = CentralDifference.NOISE_SIGMAS * sigma[i] / delta;
            boolean asymptotic = Math.abs(jump[1] - RATIO * jump[0]) <= 0.25 * Math.abs(jump[0]) + jumpNoise
                    && Math.abs(jump[2] - RATIO * jump[1]) <= 0.25 * Math.abs(jump[1]) + jumpNoise
                    && Math.abs((d[2] - d[1]) - RATIO * RATIO * (d[1] - d[0]))
                            <= 0.25 * Math.abs(d[2] - d[1]) + 2 * slopeNoise;
            if (!asymptotic) {
                return null;
            }
            third[i] = 6 * (Math.abs(d[1] - d[0]) + slopeNoise) / ((RATIO * RATIO - 1) * delta * delta);
            decisive |= NOISE_SHARE * sigma[i] / step < rtol * Math.abs(slope[i]);
        }
        return decisive ? new Prior(step, noise, third) : null;
    }

    /**
     * The noise's share of the a-priori bound, in σ/h: the noise of the difference and of its
     * slopes' jump ({@value StepPolicy#PRIOR_NOISE_SIGMAS}), and that of the third derivative the
     * truncation term multiplies ({@link StepPolicy#THIRD_DERIVATIVE_SAFETY} times
     * {@value CentralDifference#NOISE_SIGMAS}σ/δ over (ρ² − 1)δ², at δ = {@value #CURVATURE_STEP}h).
     */
    static final double NOISE_SHARE = StepPolicy.PRIOR_NOISE_SIGMAS + StepPolicy.THIRD_DERIVATIVE_SAFETY
            * CentralDifference.NOISE_SIGMAS / ((RATIO * RATIO - 1) * CURVATURE_STEP * CURVATURE_STEP * CURVATURE_STEP);

    /**
     * The most noise a clean double-precision F has at the first pass's step, in units of its
     * rounding 2ε|F| (sums of many terms accumulate a few). Noise beyond it is not taken for
     * rounding: it may be a component of f that varies on a finer scale than the step, whose
     * derivative one difference misses entirely while its values look like noise, and which
     * adaptive refinement, trying smaller steps, can resolve. Such an f gets no first pass.
     */
    static final double CLEAN = 16.0;

    /** The first pass's largest step, in units of ∛ε (the first step of a double-precision f). */
    static final double MAX_STEP = 4.0;

    /**
     * The first pass's step: the smallest power of two from {@link StepPolicy#PRIOR_SPACING} to
     * {@value #MAX_STEP}·∛ε at which, for the entry of F with the largest derivative along P, the
     * noise's share of the bound is within rtol times that derivative over √N (the size of a
     * typical entry, whose tolerance is rtol times the largest); NaN when none is.
     */
    private static double priorStep(double[] sigma, double[] slope, int coordinates, double rtol) {
        int largest = 0;
        for (int i = 1; i < slope.length; i++) {
            if (Math.abs(slope[i]) > Math.abs(slope[largest])) {
                largest = i;
            }
        }
        double typical = Math.abs(slope[largest]) / Math.sqrt(Math.max(1, coordinates));
        double last = MAX_STEP * StepPolicy.firstStepFactor(StepPolicy.EPS);
        for (double phi = StepPolicy.PRIOR_SPACING; phi <= last; phi *= 2) {
            if (NOISE_SHARE * sigma[largest] / phi <= rtol * typical) {
                return phi;
            }
        }
        return Double.NaN;
    }

    /** The free coordinates of every differentiated input. */
    private static int coordinates(CheckSpec spec, Guard guard) {
        int n = 0;
        for (String name : spec.differentiated().keySet()) {
            Watched w = guard.input(name);
            n += Basis.of(spec.options().structure(name), w.rows(), w.cols()).size();
        }
        return n;
    }

    /**
     * A random admissible direction (symmetric for a symmetric input) through every differentiated
     * input, from the check's seed, each entry moved relative to itself: if f rounds its inputs
     * (to float, say), every entry then reaches its rounding at the same spacing, where f stops
     * changing; an all-zero input is moved on its typical scale instead.
     */
    private static Line entryRelative(Guard guard, CheckSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.options().seed());
        return along(guard, spec, (x, i, zero) -> (2 * random.nextDouble() - 1) * (zero ? 1.0 : Math.abs(x.data[i])));
    }

    /**
     * A random admissible direction that moves every coordinate, each by ±½ to ±1 times its scale
     * max(|xₖ|, the input's RMS), the scale of FULL mode's steps, from the check's seed.
     */
    private static Line everyCoordinate(Guard guard, CheckSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.options().seed() ^ 0x9E3779B97F4A7C15L);
        Map<DMatrixRMaj, Double> scales = new IdentityHashMap<>();
        return along(guard, spec, (x, i, zero) -> {
            double rms = scales.computeIfAbsent(x, StepPolicy::typicalScale);
            double size = (0.5 + 0.5 * random.nextDouble()) * Math.max(Math.abs(x.data[i]), rms);
            return random.nextBoolean() ? size : -size;
        });
    }

    /** The entry of a direction at data index i of input x (zero: whether x is all zero). */
    private interface Entry {
        double at(DMatrixRMaj x, int i, boolean zero);
    }

    /** t ↦ F(X + tP) for the direction P whose free entries {@code entry} draws, in coordinate order. */
    private static Line along(Guard guard, CheckSpec spec, Entry entry) {
        List<Watched> differentiated = new ArrayList<>();
        List<double[]> directions = new ArrayList<>();
        for (String name : spec.differentiated().keySet()) {
            Watched w = guard.input(name);
            DMatrixRMaj x = guard.pristine(name);
            Coordinates coordinates = Basis.of(spec.options().structure(name), w.rows(), w.cols());
            // relative to each entry: if f rounds its inputs (to float, say), every entry then
            // reaches its rounding at the same spacing, where f stops changing; an all-zero input
            // is moved on its typical scale instead
            boolean zero = CommonOps_DDRM.elementMaxAbs(x) == 0;
            double[] p = new double[w.rows() * w.cols()];
            for (int k = 0; k < coordinates.size(); k++) {
                int i = coordinates.dataIndex(k);
                double step = entry.at(x, i, zero);
                p[i] = step;
                if (coordinates.pairedIndex(k) >= 0) {
                    p[coordinates.pairedIndex(k)] = step;
                }
            }
            differentiated.add(w);
            directions.add(p);
        }
        return (t, out) -> {
            for (int a = 0; a < differentiated.size(); a++) {
                Watched w = differentiated.get(a);
                DMatrixRMaj x = guard.pristine(w.name);
                double[] p = directions.get(a);
                for (int i = 0; i < p.length; i++) {
                    if (p[i] != 0) {
                        w.set(i, x.data[i] + t * p[i]);
                    }
                }
            }
            guard.evaluate(out);
            return t;
        };
    }

    /** Whether every given gradient and Jacobian holds float values: then f computes in float too. */
    private static boolean floatValued(List<Analytic> analytics) {
        boolean any = false;
        for (Analytic a : analytics) {
            DMatrixRMaj m = a.fixed();
            if (m != null && !a.derivative.secondOrder()) {
                any = true;
                if (!NoiseEstimator.isFloatValued(Arrays.copyOf(m.data, m.getNumElements()))) {
                    return false;
                }
            }
        }
        return any;
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
