package io.github.gradcheck;

import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.InputSpec;
import io.github.gradcheck.internal.pipeline.PipelineRun;
import io.github.gradcheck.internal.pipeline.PipelineSpec;
import io.github.gradcheck.internal.pipeline.PipelineTrialsOutcome;
import io.github.gradcheck.internal.pipeline.StageFailure;
import io.github.gradcheck.internal.trials.TrialRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline checked on random inputs drawn from a {@link Domain}: {@code trials} draws (default
 * {@value Trials#DEFAULT_TRIALS}) from one seed (default: the pipeline's), with the toolkit's trial
 * runner and shrinker. The first failure is shrunk to the smallest dimensions and simplest values
 * where the same stage still fails the same way (same stage, status and mistake, compared as
 * values); the report names the stage. Draws where a stage's forward is not finite are discarded,
 * draws on a kink moved off it, as for any check. The system properties {@code gradcheck.seed} and
 * {@code gradcheck.trials} override the seed and the number of trials. Immutable.
 */
public final class PipelineTrials {

    private final PipelineSpec spec;
    private final DomainSpec domain;
    private final int trials;
    private final long seed;
    private final Duration shrinkTime;

    private PipelineTrials(PipelineSpec spec, DomainSpec domain, int trials, long seed, Duration shrinkTime) {
        this.spec = spec;
        this.domain = domain;
        this.trials = trials;
        this.seed = seed;
        this.shrinkTime = shrinkTime;
    }

    static PipelineTrials of(PipelineSpec spec, Domain domain) {
        if (domain == null) {
            throw new IllegalArgumentException("forAll: the domain is null");
        }
        DomainSpec d = domain.spec();
        Map<String, Structure> structures = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (InputSpec in : d.inputs()) {
            structures.put(in.name(), in.structure());
            names.add(in.name());
        }
        PipelineSpec withStructures = spec.withStructures(structures);
        PipelineRun.validate(withStructures, names, "the domain's inputs");
        return new PipelineTrials(withStructures, d, Trials.DEFAULT_TRIALS, spec.seed(), Trials.DEFAULT_SHRINK_TIME);
    }

    /**
     * The number of trials to judge (discarded draws are not counted).
     *
     * @param count the number of trials, at least 1
     * @return these trials with that count
     * @throws IllegalArgumentException for a number below 1
     */
    public PipelineTrials trials(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("trials: the number of trials must be at least 1, got " + count);
        }
        return new PipelineTrials(spec, domain, count, seed, shrinkTime);
    }

    /**
     * The seed of every draw and of every check; the report of a failure prints it.
     *
     * @param newSeed the seed
     * @return this check with that seed
     */
    public PipelineTrials seed(long newSeed) {
        return new PipelineTrials(spec, domain, trials, newSeed, shrinkTime);
    }

    /**
     * The time limit of shrinking (default 10 s).
     *
     * @param limit the time limit of shrinking
     * @return these trials with that time limit
     * @throws IllegalArgumentException for a null, zero or negative duration
     */
    public PipelineTrials shrinkTime(Duration limit) {
        if (limit == null || limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("shrinkTime: the time limit must be positive, got " + limit);
        }
        return new PipelineTrials(spec, domain, trials, seed, limit);
    }

    /**
     * Runs the trials. Never throws for a failed trial.
     *
     * @return the result of the trials
     */
    public PipelineTrialsResult run() {
        long effectiveSeed = Trials.override(Trials.SEED_PROPERTY, seed, Long.MIN_VALUE);
        int count = (int) Trials.override(Trials.TRIALS_PROPERTY, trials, 1);
        PipelineSpec checked = spec.withSeed(effectiveSeed);
        TrialRunner.Settings settings = new TrialRunner.Settings(count, effectiveSeed, shrinkTime, ".seed("
                + effectiveSeed + ") on the same forAll(...), or -D" + Trials.SEED_PROPERTY + "=" + effectiveSeed);
        return new PipelineTrialsOutcome(TrialRunner.run(domain, Map.of(), settings,
                inputs -> PipelineRun.attempt(checked, inputs)));
    }

    /**
     * Runs the trials and throws when one fails.
     *
     * @return the passing result
     * @throws GradientMismatchError whose message is the trials report (the stage, shrunk inputs,
     *     dims, seed, replay) and whose result is the failing stage's check at the shrunk inputs
     */
    public PipelineTrialsResult assertPasses() {
        PipelineTrialsResult result = run();
        if (!result.passed()) {
            Throwable error = ((PipelineTrialsOutcome) result).error().orElse(null);
            if (error instanceof StageFailure failure) {
                throw failure.withMessage(result.report());
            }
            throw new AssertionError(result.report(), error);
        }
        return result;
    }
}
