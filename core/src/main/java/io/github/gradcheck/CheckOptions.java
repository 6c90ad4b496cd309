package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Options;

/**
 * The options every check has: tolerances, the mode of finite differences and the seed. Each
 * returns a new check of the same kind and leaves this one as it was (checks are immutable).
 *
 * @param <SELF> the check's own type, so that options chain
 */
public abstract class CheckOptions<SELF extends CheckOptions<SELF>> {

    final CheckSpec spec;

    CheckOptions(CheckSpec spec) {
        this.spec = spec;
    }

    /** The same check with another configuration. */
    abstract SELF with(CheckSpec newSpec);

    final SELF withOptions(Options options) {
        return with(spec.withOptions(options));
    }

    /**
     * Tolerances: an entry passes when |analytic − reference| ≤ error + atol + rtol·S, where error
     * is the finite-difference error estimate (0 against an exact reference) and S the
     * derivative's own scale (its largest |reference| entry), so that a wrong derivative whose
     * entries are all tiny is still caught. Defaults: rtol 1e-5 (1e-8 against an exact
     * reference), atol 0.
     *
     * @param rtol the relative tolerance, a fraction of the derivative's scale
     * @param atol the absolute tolerance
     * @return this check with these tolerances
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public SELF tolerance(double rtol, double atol) {
        return withOptions(spec.options().withTolerance(rtol, atol));
    }

    /**
     * How finite differences are taken: {@link Mode#FULL} along every coordinate,
     * {@link Mode#FAST} along a few random directions (a cost independent of the input's size),
     * or {@link Mode#AUTO} (the default: FULL up to {@value Mode#AUTO_LIMIT} coordinates, FAST
     * above).
     *
     * @param mode the mode
     * @return this check in that mode
     * @throws IllegalArgumentException for a null mode
     */
    public SELF mode(Mode mode) {
        return withOptions(spec.options().withMode(mode));
    }

    /**
     * The seed of every random choice the check makes (default 0); reports print it, and the
     * same seed gives the same check.
     *
     * @param seed the seed
     * @return this check with that seed
     */
    public SELF seed(long seed) {
        return withOptions(spec.options().withSeed(seed));
    }
}
