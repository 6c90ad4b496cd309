package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.difference.SecondDifference;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Problem;
import org.ejml.data.DMatrixRMaj;

/**
 * FULL mode for the Hessian (or hvp) of a scalar f given without a gradient: second differences
 * of f along every pair of coordinates (the lower triangle; the Hessian of a twice-differentiable
 * f is symmetric), about 6·N² evaluations for N coordinates. A Hessian given beside its gradient is
 * checked as the Jacobian of the gradient instead (see {@link Checker}).
 */
final class SecondOrder {

    private SecondOrder() {
    }

    /**
     * Compares the Hessian of one input with second differences.
     *
     * @param f0 f at the point (one entry)
     * @param calibration the noise measured near the point
     */
    static Comparison compare(Guard guard, Options options, double[] f0, Calibration calibration, Analytic a) {
        Coordinates coordinates = a.coordinates;
        int n = coordinates.size();
        Watched w = guard.input(a.input);
        DMatrixRMaj x = guard.pristine(a.input);
        double scale = StepPolicy.typicalScale(x);
        double relative = StepPolicy.relativeNoise(calibration.noise()[0], Math.abs(f0[0]));
        double[] values = new double[n * (n + 1) / 2];
        double[] errors = new double[values.length];
        double[] out = new double[1];
        for (int l = 0; l < n; l++) {
            for (int k = l; k < n; k++) {
                int kk = k;
                int ll = l;
                double anchorK = x.data[coordinates.dataIndex(k)];
                double anchorL = x.data[coordinates.dataIndex(l)];
                SecondDifference.Plane plane = (s, t) -> {
                    w.set(coordinates, kk, anchorK + s);
                    if (kk != ll) {
                        w.set(coordinates, ll, anchorL + t);
                    }
                    guard.evaluate(out);
                    w.set(coordinates, kk, anchorK);
                    w.set(coordinates, ll, anchorL);
                    return out[0];
                };
                guard.where(() -> "near the point, along " + coordinates.basis(kk)
                        + (kk == ll ? "" : " and " + coordinates.basis(ll)));
                SecondDifference.Estimate e = SecondDifference.estimate(plane, k == l,
                        StepPolicy.secondStep(relative, anchorK, scale), StepPolicy.secondStep(relative, anchorL, scale),
                        f0[0], calibration.noise()[0]);
                if (!e.defined()) {
                    String along = a.input + coordinates.entry(k) + (k == l ? "" : " and " + a.input
                            + coordinates.entry(l));
                    throw new Abort(new Problem.UndefinedNear("f", -1, 0, along, Double.NaN, Double.NaN, true));
                }
                int index = VecLayout.vechIndex(k, l, n);
                values[index] = e.value();
                errors[index] = e.error();
            }
        }
        guard.restore();
        Comparison comparison = FullMode.comparison(a, Against.SECOND_DIFFERENCES, options);
        ColumnEstimate estimate = new ColumnEstimate(n);
        double[] analytic = new double[n];
        for (int l = 0; l < n; l++) {
            for (int k = 0; k < n; k++) {
                int index = VecLayout.vechIndex(Math.max(k, l), Math.min(k, l), n);
                estimate.setKnown(k, values[index], errors[index]);
            }
            a.column(l, analytic);
            for (int k = 0; k < n; k++) {
                comparison.add(k, l, analytic[k], estimate, k);
            }
        }
        return comparison.finish();
    }
}
