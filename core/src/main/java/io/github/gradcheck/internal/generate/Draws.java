package io.github.gradcheck.internal.generate;

import java.util.random.RandomGenerator;

/**
 * Random numbers from a {@link RandomGenerator}, by formulas that do not depend on the JDK's
 * version (the JDK's own nextGaussian changed algorithm in Java 17), so a seed reproduces the same
 * matrices everywhere.
 */
public final class Draws {

    private Draws() {
    }

    /** Standard normal, by the Box–Muller transform of two uniforms. */
    public static double gaussian(RandomGenerator random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Uniform in [lo, hi). */
    public static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [lo, hi]. */
    public static int integer(RandomGenerator random, int lo, int hi) {
        return lo + (int) Math.floor(random.nextDouble() * (hi - lo + 1));
    }

    /** A seed for the i-th of a series derived from {@code seed} (SplitMix64 finalizer). */
    public static long derive(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
