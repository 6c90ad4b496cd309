package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.InputSpec;
import io.github.gradcheck.internal.observe.Observation;
import io.github.gradcheck.internal.trials.TrialRunner;
import io.github.gradcheck.internal.trials.TrialsOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A check run on random inputs drawn from a {@link Domain}: {@code trials} draws (default
 * {@value #DEFAULT_TRIALS}) from one seed (default 0), the first failure shrunk to the smallest,
 * simplest case that still fails the same way. Immutable.
 *
 * <p>Inputs are perturbed as their structure says (a SYMMETRIC input in symmetric directions,
 * …), unless {@code structure(...)} on the check says otherwise. The system properties
 * {@code gradcheck.seed} and {@code gradcheck.trials} override the seed and the number of trials
 * of every run.
 */
public final class Trials {

    /** The number of trials judged unless {@link #trials(int)} says otherwise. */
    public static final int DEFAULT_TRIALS = 100;
    /** The time limit of shrinking unless {@link #shrinkTime(Duration)} says otherwise. */
    public static final Duration DEFAULT_SHRINK_TIME = Duration.ofSeconds(10);
    static final String SEED_PROPERTY = "gradcheck.seed";
    static final String TRIALS_PROPERTY = "gradcheck.trials";

    private final CheckSpec spec;
    private final DomainSpec domain;
    private final int trials;
    private final long seed;
    private final Duration shrinkTime;

    private Trials(CheckSpec spec, DomainSpec domain, int trials, long seed, Duration shrinkTime) {
        this.spec = spec;
        this.domain = domain;
        this.trials = trials;
        this.seed = seed;
        this.shrinkTime = shrinkTime;
    }

    /** Validates the check against the domain (every differentiated input drawn, not a constant). */
    static Trials of(CheckSpec spec, Domain domain) {
        if (domain == null) {
            throw new IllegalArgumentException("forAll: the domain is null");
        }
        DomainSpec d = domain.spec();
        if (spec.differentiated().isEmpty()) {
            throw new IllegalStateException("no derivative given: give one before forAll(...)");
        }
        if (spec.singleInput()) {
            if (d.inputs().size() != 1) {
                throw new IllegalArgumentException("a check of a function of one matrix needs a domain with one input, "
                        + "but this one has " + names(d) + "; use scalarOf or matrixOf for several inputs");
            }
            d = d.renamed(d.inputs().get(0).name(), spec.single());
        }
        for (String name : spec.differentiated().keySet()) {
            InputSpec in = d.input(name);
            if (in == null) {
                throw new IllegalArgumentException("a " + spec.differentiated().get(name) + " is given for input '"
                        + name + "', but the domain's inputs are " + names(d));
            }
            Structure structure = spec.options().structures().getOrDefault(name, in.structure());
            if (structure.isConstant()) {
                throw new IllegalArgumentException("input " + name + " is " + structure + ", a constant: it is never "
                        + "differentiated; remove its " + spec.differentiated().get(name));
            }
        }
        for (String name : spec.options().structures().keySet()) {
            if (d.input(name) == null) {
                throw new IllegalArgumentException("a structure is given for input '" + name
                        + "', but the domain's inputs are " + names(d));
            }
        }
        List<String> drawn = new ArrayList<>();
        d.inputs().forEach(in -> drawn.add(in.name()));
        spec.requireReferenceVariables(drawn, "the domain's inputs");
        return new Trials(spec, d, DEFAULT_TRIALS, spec.options().seed(), DEFAULT_SHRINK_TIME);
    }

    private static String names(DomainSpec d) {
        List<String> names = new ArrayList<>();
        d.inputs().forEach(in -> names.add(in.name()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /**
     * The number of trials to judge (draws where f is undefined are discarded and not counted).
     *
     * @param count the number of trials, at least 1
     * @return a new run with this number of trials; this one is unchanged
     * @throws IllegalArgumentException for a number below 1
     */
    public Trials trials(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("trials: the number of trials must be at least 1, got " + count);
        }
        return new Trials(spec, domain, count, seed, shrinkTime);
    }

    /**
     * The seed of every draw; the report of a failure prints it.
     *
     * @param newSeed the seed
     * @return a new run with this seed; this one is unchanged
     */
    public Trials seed(long newSeed) {
        return new Trials(spec, domain, trials, newSeed, shrinkTime);
    }

    /**
     * The time limit of shrinking (default 10 s). Shrinking is deterministic unless it hits the
     * limit, which the report then says.
     *
     * @param limit the time limit, positive
     * @return a new run with this limit; this one is unchanged
     * @throws IllegalArgumentException for a null, zero or negative duration
     */
    public Trials shrinkTime(Duration limit) {
        if (limit == null || limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("shrinkTime: the time limit must be positive, got " + limit);
        }
        return new Trials(spec, domain, trials, seed, limit);
    }

    /**
     * Runs the trials. Never throws for a failed trial.
     *
     * @return the result: passed, or the shrunk failing case with its report
     */
    public TrialsResult run() {
        long start = System.nanoTime();
        long effectiveSeed = override(SEED_PROPERTY, seed, Long.MIN_VALUE);
        TrialsResult result = TrialRunner.check(spec, domain, new TrialRunner.Settings((int) override(TRIALS_PROPERTY,
                trials, 1), effectiveSeed, shrinkTime, ".seed(" + effectiveSeed + ") on the same forAll(...), or -D"
                + SEED_PROPERTY + "=" + effectiveSeed));
        Observation.trials(spec, domain, result, start);
        return result;
    }

    /**
     * Runs the trials and throws when one fails.
     *
     * @return the passing result
     * @throws GradientMismatchError whose message is the trials report (shrunk inputs, dims, seed,
     *     replay) and whose result is the check at the shrunk inputs
     */
    public TrialsResult assertPasses() {
        TrialsResult result = run();
        if (!result.passed()) {
            CheckResult failure = ((TrialsOutcome) result).failure()
                    .orElseThrow(() -> new AssertionError(result.report()));
            throw new GradientMismatchError(failure, result.report());
        }
        return result;
    }

    /**
     * A run's setting, or the system property that overrides it.
     *
     * @throws IllegalArgumentException for a property that is not a number, or out of range
     */
    static long override(String property, long value, long min) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return value;
        }
        try {
            long parsed = Long.parseLong(text.trim());
            if (parsed < min) {
                throw new IllegalArgumentException("system property " + property + "=" + text + " must be at least " + min);
            }
            if (property.equals(TRIALS_PROPERTY) && parsed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("system property " + property + "=" + text + " is too large");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + property + "=" + text + " is not a number", e);
        }
    }
}
