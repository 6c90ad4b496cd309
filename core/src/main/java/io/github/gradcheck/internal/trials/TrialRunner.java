package io.github.gradcheck.internal.trials;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Checker;
import io.github.gradcheck.internal.check.Origin;
import io.github.gradcheck.internal.check.Result;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.Draws;
import io.github.gradcheck.internal.generate.InputSpec;
import io.github.gradcheck.internal.generate.StructureRules;
import io.github.gradcheck.internal.shrink.Shrinker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs a check on random inputs drawn from a domain, and shrinks the first failure.
 *
 * <p>Draw i comes from its own seed, derived from the run's seed, so the same seed gives the same
 * draws. A draw where f is not finite (outside its domain) or where finite differences cannot
 * judge is discarded; a draw on a kink is moved off it (up to {@value #MAX_NUDGES} times, by a
 * relative {@value #NUDGE}) before it is discarded. More than {@code trials} discarded draws fail
 * the run: the domain generates points where f is undefined.
 */
public final class TrialRunner {

    static final int MAX_NUDGES = 3;
    static final double NUDGE = 1e-3;

    /**
     * @param trials the trials to judge
     * @param seed the run's seed
     * @param shrinkTime the time limit of shrinking
     */
    public record Settings(int trials, long seed, Duration shrinkTime) {
    }

    private final CheckSpec spec;
    private final DomainSpec domain;
    private final Settings settings;

    private TrialRunner(CheckSpec spec, DomainSpec domain, Settings settings) {
        this.spec = spec;
        this.domain = domain;
        this.settings = settings;
    }

    /**
     * Runs the trials.
     *
     * @param spec the check; its structures default to the domain's
     * @param domain the inputs to draw (validated against the spec by the caller)
     */
    public static TrialsOutcome run(CheckSpec spec, DomainSpec domain, Settings settings) {
        CheckSpec withStructures = spec.withOptions(spec.options().withSeed(settings.seed()));
        for (InputSpec in : domain.inputs()) {
            if (!spec.options().structures().containsKey(in.name())) {
                withStructures = withStructures.withOptions(withStructures.options().withStructure(in.name(), in.structure()));
            }
        }
        return new TrialRunner(withStructures, domain, settings).loop();
    }

    private TrialsOutcome loop() {
        int judged = 0;
        int skipped = 0;
        int draw = 0;
        long evaluations = 0;
        CheckResult lastSkip = null;
        while (judged < settings.trials()) {
            if (skipped > settings.trials()) {
                return TrialsOutcome.tooManySkipped(settings, judged, skipped, draw, lastSkip, evaluations);
            }
            SplittableRandom random = new SplittableRandom(Draws.derive(settings.seed(), draw));
            draw++;
            Map<String, Integer> dims = domain.drawDims(random);
            Map<String, org.ejml.data.DMatrixRMaj> inputs = domain.drawInputs(dims, random);
            Result result = check(inputs);
            evaluations += result.evaluations();
            for (int nudge = 0; result.origin() == Origin.KINK && nudge < MAX_NUDGES; nudge++) {
                inputs = nudged(inputs, random);
                result = check(inputs);
                evaluations += result.evaluations();
            }
            switch (result.origin()) {
                case NONE -> judged++;
                case FUNCTION_UNDEFINED, KINK, UNRESOLVED -> {
                    skipped++;
                    lastSkip = result;
                }
                default -> {
                    judged++;
                    return shrink(new Shrinker.Case(dims, inputs), result, judged, skipped, draw, evaluations);
                }
            }
        }
        return TrialsOutcome.passed(settings, judged, skipped, evaluations);
    }

    private Result check(Map<String, org.ejml.data.DMatrixRMaj> inputs) {
        return (Result) Checker.run(spec, Inputs.of(inputs));
    }

    private Map<String, org.ejml.data.DMatrixRMaj> nudged(Map<String, org.ejml.data.DMatrixRMaj> inputs,
                                                         SplittableRandom random) {
        Map<String, org.ejml.data.DMatrixRMaj> out = new LinkedHashMap<>();
        for (InputSpec in : domain.inputs()) {
            Structure structure = spec.options().structure(in.name());
            out.put(in.name(), StructureRules.nudge(structure, inputs.get(in.name()), random, NUDGE));
        }
        return out;
    }

    private TrialsOutcome shrink(Shrinker.Case failing, Result original, int judged, int skipped, int draw,
                                 long evaluations) {
        Shrinker.Outcome outcome = Shrinker.shrink(domain, failing,
                candidate -> sameFailure(original, check(candidate.inputs())), settings.shrinkTime());
        Result shrunk = check(outcome.shrunk().inputs());
        return TrialsOutcome.failed(settings, judged, skipped, draw, failing, original, outcome, shrunk, evaluations);
    }

    /**
     * Whether a candidate fails the same way as the original: a wrong derivative stays a wrong
     * derivative (a mismatch may become a wrong shape, as a transposed gradient does when the
     * dimensions differ) with the same mistake when one was named; any other failure keeps its
     * status, origin and exception class.
     */
    static boolean sameFailure(Result original, Result candidate) {
        if (original.origin() == Origin.DERIVATIVE && isWrongDerivative(original)) {
            if (candidate.origin() != Origin.DERIVATIVE || !isWrongDerivative(candidate)) {
                return false;
            }
            return !named(original.mistake()) || original.mistake() == candidate.mistake();
        }
        return candidate.status() == original.status() && candidate.origin() == original.origin()
                && Objects.equals(exceptionClass(candidate), exceptionClass(original));
    }

    private static boolean isWrongDerivative(Result r) {
        return r.status() == Status.MISMATCH || r.status() == Status.SHAPE_MISMATCH;
    }

    private static boolean named(Mistake m) {
        return m != Mistake.NONE && m != Mistake.UNKNOWN;
    }

    private static Class<?> exceptionClass(Result r) {
        return r.cause().map(Object::getClass).orElse(null);
    }
}
