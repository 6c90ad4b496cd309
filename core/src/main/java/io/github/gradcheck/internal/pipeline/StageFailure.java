package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.internal.trials.Attempt;
import java.util.Map;

/**
 * Thrown when a pipeline does not pass: a {@link GradientMismatchError} whose result is the check
 * of the first failing stage (or the end-to-end check), and which tells random trials, through
 * {@link Attempt.Located}, in which stage the failure lies, so that shrinking keeps to that stage.
 */
public final class StageFailure extends GradientMismatchError implements Attempt.Located {

    private static final long serialVersionUID = 1L;

    private final transient PipelineOutcome pipeline;

    StageFailure(PipelineOutcome pipeline, String message) {
        super(pipeline.decisive(), message);
        this.pipeline = pipeline;
    }

    /** The same failure with another message (the report of the random trials that found it). */
    public StageFailure withMessage(String message) {
        return new StageFailure(pipeline, message);
    }

    /** The pipeline's result. */
    public PipelineResult pipeline() {
        return pipeline;
    }

    @Override
    public Attempt.Part part() {
        return pipeline.locus();
    }

    @Override
    public String headline() {
        return pipeline.headline();
    }

    @Override
    public Map<String, String> facts() {
        return pipeline.facts();
    }
}
