package io.github.gradcheck.internal.trials;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Checker;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.Draws;
import io.github.gradcheck.internal.generate.InputSpec;
import io.github.gradcheck.internal.generate.StructureRules;
import io.github.gradcheck.internal.shrink.Shrinker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs a property on random inputs drawn from a domain, and shrinks the first failure.
 *
 * <p>Draw i comes from its own seed, derived from the run's seed, so the same seed gives the same
 * draws. A discarded draw (f not finite there, finite differences could not judge, an assumption
 * failed) is not counted; a draw on a kink is moved off it (up to {@value #MAX_NUDGES} times, by a
 * relative {@value #NUDGE}, inside each input's structure) before it is discarded. More than
 * {@code trials} discarded draws fail the run: the domain generates points where f cannot be
 * checked.
 */
public final class TrialRunner {

    static final int MAX_NUDGES = 3;
    static final double NUDGE = 1e-3;

    /**
     * @param trials the trials to judge
     * @param seed the run's seed
     * @param shrinkTime the time limit of shrinking
     * @param replay how to rerun exactly this case, for the report
     */
    public record Settings(int trials, long seed, Duration shrinkTime, String replay) {
    }

    private final DomainSpec domain;
    private final Map<String, Structure> perturbation;
    private final Settings settings;
    private final TrialBody body;

    private TrialRunner(DomainSpec domain, Map<String, Structure> perturbation, Settings settings, TrialBody body) {
        this.domain = domain;
        this.perturbation = perturbation;
        this.settings = settings;
        this.body = body;
    }

    /**
     * Runs a property.
     *
     * @param perturbation the structure each input is moved off a kink within (default: the domain's)
     */
    public static TrialsOutcome run(DomainSpec domain, Map<String, Structure> perturbation, Settings settings,
                                    TrialBody body) {
        return new TrialRunner(domain, perturbation, settings, body).loop();
    }

    /** Runs a derivative check as the property; its structures default to the domain's. */
    public static TrialsOutcome check(CheckSpec spec, DomainSpec domain, Settings settings) {
        CheckSpec trial = spec.withOptions(spec.options().withSeed(settings.seed()));
        for (InputSpec in : domain.inputs()) {
            if (!spec.options().structures().containsKey(in.name())) {
                trial = trial.withOptions(trial.options().withStructure(in.name(), in.structure()));
            }
        }
        CheckSpec checked = trial;
        return run(domain, checked.options().structures(), settings,
                inputs -> Attempt.of(Checker.run(checked, Inputs.of(inputs))));
    }

    private TrialsOutcome loop() {
        int judged = 0;
        int skipped = 0;
        int draw = 0;
        Attempt lastSkip = null;
        while (judged < settings.trials()) {
            if (skipped > settings.trials()) {
                return TrialsOutcome.tooManySkipped(settings, judged, skipped, draw, lastSkip);
            }
            SplittableRandom random = new SplittableRandom(Draws.derive(settings.seed(), draw));
            draw++;
            Map<String, Integer> dims = domain.drawDims(random);
            Map<String, DMatrixRMaj> inputs = domain.drawInputs(dims, random);
            Attempt attempt = attempt(inputs);
            for (int nudge = 0; attempt.kind() == Attempt.Kind.KINK && nudge < MAX_NUDGES; nudge++) {
                inputs = nudged(inputs, random);
                attempt = attempt(inputs);
            }
            switch (attempt.kind()) {
                case PASSED -> judged++;
                case DISCARDED, KINK -> {
                    skipped++;
                    lastSkip = attempt;
                }
                default -> {
                    judged++;
                    return shrink(new Shrinker.Case(dims, inputs), attempt, judged, skipped, draw);
                }
            }
        }
        return TrialsOutcome.passed(settings, judged, skipped);
    }

    /** Runs the body on copies, so that it may keep or change what it is given. */
    private Attempt attempt(Map<String, DMatrixRMaj> inputs) {
        Map<String, DMatrixRMaj> copies = new LinkedHashMap<>();
        inputs.forEach((name, m) -> copies.put(name, m.copy()));
        return body.run(copies);
    }

    private Map<String, DMatrixRMaj> nudged(Map<String, DMatrixRMaj> inputs, SplittableRandom random) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (InputSpec in : domain.inputs()) {
            Structure structure = perturbation.getOrDefault(in.name(), in.structure());
            out.put(in.name(), StructureRules.nudge(structure, inputs.get(in.name()), random, NUDGE));
        }
        return out;
    }

    private TrialsOutcome shrink(Shrinker.Case failing, Attempt original, int judged, int skipped, int draw) {
        Shrinker.Outcome outcome = Shrinker.shrink(domain, failing,
                candidate -> original.sameFailure(attempt(candidate.inputs())), settings.shrinkTime());
        Attempt shrunk = attempt(outcome.shrunk().inputs());
        return TrialsOutcome.failed(settings, judged, skipped, draw, failing, original, outcome, shrunk);
    }
}
