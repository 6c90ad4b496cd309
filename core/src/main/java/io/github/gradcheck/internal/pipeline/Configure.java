package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.MatrixOfCheck;
import io.github.gradcheck.ScalarOfCheck;
import io.github.gradcheck.Structure;
import java.util.Map;

/** Gives every check of a pipeline the pipeline's options: mode, tolerance (when set), seed, structures. */
final class Configure {

    private Configure() {
    }

    static ScalarOfCheck scalar(ScalarOfCheck check, PipelineSpec spec, Map<String, Structure> structures) {
        ScalarOfCheck c = check.mode(spec.mode()).seed(spec.seed());
        if (spec.toleranceSet()) {
            c = c.tolerance(spec.rtol(), spec.atol());
        }
        for (Map.Entry<String, Structure> e : structures.entrySet()) {
            c = c.structure(e.getKey(), e.getValue());
        }
        return c;
    }

    static MatrixOfCheck matrix(MatrixOfCheck check, PipelineSpec spec, Map<String, Structure> structures) {
        MatrixOfCheck c = check.mode(spec.mode()).seed(spec.seed());
        if (spec.toleranceSet()) {
            c = c.tolerance(spec.rtol(), spec.atol());
        }
        for (Map.Entry<String, Structure> e : structures.entrySet()) {
            c = c.structure(e.getKey(), e.getValue());
        }
        return c;
    }
}
