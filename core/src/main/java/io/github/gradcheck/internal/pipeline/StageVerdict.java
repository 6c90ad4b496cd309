package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import java.util.List;

/**
 * One stage's check and what the pipeline learned about the stage's inputs.
 *
 * @param stage the stage
 * @param result the engine's check of its derivative
 * @param inputs the inputs it was checked at: its input, the parameters it is differentiated with
 *     respect to, and the constants (every input of the point when the stage failed before its
 *     derivative could say which it reads)
 * @param differentiated the inputs its derivative was checked for, in order
 * @param unreturned among those, the ones its derivative returns no gradient for (taken as zero):
 *     its input, or parameters its forward was found to read
 */
record StageVerdict(StageSpec stage, CheckResult result, Inputs inputs, List<String> differentiated,
                    List<String> unreturned) {

    StageVerdict {
        differentiated = List.copyOf(differentiated);
        unreturned = List.copyOf(unreturned);
    }
}
