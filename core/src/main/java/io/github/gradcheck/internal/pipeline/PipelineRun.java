package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.PipelineResult.Wiring;
import io.github.gradcheck.Stage;
import io.github.gradcheck.internal.trials.Attempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs a pipeline check at one point: the entry from the API into the pipeline machinery.
 *
 * <p>Order: the forward pass and the chain rule back through the user's derivatives at the point
 * ({@link Recording}); each stage's check at the values it was fed, in forward order, up to the
 * stage where the forward pass stopped ({@link StageChecks}); the end-to-end check
 * ({@link EndToEnd}); when every stage passed and a gradient the user wired end to end did not,
 * the wiring diagnosis ({@link WiringAnalysis}).
 */
public final class PipelineRun {

    private PipelineRun() {
    }

    /**
     * Checks the pipeline at {@code point}. Never throws for a failed check.
     *
     * @param point every input, validated (finite, non-empty); not modified
     * @throws IllegalArgumentException for a configuration error: a shape mismatch between stages,
     *     a derivative that returns a gradient for an input the pipeline does not have or for a
     *     constant, a stage differentiated with respect to nothing
     */
    public static PipelineResult check(PipelineSpec spec, Inputs point) {
        Calls calls = new Calls();
        Recording recording = Recording.at(spec, point, calls, Calls.Phase.FORWARD_PASS);
        StageChecks checks = new StageChecks(spec, recording, calls);
        int reached = recording.stop() < 0 ? spec.stages().size() : recording.stop() + 1;
        List<StageVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < reached; i++) {
            verdicts.add(checks.check(i));
        }
        List<String> differentiated = endToEndInputs(spec, point.names());
        CheckResult endToEnd = EndToEnd.check(spec, recording, verdicts, differentiated, calls);
        boolean stagesPass = verdicts.size() == spec.stages().size();
        for (StageVerdict v : verdicts) {
            stagesPass &= v.result().passed();
        }
        List<Wiring> wiring = stagesPass && !endToEnd.passed() && !spec.gradients().isEmpty()
                ? WiringAnalysis.analyse(spec, recording, spec.parameters(point.names())) : List.of();
        PipelineOutcome.Cost cost = new PipelineOutcome.Cost(calls.count(Calls.Phase.FORWARD_PASS),
                calls.count(Calls.Phase.STAGE_CHECKS), calls.count(Calls.Phase.END_TO_END),
                calls.count(Calls.Phase.PROBES));
        return new PipelineOutcome(spec, verdicts, recording.stop(), endToEnd, differentiated, wiring, cost);
    }

    /**
     * Checks that a pipeline can run on inputs of these names.
     *
     * @param where how messages name the inputs ("the inputs", "the domain's inputs")
     * @throws IllegalStateException when the pipeline has no loss
     * @throws IllegalArgumentException when the input is missing, a gradient or constant names no
     *     input, or there is nothing to differentiate end to end
     */
    public static void validate(PipelineSpec spec, Set<String> names, String where) {
        spec.requireFits(names, where);
        endToEndInputs(spec, names);
    }

    /** The parameters; the pipeline's input when there is none. */
    static List<String> endToEndInputs(PipelineSpec spec, Set<String> names) {
        List<String> parameters = spec.parameters(names);
        if (!parameters.isEmpty()) {
            return parameters;
        }
        if (spec.isConstant(Stage.INPUT)) {
            throw new IllegalArgumentException("the pipeline has nothing to differentiate end to end: it has no "
                    + "parameters, and its input " + Stage.INPUT + " is a constant");
        }
        return List.of(Stage.INPUT);
    }

    /**
     * One random trial: the check at drawn inputs, as an attempt that tells shrinking which stage
     * failed. A configuration error at this draw (a shape mismatch between stages only some
     * dimensions cause) is a failed attempt too.
     *
     * @param inputs the drawn inputs, by name; kept
     */
    public static Attempt attempt(PipelineSpec spec, Map<String, DMatrixRMaj> inputs) {
        PipelineResult result;
        try {
            result = check(spec, Inputs.of(inputs));
        } catch (IllegalArgumentException e) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("status", "CONFIGURATION_ERROR");
            facts.put("error", e.getClass().getName());
            facts.put("message", String.valueOf(e.getMessage()));
            return Attempt.failed(e, "the pipeline cannot run on this draw: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), facts);
        }
        if (result.passed()) {
            return Attempt.PASSED;
        }
        PipelineOutcome outcome = (PipelineOutcome) result;
        return Attempt.of(outcome.decisive(), new StageFailure(outcome, outcome.report()));
    }
}
