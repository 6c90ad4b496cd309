package io.github.gradcheck;

/**
 * Thrown by {@code assertPasses()} when a check does not pass. Its message is the check's
 * {@linkplain CheckResult#report() report}; its cause is the user's exception for
 * {@link Status#THREW}.
 */
public class GradientMismatchError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient CheckResult result;

    /**
     * @param result the failed check, not null
     */
    public GradientMismatchError(CheckResult result) {
        super(result.report(), result.cause().orElse(null));
        this.result = result;
    }

    /**
     * @param result the failed check, not null
     * @param message the message (for random trials: the trials report, with dims, seed and replay)
     */
    public GradientMismatchError(CheckResult result, String message) {
        super(message, result.cause().orElse(null));
        this.result = result;
    }

    /** {@return the failed check} */
    public CheckResult result() {
        return result;
    }
}
