package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.verdict.ProbeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * FAST mode's random directions, drawn in order from the check's seed, and what the user's
 * derivative and an exact reference say along them. Every free coordinate k of every
 * differentiated input gets an independent standard normal zₖ, scaled by sₖ = max(|xₖ|, the
 * input's RMS) (as FULL scales its steps): V = Σ zₖ sₖ Bₖ. A bilinear probe also draws U, a
 * standard normal of F's shape (or of the input's, for a Hessian).
 */
final class Directions {

    /** One probe's directions: U (vec order, and as a matrix) when a bilinear form needs it, and V per input. */
    record Direction(double[] u, DMatrixRMaj uMatrix, List<DMatrixRMaj> v) {
    }

    private final Guard guard;
    private final List<Analytic> analytics;
    private final ProbeKind kind;
    private final int outputs;
    private final long seed;
    private final SplittableRandom random;
    /** Each analytic input's RMS (the smallest scale of a step), computed once: inputs may be large. */
    private final double[] scales;

    Directions(Guard guard, List<Analytic> analytics, ProbeKind kind, int outputs, long seed) {
        this.guard = guard;
        this.analytics = analytics;
        this.kind = kind;
        this.outputs = outputs;
        this.seed = seed;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.scales = new double[analytics.size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = StepPolicy.typicalScale(guard.pristine(analytics.get(i).input));
        }
    }

    /** The next direction. */
    Direction draw() {
        double[] u = null;
        DMatrixRMaj uMatrix = null;
        if (kind == ProbeKind.SECOND) {
            uMatrix = gaussian(0);
            u = new double[uMatrix.getNumElements()];
            VecLayout.vecInto(uMatrix, u);
        } else if (kind == ProbeKind.BILINEAR) {
            u = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                u[i] = random.nextGaussian();
            }
            uMatrix = new DMatrixRMaj(guard.outputRows(), guard.outputCols());
            VecLayout.unvecInto(u, uMatrix);
        }
        List<DMatrixRMaj> v = new ArrayList<>();
        for (int i = 0; i < analytics.size(); i++) {
            v.add(gaussian(i));
        }
        return new Direction(u, uMatrix, v);
    }

    /**
     * Direction {@code index} drawn again (cheaper than keeping k directions of the input's size):
     * the directions are drawn in order from one seed.
     */
    Direction replay(int index) {
        Directions again = new Directions(guard, analytics, kind, outputs, seed);
        Direction d = null;
        for (int i = 0; i <= index; i++) {
            d = again.draw();
        }
        return d;
    }

    /** Σ zₖ sₖ Bₖ over the coordinates of an input, zₖ standard normal, sₖ = max(|xₖ|, RMS). */
    private DMatrixRMaj gaussian(int input) {
        Analytic a = analytics.get(input);
        DMatrixRMaj x = guard.pristine(a.input);
        Coordinates c = a.coordinates;
        double rms = scales[input];
        DMatrixRMaj v = new DMatrixRMaj(c.rows(), c.cols());
        if (c.free()) {
            // coordinate k is vec index k: the same draws, without an index computation per entry
            int rows = c.rows();
            int cols = c.cols();
            for (int col = 0; col < cols; col++) {
                for (int i = col; i < rows * cols; i += cols) {
                    v.data[i] = random.nextGaussian() * Math.max(Math.abs(x.data[i]), rms);
                }
            }
            return v;
        }
        for (int k = 0; k < c.size(); k++) {
            double z = random.nextGaussian() * Math.max(Math.abs(x.data[c.dataIndex(k)]), rms);
            v.data[c.dataIndex(k)] = z;
            if (c.pairedIndex(k) >= 0) {
                v.data[c.pairedIndex(k)] = z;
            }
        }
        return v;
    }

    /** Entries of a probe: F's for a vector probe, one otherwise. */
    int width() {
        return kind == ProbeKind.VECTOR ? outputs : 1;
    }

    /** The user's side of a probe: ⟨G, V⟩, J·vec(V), ⟨U, J V⟩ or vec(U)ᵀ H vec(V). */
    double[] analytic(Direction d) {
        double[] out = new double[width()];
        if ((kind == ProbeKind.VECTOR || kind == ProbeKind.GRADIENT) && analytics.size() == 1) {
            analytics.get(0).along(d.v().get(0), out); // one input: no sum (F may have a million entries)
        } else if (kind == ProbeKind.VECTOR || kind == ProbeKind.GRADIENT) {
            double[] term = new double[out.length];
            for (int i = 0; i < analytics.size(); i++) {
                analytics.get(i).along(d.v().get(i), term);
                for (int r = 0; r < out.length; r++) {
                    out[r] += term[r];
                }
            }
        } else {
            for (int i = 0; i < analytics.size(); i++) {
                out[0] += analytics.get(i).bilinear(d.u(), d.uMatrix(), d.v().get(i));
            }
        }
        return out;
    }

    /** The exact reference's side of a probe, from its Jacobians: J·vec(V), projected on U for a bilinear probe. */
    double[] exact(Direction d, Map<String, Operator> jacobians) {
        double[] jv = new double[outputs];
        double[] sum = new double[outputs];
        for (int i = 0; i < analytics.size(); i++) {
            Operator j = jacobians.get(analytics.get(i).input);
            double[] vecV = new double[j.cols()];
            VecLayout.vecInto(d.v().get(i), vecV);
            j.applyInto(vecV, jv);
            for (int r = 0; r < outputs; r++) {
                sum[r] += jv[r];
            }
        }
        if (kind == ProbeKind.VECTOR) {
            return sum;
        }
        if (kind == ProbeKind.GRADIENT) {
            return new double[] {sum[0]};
        }
        double projected = 0;
        for (int r = 0; r < outputs; r++) {
            projected += d.u()[r] * sum[r];
        }
        return new double[] {projected};
    }

    /** For the gradient of one square input: ⟨Gᵀ, V⟩, to recognise a transposed gradient; NaN otherwise. */
    double transposed(Direction d) {
        if (kind != ProbeKind.GRADIENT || analytics.size() != 1) {
            return Double.NaN;
        }
        DMatrixRMaj g = analytics.get(0).fixed();
        DMatrixRMaj v = d.v().get(0);
        if (g.numRows != g.numCols) {
            return Double.NaN;
        }
        double sum = 0;
        for (int r = 0; r < g.numRows; r++) {
            for (int c = 0; c < g.numCols; c++) {
                sum += g.unsafe_get(c, r) * v.unsafe_get(r, c);
            }
        }
        return sum;
    }
}
