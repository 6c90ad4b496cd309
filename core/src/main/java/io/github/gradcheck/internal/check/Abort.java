package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.verdict.Problem;

/**
 * Ends a check early with a typed {@link Problem}: the user's code threw, returned the wrong
 * shape, mutated an argument, was not finite or not deterministic. Carries no stack trace; the
 * user's exception, if any, is the cause.
 */
final class Abort extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Problem problem;

    Abort(Problem problem) {
        super(null, problem.cause(), false, false);
        this.problem = problem;
    }
}
