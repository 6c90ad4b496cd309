package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;

/** Runs one derivative check at one point: the entry from the API into the engine. */
public final class Checker {

    private Checker() {
    }

    /**
     * Checks the derivatives of {@code spec} at {@code point}. Never throws for a failed check: a
     * throwing, mutating, non-finite or nondeterministic user function is a result too.
     *
     * @param point the inputs, each already validated (finite, non-empty); not modified
     */
    public static CheckResult run(CheckSpec spec, Inputs point) {
        return new Run(spec, point).execute();
    }
}
