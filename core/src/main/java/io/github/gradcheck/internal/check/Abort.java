package io.github.gradcheck.internal.check;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.report.Report;

/**
 * Ends a check early with a result that is not a comparison: the user's code threw, returned
 * the wrong shape, mutated an argument, was not finite or not deterministic. Carries no stack
 * trace; the user's exception, if any, is the cause.
 */
final class Abort extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Status status;
    final transient Mistake mistake;
    final transient Origin origin;
    final transient Report.Builder report;

    Abort(Status status, Mistake mistake, Origin origin, Report.Builder report, Throwable cause) {
        super(null, cause, false, false);
        this.status = status;
        this.mistake = mistake;
        this.origin = origin;
        this.report = report;
    }
}
