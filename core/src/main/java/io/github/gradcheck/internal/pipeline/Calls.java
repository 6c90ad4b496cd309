package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ejml.data.DMatrixRMaj;

/**
 * Calls the stages' forward functions and losses, counting every call by the phase of the
 * pipeline check it serves: what {@code evaluations()} reports, and what its cost is measured in.
 */
final class Calls {

    /** What a forward call served. */
    enum Phase {
        /** The forward pass at the point, which gives every stage its input. */
        FORWARD_PASS,
        /** The engine's checks of the stages' derivatives. */
        STAGE_CHECKS,
        /** Finite differences of the whole forward pass (stages whose inputs did not change are not called). */
        END_TO_END,
        /** Probes on failure only: which shape a stage takes, which parameters it reads. */
        PROBES
    }

    private final AtomicLongArray counts = new AtomicLongArray(Phase.values().length);

    DMatrixRMaj forward(StageSpec stage, Inputs in, Phase phase) {
        counts.incrementAndGet(phase.ordinal());
        return stage.forward().apply(in);
    }

    double loss(StageSpec stage, Inputs in, Phase phase) {
        counts.incrementAndGet(phase.ordinal());
        return stage.loss().applyAsDouble(in);
    }

    long count(Phase phase) {
        return counts.get(phase.ordinal());
    }

    long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
