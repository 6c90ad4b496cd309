package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Counterexample;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.PipelineTrialsResult;
import io.github.gradcheck.internal.trials.TrialsOutcome;
import java.util.Map;
import java.util.Optional;

/** The result of a pipeline's random trials: the trials' own result, and the pipeline at the shrunk case. */
public final class PipelineTrialsOutcome implements PipelineTrialsResult {

    private final TrialsOutcome trials;

    public PipelineTrialsOutcome(TrialsOutcome trials) {
        this.trials = trials;
    }

    @Override
    public Optional<PipelineResult> failure() {
        return trials.counterexample().isEmpty() ? Optional.empty()
                : trials.error().filter(StageFailure.class::isInstance).map(e -> ((StageFailure) e).pipeline());
    }

    /** The exception behind the shrunk failure: the pipeline's assertion, or a configuration error. */
    public Optional<Throwable> error() {
        return trials.error();
    }

    @Override
    public boolean passed() {
        return trials.passed();
    }

    @Override
    public int trials() {
        return trials.trials();
    }

    @Override
    public int skipped() {
        return trials.skipped();
    }

    @Override
    public long seed() {
        return trials.seed();
    }

    @Override
    public Optional<Counterexample> counterexample() {
        return trials.counterexample();
    }

    @Override
    public String headline() {
        return trials.headline();
    }

    @Override
    public Map<String, String> facts() {
        return trials.facts();
    }

    @Override
    public String report() {
        return trials.report();
    }

    @Override
    public String toString() {
        return report();
    }
}
