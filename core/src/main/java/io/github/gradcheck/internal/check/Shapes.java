package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.verdict.Mended;
import io.github.gradcheck.internal.verdict.Problem;
import io.github.gradcheck.internal.verdict.Repair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The shapes and values of what derivatives return, checked as they arrive: a value of the
 * expected shape passes; one of the transposed shape, or (for a result the shape of a 1×k or n×1
 * input) of a batch's shape, is mended so that the check can go on and learn whether that was the
 * mistake; any other shape, or a second, different repair, ends the check. Safe for the workers of
 * a parallel check.
 */
final class Shapes {

    private final Map<String, Mended> mended = new LinkedHashMap<>();

    /**
     * The value when it has the expected shape, mended when a repair applies.
     *
     * @param expected what it must be, for the message (its rows and cols are the expected shape)
     * @param broadcast whether summing over a batch may apply (a result the shape of the input)
     * @throws Abort for a shape no repair explains
     */
    DMatrixRMaj conform(DMatrixRMaj value, Problem.WrongShape expected, boolean broadcast) {
        if (value.numRows == expected.rows() && value.numCols == expected.cols()) {
            return value;
        }
        Problem.WrongShape found = new Problem.WrongShape(expected.derivative(), expected.form(), expected.input(),
                value.numRows, value.numCols, expected.rows(), expected.cols(), expected.expected(), expected.function());
        Repair repair = Repair.of(value, expected.rows(), expected.cols(), broadcast);
        if (repair == null) {
            throw new Abort(found);
        }
        record(new Mended(expected.input(), repair, found));
        return repair.apply(value);
    }

    /** Notes that a derivative was mended; a second, different repair of the same input ends the check. */
    synchronized void record(Mended repair) {
        Mended before = mended.get(repair.input());
        if (before != null && before.repair() != repair.repair()) {
            throw new Abort(repair.shape());
        }
        mended.putIfAbsent(repair.input(), repair);
    }

    /** The derivatives mended so far, in the order first mended. */
    synchronized List<Mended> mended() {
        return new ArrayList<>(mended.values());
    }

    /**
     * Ends the check when a derivative's value is not finite.
     *
     * @param at where, after "the point" (" for G = E(0, 1)")
     */
    static void requireFinite(String label, DMatrixRMaj value, String at) {
        int n = value.numRows * value.numCols;
        for (int i = 0; i < n; i++) {
            double v = value.data[i];
            if (!Double.isFinite(v)) {
                throw new Abort(new Problem.DerivativeNotFinite(label, i / value.numCols, i % value.numCols, v, at));
            }
        }
    }
}
