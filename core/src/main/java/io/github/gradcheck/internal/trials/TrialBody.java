package io.github.gradcheck.internal.trials;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** A property: what to run at each drawn case. Gets fresh copies of the inputs each time. */
@FunctionalInterface
public interface TrialBody {

    /**
     * Runs the property at these inputs.
     *
     * @param inputs by name; the body may keep or modify them
     */
    Attempt run(Map<String, DMatrixRMaj> inputs);
}
