package io.github.gradcheck;

import java.util.Optional;

/**
 * The result of a pipeline's random trials ({@code GradCheck.pipeline()…forAll(domain).run()}):
 * a {@link TrialsResult} whose failure is shrunk to the smallest case where the same stage fails
 * the same way, with the pipeline's result at that case. Immutable.
 */
public interface PipelineTrialsResult extends TrialsResult {

    /**
     * The pipeline check at the shrunk failing case; empty when every trial passed, or when the
     * failure was a configuration error at some draw (a shape mismatch between stages), which the
     * report then describes.
     *
     * @return the pipeline check at the shrunk failing case; empty when every trial passed, or when the
     *     failure was a configuration error at some draw (a shape mismatch between stages), which the report
     *     then describes
     */
    Optional<PipelineResult> failure();

    /** {@return the stage that failed at the shrunk case, as {@link PipelineResult#failedStage()} says} */
    default Optional<String> failedStage() {
        return failure().flatMap(PipelineResult::failedStage);
    }
}
