package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.verdict.Problem;

/**
 * Thrown by gradcheck's own adapters around a user's code (arrays, fused functions, models) when
 * what the user's code returned or did is a problem the adapter can name: a ragged array, a
 * parameter a loss modified, a gradient missing from a map. The guard turns it into the typed
 * {@link Problem} instead of reporting that "the function threw".
 */
public final class UserCodeProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public UserCodeProblem(Problem problem) {
        super(null, null, false, false);
        this.problem = problem;
    }

    /** The problem. */
    public Problem problem() {
        return problem;
    }
}
