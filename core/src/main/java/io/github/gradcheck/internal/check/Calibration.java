package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.difference.NoiseEstimator;
import io.github.gradcheck.internal.linalg.Coordinates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The evaluation noise of f near the point, measured once before FULL mode's differences, and the
 * first step it calls for ({@link StepPolicy}). Immutable.
 *
 * @param noise the noise's standard deviation per entry of F (vec order)
 * @param blind whether the measurement saw F change nowhere (then a flat first step is grown)
 * @param relativeNoise the largest noise relative to the largest |F|
 * @param stepFactor the first step relative to a coordinate's scale
 */
record Calibration(double[] noise, boolean blind, double relativeNoise, double stepFactor) {

    /**
     * Measures the noise of f along a random admissible direction (symmetric for a symmetric
     * input) through every differentiated input, from the check's seed.
     *
     * @param f0 F at the point (vec order)
     * @param analytics the prepared derivatives: their values tell whether f computes in float
     */
    static Calibration measure(Guard guard, CheckSpec spec, double[] f0, List<Analytic> analytics) {
        SplittableRandom random = new SplittableRandom(spec.options().seed());
        List<Watched> differentiated = new ArrayList<>();
        List<double[]> directions = new ArrayList<>();
        for (String name : spec.differentiated().keySet()) {
            Watched w = guard.input(name);
            DMatrixRMaj x = guard.pristine(name);
            Coordinates coordinates = Basis.of(spec.options().structure(name), w.rows(), w.cols());
            // relative to each entry: if f rounds its inputs (to float, say), every entry then
            // reaches its rounding at the same spacing, where f stops changing; an all-zero input
            // is moved on its typical scale instead
            boolean zero = CommonOps_DDRM.elementMaxAbs(x) == 0;
            double[] p = new double[w.rows() * w.cols()];
            for (int k = 0; k < coordinates.size(); k++) {
                int i = coordinates.dataIndex(k);
                double step = (2 * random.nextDouble() - 1) * (zero ? 1.0 : Math.abs(x.data[i]));
                p[i] = step;
                if (coordinates.pairedIndex(k) >= 0) {
                    p[coordinates.pairedIndex(k)] = step;
                }
            }
            differentiated.add(w);
            directions.add(p);
        }
        Line along = (t, out) -> {
            for (int a = 0; a < differentiated.size(); a++) {
                Watched w = differentiated.get(a);
                DMatrixRMaj x = guard.pristine(w.name);
                double[] p = directions.get(a);
                for (int i = 0; i < p.length; i++) {
                    if (p[i] != 0) {
                        w.set(i, x.data[i] + t * p[i]);
                    }
                }
            }
            guard.evaluate(out);
            return t;
        };
        guard.where(() -> "near the point (measuring evaluation noise along a random direction)");
        NoiseEstimator.Result measured = NoiseEstimator.estimate(along, f0, floatValued(analytics));
        boolean blind = true;
        for (boolean b : measured.blind()) {
            blind &= b;
        }
        guard.restore();
        double relative = StepPolicy.relativeNoise(maxAbs(measured.noise()), maxAbs(f0));
        return new Calibration(measured.noise(), blind, relative, StepPolicy.firstStepFactor(relative));
    }

    /** Whether every given gradient and Jacobian holds float values: then f computes in float too. */
    private static boolean floatValued(List<Analytic> analytics) {
        boolean any = false;
        for (Analytic a : analytics) {
            DMatrixRMaj m = a.fixed();
            if (m != null && !a.derivative.secondOrder()) {
                any = true;
                if (!NoiseEstimator.isFloatValued(Arrays.copyOf(m.data, m.getNumElements()))) {
                    return false;
                }
            }
        }
        return any;
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
