package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.CentralDifference;

/**
 * What estimates the columns of one input: a line through the coordinates of the inputs its guard
 * owns, the differences' work arrays and the user's derivative bound to that guard. A sequential
 * check has one, on the check's own guard; a parallel one a worker's each, on the worker's copies.
 */
final class ColumnWorker {

    final Guard guard;
    final CoordinateLine line;
    final CentralDifference differences;
    final Analytic analytic;
    /** Work arrays of F's size: the analytic values along a coordinate, F at ±h of a first-pass difference. */
    final double[] hint;
    final double[] plus;
    final double[] minus;

    /**
     * @param guard the guard whose inputs this worker moves
     * @param analytic the derivative, prepared on that guard
     * @param outputs F's entries
     */
    ColumnWorker(Guard guard, Analytic analytic, int outputs) {
        this.guard = guard;
        this.line = new CoordinateLine(guard, analytic.input, analytic.coordinates);
        this.differences = new CentralDifference(outputs);
        this.analytic = analytic;
        this.hint = new double[outputs];
        this.plus = new double[outputs];
        this.minus = new double[outputs];
    }
}
