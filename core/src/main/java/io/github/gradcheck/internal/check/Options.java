package io.github.gradcheck.internal.check;

import io.github.gradcheck.Structure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings shared by every check.
 *
 * @param rtol relative tolerance, a fraction of the derivative's own scale
 * @param atol absolute tolerance
 * @param seed seed of every random choice
 * @param structures declared structure per input name (absent: a free matrix)
 */
public record Options(double rtol, double atol, long seed, Map<String, Structure> structures) {

    /** Default relative tolerance: well above float rounding (≈ 6e-8), far below a 1% error. */
    public static final double DEFAULT_RTOL = 1e-5;
    public static final double DEFAULT_ATOL = 0.0;
    public static final long DEFAULT_SEED = 0L;

    public Options {
        structures = Collections.unmodifiableMap(new LinkedHashMap<>(structures));
    }

    public static Options defaults() {
        return new Options(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_SEED, Map.of());
    }

    /**
     * @throws IllegalArgumentException for a negative, NaN or infinite tolerance
     */
    public Options withTolerance(double newRtol, double newAtol) {
        requireTolerance("rtol", newRtol);
        requireTolerance("atol", newAtol);
        return new Options(newRtol, newAtol, seed, structures);
    }

    public Options withSeed(long newSeed) {
        return new Options(rtol, atol, newSeed, structures);
    }

    /**
     * @throws IllegalArgumentException for a null structure
     */
    public Options withStructure(String input, Structure structure) {
        if (structure == null) {
            throw new IllegalArgumentException("structure: the structure of " + input + " is null");
        }
        Map<String, Structure> more = new LinkedHashMap<>(structures);
        more.put(input, structure);
        return new Options(rtol, atol, seed, more);
    }

    /** The declared structure of an input, GAUSSIAN (free) when none is declared. */
    public Structure structure(String input) {
        return structures.getOrDefault(input, Structure.GAUSSIAN);
    }

    private static void requireTolerance(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tolerance: " + name + " must be finite and ≥ 0, got " + value);
        }
    }
}
