package io.github.gradcheck.internal.check;

/**
 * Settings shared by every check.
 *
 * @param rtol relative tolerance, a fraction of the derivative's own scale
 * @param atol absolute tolerance
 * @param seed seed of every random choice
 */
public record Options(double rtol, double atol, long seed) {

    /** Default relative tolerance: well above float rounding (≈ 6e-8), far below a 1% error. */
    public static final double DEFAULT_RTOL = 1e-5;
    public static final double DEFAULT_ATOL = 0.0;
    public static final long DEFAULT_SEED = 0L;

    public static Options defaults() {
        return new Options(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_SEED);
    }

    /**
     * @throws IllegalArgumentException for a negative, NaN or infinite tolerance
     */
    public Options withTolerance(double newRtol, double newAtol) {
        requireTolerance("rtol", newRtol);
        requireTolerance("atol", newAtol);
        return new Options(newRtol, newAtol, seed);
    }

    public Options withSeed(long newSeed) {
        return new Options(rtol, atol, newSeed);
    }

    private static void requireTolerance(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tolerance: " + name + " must be finite and ≥ 0, got " + value);
        }
    }
}
