package io.github.gradcheck.internal.check;

import io.github.gradcheck.Mode;
import io.github.gradcheck.Structure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Settings shared by every check. Immutable.
 *
 * @param rtol relative tolerance, a fraction of the derivative's own scale
 * @param atol absolute tolerance
 * @param toleranceSet whether the user set the tolerances (else each reference has its default)
 * @param seed seed of every random choice
 * @param structures declared structure per input name (absent: a free matrix)
 * @param mode FULL, FAST or AUTO
 * @param parallel whether FULL may evaluate coordinates on the common fork-join pool
 * @param floats the inputs that hold float values (the point is rounded to float, and so is every
 *     perturbation of them)
 * @param subsets per input, the most entries FULL mode compares (an evenly spread subset)
 */
public record Options(double rtol, double atol, boolean toleranceSet, long seed, Map<String, Structure> structures,
                      Mode mode, boolean parallel, Set<String> floats, Map<String, Integer> subsets) {

    /** Default relative tolerance: well above float rounding (≈ 6e-8), far below a 1% error. */
    public static final double DEFAULT_RTOL = 1e-5;
    /**
     * Default relative tolerance of code computed in float: its own rounding (≈ 6e-8 an operation)
     * grows with the length of its sums, so a derivative computed in float is about 1e-5 of its
     * scale from the exact one even when it is right.
     */
    public static final double DEFAULT_FLOAT_RTOL = 1e-4;
    /**
     * Default relative tolerance against an exact reference: rounding only, allowing for two
     * different ways of computing the same derivative at a moderately ill-conditioned point.
     */
    public static final double DEFAULT_EXACT_RTOL = 1e-8;
    public static final double DEFAULT_ATOL = 0.0;
    public static final long DEFAULT_SEED = 0L;

    public Options {
        structures = Collections.unmodifiableMap(new LinkedHashMap<>(structures));
        floats = Collections.unmodifiableSet(new LinkedHashSet<>(floats));
        subsets = Collections.unmodifiableMap(new LinkedHashMap<>(subsets));
    }

    public static Options defaults() {
        return new Options(DEFAULT_RTOL, DEFAULT_ATOL, false, DEFAULT_SEED, Map.of(), Mode.AUTO, false, Set.of(),
                Map.of());
    }

    /**
     * @throws IllegalArgumentException for a negative, NaN or infinite tolerance
     */
    public Options withTolerance(double newRtol, double newAtol) {
        requireTolerance("rtol", newRtol);
        requireTolerance("atol", newAtol);
        return new Options(newRtol, newAtol, true, seed, structures, mode, parallel, floats, subsets);
    }

    public Options withSeed(long newSeed) {
        return new Options(rtol, atol, toleranceSet, newSeed, structures, mode, parallel, floats, subsets);
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
        return new Options(rtol, atol, toleranceSet, seed, more, mode, parallel, floats, subsets);
    }

    /**
     * @throws IllegalArgumentException for a null mode
     */
    public Options withMode(Mode newMode) {
        if (newMode == null) {
            throw new IllegalArgumentException("mode: the mode is null; use AUTO, FULL or FAST");
        }
        return new Options(rtol, atol, toleranceSet, seed, structures, newMode, parallel, floats, subsets);
    }

    public Options withParallel(boolean newParallel) {
        return new Options(rtol, atol, toleranceSet, seed, structures, mode, newParallel, floats, subsets);
    }

    /**
     * Declares an input float-valued; unless the user set the tolerances, the relative tolerance
     * becomes {@link #DEFAULT_FLOAT_RTOL}.
     */
    public Options withFloat(String input) {
        Set<String> more = new LinkedHashSet<>(floats);
        more.add(input);
        return new Options(toleranceSet ? rtol : DEFAULT_FLOAT_RTOL, atol, toleranceSet, seed, structures, mode,
                parallel, more, subsets);
    }

    /**
     * FULL mode compares at most {@code entries} entries of this input, evenly spread.
     *
     * @throws IllegalArgumentException for fewer than 1
     */
    public Options withSubset(String input, int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("maxEntriesPerParameter: at least 1 entry, got " + entries);
        }
        Map<String, Integer> more = new LinkedHashMap<>(subsets);
        more.put(input, entries);
        return new Options(rtol, atol, toleranceSet, seed, structures, mode, parallel, floats, more);
    }

    /** The relative tolerance against an exact reference: the user's, or {@link #DEFAULT_EXACT_RTOL}. */
    public double exactRtol() {
        return toleranceSet ? rtol : DEFAULT_EXACT_RTOL;
    }

    /** The declared structure of an input, GAUSSIAN (free) when none is declared. */
    public Structure structure(String input) {
        return structures.getOrDefault(input, Structure.GAUSSIAN);
    }

    /** Whether an input holds float values. */
    public boolean isFloat(String input) {
        return floats.contains(input);
    }

    /** The most entries FULL mode compares of an input (its size when there is no subset). */
    public int subset(String input) {
        return subsets.getOrDefault(input, Integer.MAX_VALUE);
    }

    private static void requireTolerance(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tolerance: " + name + " must be finite and ≥ 0, got " + value);
        }
    }
}
