package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * What calling a derivative again at the point tells, with no finite differences: a gradient
 * written into buffers that keeps adding into them, or whose calls differ otherwise; a vjp that
 * ignores its upstream gradient.
 */
final class CallsAgain {

    private CallsAgain() {
    }

    /**
     * A buffered gradient as it is to be compared.
     *
     * @param analytic the gradient at the point, or what each further call adds when it keeps adding
     * @param accumulates whether it keeps adding, and into whose buffer
     */
    record Buffered(DMatrixRMaj analytic, Accumulates accumulates) {
    }

    /**
     * Calls a gradient written into buffers a second time at the point. When it returns another
     * gradient, a third call tells how: a gradient that keeps adding into its buffer adds the same
     * increment every time, and what is compared from then on is that increment, so that a right
     * gradient in buffers never reset is told from a wrong one. Any other change from call to call
     * (randomness, a result that depends on what its buffer held) ends the check: no value it
     * returned is the gradient.
     */
    static Buffered buffered(Guard guard, Shapes shapes, String label, String input, DMatrixRMaj fixed,
                             Derivative.Again again, Problem.WrongShape shape) {
        int m = shape.rows();
        int n = shape.cols();
        Derivative.Reading second = read(guard, shapes, label, again, 2, shape);
        double allowed = Session.NONDETERMINISM * Math.max(maxAbs(fixed), maxAbs(second.value()));
        if (firstDifference(second.value(), fixed, allowed) < 0) {
            return new Buffered(fixed, Accumulates.NO);
        }
        Derivative.Reading third = read(guard, shapes, label, again, 3, shape);
        DMatrixRMaj increment = minus(second.value(), second.before());
        DMatrixRMaj next = minus(third.value(), third.before());
        double rounding = Session.NONDETERMINISM * Math.max(Math.max(maxAbs(second.value()), maxAbs(second.before())),
                Math.max(maxAbs(third.value()), maxAbs(third.before())));
        if (firstDifference(increment, next, rounding) >= 0) {
            int i = firstDifference(second.value(), fixed, allowed);
            throw new Abort(new Problem.NotRepeatable(label, input, m, n, i, fixed.data[i], second.value().data[i],
                    again.givenBuffer()));
        }
        return new Buffered(increment, again.givenBuffer() ? Accumulates.GIVEN_BUFFER : Accumulates.OWN_BUFFERS);
    }

    /** Another call of a buffered gradient, its value and what its buffer held checked and copied. */
    private static Derivative.Reading read(Guard guard, Shapes shapes, String label, Derivative.Again again, int time,
                                           Problem.WrongShape shape) {
        String at = time == 2 ? "at the point, called a second time" : "at the point, called a third time";
        guard.where(() -> at);
        Derivative.Reading r = guard.call(label, in -> again.call(in, time));
        guard.where(() -> "at the point");
        DMatrixRMaj value = shapes.conform(requireResult(label, r.value(), at).copy(), shape, true);
        Shapes.requireFinite(label, value, at.substring("at the point".length()));
        DMatrixRMaj before = shapes.conform(requireResult(label, r.before(), at).copy(), shape, true);
        return new Derivative.Reading(value, before);
    }

    /** The first data index where a and b differ by more than {@code allowed}, or −1. */
    private static int firstDifference(DMatrixRMaj a, DMatrixRMaj b, double allowed) {
        for (int i = 0; i < a.getNumElements(); i++) {
            if (!(Math.abs(a.data[i] - b.data[i]) <= allowed)) {
                return i;
            }
        }
        return -1;
    }

    private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        for (int i = 0; i < d.getNumElements(); i++) {
            d.data[i] -= b.data[i];
        }
        return d;
    }

    private static DMatrixRMaj requireResult(String label, DMatrixRMaj value, String at) {
        if (value == null) {
            throw new Abort(new Problem.NullResult(label, true, at));
        }
        return value;
    }

    private static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            max = Math.max(max, Math.abs(m.data[i]));
        }
        return max;
    }

    /**
     * A vjp is linear in its upstream gradient G: two random G give different results unless both
     * are zero. One that returns the same nonzero matrix for both ignores G; the check ends there,
     * with no finite differences.
     */
    static void requireUpstreamUsed(Guard guard, Shapes shapes, String label, String input, Derivative.Vjp vjp,
                                    Watched direction, Problem.WrongShape shape) {
        DMatrixRMaj[] results = new DMatrixRMaj[2];
        for (int call = 0; call < 2; call++) {
            SplittableRandom random = new SplittableRandom(0x6EED0L + call);
            DMatrixRMaj g = new DMatrixRMaj(guard.outputRows(), guard.outputCols());
            for (int i = 0; i < g.getNumElements(); i++) {
                g.data[i] = random.nextGaussian();
            }
            direction.reset(g);
            guard.where(() -> "at the point, for G = a random matrix");
            results[call] = shapes.conform(guard.call(label, vjp.function(), direction).copy(), shape, true);
            Shapes.requireFinite(label, results[call], " for G = a random matrix");
        }
        direction.clear();
        guard.where(() -> "at the point");
        double size = Math.max(maxAbs(results[0]), maxAbs(results[1]));
        if (size == 0) {
            return; // a zero vjp (F constant in this input) is the same for every G, rightly
        }
        for (int i = 0; i < results[0].getNumElements(); i++) {
            if (Math.abs(results[0].data[i] - results[1].data[i]) > Session.NONDETERMINISM * size) {
                return;
            }
        }
        throw new Abort(new Problem.IgnoresUpstream(label, input));
    }
}
