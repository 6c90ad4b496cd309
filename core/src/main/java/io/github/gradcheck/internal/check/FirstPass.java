package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.NoiseEstimator;

/**
 * FULL mode's first pass: every Jacobian column estimated with one central difference, two
 * evaluations of f, each entry with the a-priori error bound of {@link StepPolicy#priorError};
 * only the columns where that cannot decide are refined (a second step, Richardson's error
 * estimate, kink detection: {@link io.github.gradcheck.internal.difference.CentralDifference}).
 *
 * <p>An entry is decided by the first pass when its analytic value a passes against every value
 * the bound allows: |a − D| + B ≤ atol + rtol·S, for the estimate D, its bound B and the
 * derivative's scale S. If B holds, the analytic value is then within the bare tolerance of the
 * true derivative, which is what a refined estimate would have to show too (its tolerance adds its
 * own error bound). An entry that is not clearly inside (a wrong derivative, or a bound too wide
 * to tell: a kink inside the step, a large F″, noise) sends its column to refinement, which then
 * decides exactly as if there were no first pass. A value that is not finite does too, and so does
 * a column where F did not change at all: f may round the coordinate (to float, say) so that the
 * step is lost, whatever its derivative; in a column where some entries moved, an entry that did
 * not is a zero of the Jacobian within its noise.
 *
 * <p>S is the largest estimate recorded for this input, and a column decided here records its
 * first-pass estimates: the columns of a block are accepted against the largest estimate of the
 * accepted ones (and of the blocks before), and when one is sent to refinement the others are
 * judged again against the smaller scale that remains, until none changes. So every accepted entry
 * passes the comparison's own rule ({@link io.github.gradcheck.internal.verdict.Tolerance}) at the
 * final scale, which only grows.
 */
final class FirstPass {

    private final Calibration.Prior prior;
    private final double[] f0;

    /**
     * @param prior the calibration of the first pass
     * @param f0 F at the point (vec order), not modified
     */
    FirstPass(Calibration.Prior prior, double[] f0) {
        this.prior = prior;
        this.f0 = f0;
    }

    /**
     * Estimates column k of the Jacobian by one central difference: every entry's value and
     * a-priori bound, weighted as {@link FullMode#estimateColumn} weighs them.
     *
     * @param weight the coordinate's weight (½ for a symmetric pair of a gradient, else 1)
     * @param plus work array of F's size
     * @param minus work array of F's size
     * @param out receives the estimates
     * @return false when some value of F was not finite, or no value moved (then the column must be
     *     refined)
     */
    boolean estimate(CoordinateLine line, int k, double weight, double[] plus, double[] minus, ColumnEstimate out) {
        line.moveTo(k);
        line.guard.where(line::describe);
        double scale = Math.max(Math.abs(line.anchor()), line.scale());
        double h = StepPolicy.firstStep(prior.step(), line.anchor(), line.scale());
        double up = line.evaluate(h, plus);
        double down = -line.evaluate(-h, minus);
        line.restore();
        double[] noise = prior.noise();
        double[] third = prior.third();
        boolean moved = false;
        for (int i = 0; i < f0.length; i++) {
            double a = plus[i];
            double b = minus[i];
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                return false;
            }
            moved |= a != f0[i] || b != f0[i];
            double f = f0[i];
            double right = (a - f) / up;
            double left = (f - b) / down;
            double value = (a - b) / (up + down);
            // the noise: as measured, at least the rounding of |F|, and half the granularity of
            // the values that moved (values all multiples of a coarse power of two were rounded so)
            double granularity = Math.min(a == f ? Double.POSITIVE_INFINITY : NoiseEstimator.granularity(a),
                    b == f ? Double.POSITIVE_INFINITY : NoiseEstimator.granularity(b));
            double sigma = Math.max(Math.max(noise[i], 2 * StepPolicy.EPS * Math.max(Math.abs(f),
                    Math.max(Math.abs(a), Math.abs(b)))), Double.isFinite(granularity) ? 0.5 * granularity : 0);
            double error = StepPolicy.priorError(right - left, up, down, third[i], scale, sigma);
            out.setEstimate(i, weight * value, weight * error, h);
        }
        // F unchanged in every entry: the step is below its resolution along this coordinate (it
        // rounds the input, to float say), or F does not depend on it; only refinement can tell
        return moved;
    }

    /**
     * Decides which columns of a block the first pass settles: a column whose every entry is
     * clearly inside the tolerance (see the class comment) at the scale of the accepted columns
     * and of {@code recorded}. Columns already flagged for refinement stay flagged.
     *
     * @param estimates the first-pass estimates of the block's columns
     * @param analytic the analytic columns, in the same order
     * @param count the columns in the block
     * @param recorded the largest estimate the comparison recorded before this block
     * @param refine per column, whether it must be refined; updated
     */
    static void decide(ColumnEstimate[] estimates, double[][] analytic, int count, double recorded, double atol,
                       double rtol, boolean[] refine) {
        boolean changed = true;
        while (changed) {
            double scale = recorded;
            for (int c = 0; c < count; c++) {
                if (!refine[c]) {
                    ColumnEstimate e = estimates[c];
                    for (int i = 0; i < e.size(); i++) {
                        scale = Math.max(scale, Math.abs(e.value[i]));
                    }
                }
            }
            double bar = atol + rtol * scale;
            changed = false;
            for (int c = 0; c < count; c++) {
                if (!refine[c] && !clearlyInside(estimates[c], analytic[c], bar)) {
                    refine[c] = true;
                    changed = true;
                }
            }
        }
    }

    /** Whether every entry's analytic value passes against the worst value its bound allows. */
    private static boolean clearlyInside(ColumnEstimate e, double[] analytic, double bar) {
        for (int i = 0; i < e.size(); i++) {
            if (!(Math.abs(analytic[i] - e.value[i]) + e.error[i] <= bar)) {
                return false;
            }
        }
        return true;
    }
}
