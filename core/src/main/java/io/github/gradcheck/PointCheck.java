package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Checker;
import io.github.gradcheck.internal.observe.Observation;

/**
 * A derivative check configured at one point, ready to run. Immutable; {@link #check()} may be
 * called any number of times and gives the same result for a deterministic function.
 */
public final class PointCheck {

    private final CheckSpec spec;
    private final Inputs point;

    PointCheck(CheckSpec spec, Inputs point) {
        this.spec = spec;
        this.point = point;
    }

    /**
     * Runs the check. Never throws for a failed check: a mismatch, a function that throws, returns
     * the wrong shape, modifies its argument, is not finite or not deterministic, are all results
     * with their own {@link Status}.
     *
     * @return the result
     */
    public CheckResult check() {
        long start = System.nanoTime();
        CheckResult result = Checker.run(spec, point);
        Observation.point(spec, point, result, start);
        return result;
    }

    /**
     * Runs the check and throws when it does not pass.
     *
     * @return the passing result
     * @throws GradientMismatchError with the report as its message when the status is not PASSED
     */
    public CheckResult assertPasses() {
        return passedOrThrow(check());
    }

    /** The result when it passed; else a GradientMismatchError with its report as the message. */
    static CheckResult passedOrThrow(CheckResult result) {
        if (!result.passed()) {
            throw new GradientMismatchError(result);
        }
        return result;
    }
}
