package io.github.gradcheck.internal.check;

import org.ejml.data.DMatrixRMaj;

/**
 * The one step policy of finite differences: how large a first step is, given the noise of f
 * relative to its size, the bounds a step must stay within, and the error a first-pass difference
 * is known to have before any refinement.
 *
 * <p>A central difference's error is about T·h² (truncation) plus σ/h (noise σ); the sum is
 * smallest at h ∝ (σ/|f|)^(1/3) relative to the coordinate's magnitude. The relative noise is
 * clamped to [ε, {@value #MAX_RELATIVE_NOISE}]: below ε rounding dominates anyway, and a step
 * beyond the cube root of the clamp would outgrow the curvature of most functions.
 *
 * <p><b>The first pass's a-priori bound</b> ({@link #priorError}). FULL mode first estimates
 * every entry with one central difference D = (F(x₀+h₊) − F(x₀−h₋))/(h₊ + h₋) and accepts it
 * without refinement only when the analytic value passes even against the worst value this bound
 * allows (see {@link FirstPass}). Write R = (F(x₀+h₊) − F(x₀))/h₊ and L = (F(x₀) − F(x₀−h₋))/h₋
 * for the one-sided slopes: D = (h₊R + h₋L)/(h₊ + h₋) lies between them. Its truncation error is
 * bounded in two ways, and the bound is their sum, so that it covers whichever case holds:
 * <ul>
 *   <li>If F′ is monotone on [x₀ − h₋, x₀ + h₊] (F convex or concave there, kinks of a convex or
 *       concave F included), the mean value theorem puts L = F′(ξ₁) and R = F′(ξ₂) on either side
 *       of F′(x₀), so |D − F′(x₀)| ≤ |R − L|·max(h₊, h₋)/(h₊ + h₋): about half the measured jump
 *       of the slopes, with no assumption on higher derivatives.</li>
 *   <li>Otherwise F″ changes sign within the step (an inflection, or a kink of a function neither
 *       convex nor concave): the slopes can agree while D is off, and |D − F′(x₀)| ≤ h²·|F‴|/6
 *       for h = max(h₊, h₋). |F‴| along the coordinate, in units of its scale s, is taken as at
 *       most {@value #THIRD_DERIVATIVE_SAFETY} times the third derivative the {@link Calibration}
 *       measured a few steps from the point along its direction P. P moves every coordinate by at
 *       least s/2, so a coordinate's own third derivative enters P's by at least ⅛ of its size;
 *       the factor leaves room for other coordinates' terms to cancel part of it.</li>
 * </ul>
 * To these the bound adds {@value #PRIOR_NOISE_SIGMAS} standard deviations σ/h of the noise, which
 * enters D (about 0.7σ/h) and the measured jump (about 1.2σ/h); σ is the noise the calibration
 * measured at the first pass's step, at least the rounding of |F| and half the granularity of the
 * values seen.
 *
 * <p>Left uncovered, and documented as such: a component of f below F's rounding, or one that
 * varies on a finer scale than the step yet stays within {@value Calibration#CLEAN} times F's
 * rounding there (a difference at that step sees it as noise and misses its derivative); and a
 * coordinate whose third derivative exceeds the safety factor times the calibration's while the
 * point lies within about h/3 of an inflection (further from one, the slopes' jump covers it). A
 * false pass then also takes an analytic value that errs by what D errs, to within the margin
 * that separates it from the tolerance.
 */
final class StepPolicy {

    /** The relative noise that sets the first step is clamped to [ε, this]. */
    static final double MAX_RELATIVE_NOISE = 1e-6;
    /** The smallest step, in ulps of the entry: below it x₀ ± h loses most of its bits. */
    static final double MIN_STEP_ULPS = 1 << 10;
    /** The first step of second differences, in (relative noise)^(1/6) times the entry's scale. */
    static final double SECOND_STEP = 4.0;
    static final double EPS = Math.ulp(1.0);
    /**
     * The first pass's smallest step, relative to a coordinate's scale: 2⁻²⁶ ≈ 1.5e-8, about √ε,
     * where one difference balances the noise σ/h against the jump of the slopes h·F″ of a
     * double-precision function varying on its inputs' scale (each some 1e-8 of the derivative),
     * and the truncation error, quadratic in the step, is some 1e-14 of the derivative. A function
     * whose values are large against its variation gets a larger step (see {@link Calibration#prior}).
     */
    static final double PRIOR_SPACING = 0x1p-26;
    /** How much larger than along a random direction a coordinate's third derivative is taken to be. */
    static final double THIRD_DERIVATIVE_SAFETY = 100.0;
    /** Noise standard deviations σ/h in the a-priori bound (it covers D and the measured jump). */
    static final double PRIOR_NOISE_SIGMAS = 12.0;

    private StepPolicy() {
    }

    /** The noise of f relative to its size: noise/|f|, or the clamp's ends when f or the noise is 0. */
    static double relativeNoise(double noise, double value) {
        return value > 0 ? noise / value : (noise > 0 ? MAX_RELATIVE_NOISE : EPS);
    }

    /** The first step of a central difference, relative to the coordinate's scale: the cube root of the relative noise. */
    static double firstStepFactor(double relativeNoise) {
        return Math.cbrt(Math.min(MAX_RELATIVE_NOISE, Math.max(EPS, relativeNoise)));
    }

    /** The first step along a coordinate at {@code anchor} of an input whose entries are about {@code scale}. */
    static double firstStep(double factor, double anchor, double scale) {
        return factor * Math.max(Math.abs(anchor), scale);
    }

    /** The smallest step worth taking at {@code anchor}. */
    static double minStep(double anchor) {
        return MIN_STEP_ULPS * Math.ulp(Math.max(Math.abs(anchor), Double.MIN_NORMAL));
    }

    /** The largest step worth taking to find f's resolution: the coordinate's scale. */
    static double maxStep(double anchor, double scale) {
        return Math.max(Math.abs(anchor), scale);
    }

    /** The first step of a second difference along a coordinate, a power of two so that x₀ ± h is exact. */
    static double secondStep(double relativeNoise, double anchor, double scale) {
        double factor = SECOND_STEP * Math.pow(Math.min(MAX_RELATIVE_NOISE, Math.max(EPS, relativeNoise)), 1.0 / 6);
        return powerOfTwo(factor * Math.max(Math.abs(anchor), scale));
    }

    /** The power of two nearest to h: x₀ ± h is then exact for most x₀. */
    static double powerOfTwo(double h) {
        return Math.scalb(1.0, Math.getExponent(h) + (h / Math.scalb(1.0, Math.getExponent(h)) > Math.sqrt(2) ? 1 : 0));
    }

    /** The root-mean-square of the entries, or 1 for a zero matrix: the scale of a step. */
    static double typicalScale(DMatrixRMaj x) {
        int n = x.numRows * x.numCols;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x.data[i] * x.data[i];
        }
        double rms = n == 0 ? 0 : Math.sqrt(sum / n);
        return rms > 0 && Double.isFinite(rms) ? rms : 1.0;
    }

    /**
     * The a-priori error bound of a first-pass central difference (see the class comment).
     *
     * @param jump R − L, the one-sided slopes' difference
     * @param plus h₊, the step actually taken up
     * @param minus h₋ &gt; 0, the step actually taken down
     * @param third the calibration's third derivative along its direction, in units of the scale
     * @param scale the coordinate's scale (the unit of that direction's entries)
     * @param sigma the noise of this entry of F
     */
    static double priorError(double jump, double plus, double minus, double third, double scale, double sigma) {
        double h = Math.max(plus, minus);
        double slopes = Math.abs(jump) * h / (plus + minus);
        double truncation = THIRD_DERIVATIVE_SAFETY * h * h * third / (6 * scale * scale * scale);
        return slopes + truncation + PRIOR_NOISE_SIGMAS * sigma / Math.min(plus, minus);
    }
}
