package io.github.gradcheck.internal.check;

import org.ejml.data.DMatrixRMaj;

/**
 * The one step policy of finite differences: how large a first step is, given the noise of f
 * relative to its size, and the bounds a step must stay within.
 *
 * <p>A central difference's error is about T·h² (truncation) plus σ/h (noise σ); the sum is
 * smallest at h ∝ (σ/|f|)^(1/3) relative to the coordinate's magnitude. The relative noise is
 * clamped to [ε, {@value #MAX_RELATIVE_NOISE}]: below ε rounding dominates anyway, and a step
 * beyond the cube root of the clamp would outgrow the curvature of most functions.
 */
final class StepPolicy {

    /** The relative noise that sets the first step is clamped to [ε, this]. */
    static final double MAX_RELATIVE_NOISE = 1e-6;
    /** The smallest step, in ulps of the entry: below it x₀ ± h loses most of its bits. */
    static final double MIN_STEP_ULPS = 1 << 10;
    /** The first step of second differences, in (relative noise)^(1/6) times the entry's scale. */
    static final double SECOND_STEP = 4.0;
    static final double EPS = Math.ulp(1.0);

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
}
