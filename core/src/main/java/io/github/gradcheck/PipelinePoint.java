package io.github.gradcheck;

import io.github.gradcheck.internal.observe.Observation;
import io.github.gradcheck.internal.pipeline.PipelineRun;
import io.github.gradcheck.internal.pipeline.PipelineSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline check configured at one point, ready to run. Immutable; {@link #check()} may be
 * called any number of times and gives the same result for deterministic stages.
 */
public final class PipelinePoint {

    private final PipelineSpec spec;
    private final Inputs point;

    PipelinePoint(PipelineSpec spec, Inputs point) {
        this.spec = spec;
        this.point = point;
    }

    /**
     * Runs the check: the forward pass at the point, each stage's derivative at the values the
     * forward pass fed it, then the end-to-end gradient. Never throws for a failed check: a wrong
     * derivative, a stage that throws, returns values that are not finite or modifies its
     * arguments are all results, attributed to their stage.
     *
     * @return the result of the pipeline check
     * @throws IllegalArgumentException for a configuration error: a shape mismatch between stages
     *     (the message names both stages and both shapes), a derivative that returns a gradient for
     *     an input the pipeline does not have or for a constant
     */
    public PipelineResult check() {
        if (!Observation.observed()) {
            return PipelineRun.check(spec, point);
        }
        long start = System.nanoTime();
        Observation.Capture capture = Observation.capture(); // the stages' checks make one record
        PipelineResult result;
        try {
            result = PipelineRun.check(spec, point);
        } finally {
            capture.close();
        }
        Map<String, CheckResult> parts = new LinkedHashMap<>(result.stages());
        parts.put("end to end", result.endToEnd()); // the name the suite report shows for it
        CheckResult decisive = result.failedStage().map(result::stage).orElse(result.endToEnd());
        Observation.pipeline(capture, parts, decisive, result.seed(), start);
        return result;
    }

    /**
     * Runs the check and throws when it does not pass.
     *
     * @return the passing result
     * @throws GradientMismatchError with the pipeline's report as its message and the first failing
     *     stage's check (the end-to-end check when every stage passed) as its result
     */
    public PipelineResult assertPasses() {
        return check().assertPasses();
    }
}
