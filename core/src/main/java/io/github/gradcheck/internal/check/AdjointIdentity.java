package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Verdict;
import io.github.gradcheck.internal.verdict.Why;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The adjoint identity of a jvp and a vjp given for the same input: ⟨U, jvp(V)⟩ = ⟨vjp(U), V⟩ for
 * every U (F's shape) and every V the input's structure admits (symmetric for a SYMMETRIC input,
 * diagonal for a DIAGONAL one, …), since the vjp is the adjoint of the jvp. It is tested on
 * {@value #PAIRS} random pairs to rounding error, with no finite differences: two calls each and
 * one evaluation of F. It cannot say which of the two is wrong; finite differences can, when the
 * error is large enough for them.
 */
final class AdjointIdentity {

    /**
     * Random pairs tested. For a jvp and vjp that are not adjoint, E = J − (the vjp's map)ᵀ ≠ 0, and
     * ⟨U, E V⟩ for Gaussian U, V is a non-degenerate random variable: it falls within rounding of 0
     * with a probability of the order of that rounding.
     */
    static final int PAIRS = 3;

    private AdjointIdentity() {
    }

    /**
     * Tests the identity for one input, with the check's seed.
     *
     * @param jvp the jvp given
     * @param vjp the vjp given
     * @return a verdict of one finding: PASSED when every pair agrees to rounding, MISMATCH otherwise;
     *     the check's problem when a call misbehaves (then the finite-difference checks report it too)
     */
    static Verdict test(CheckSpec spec, Inputs point, String input, Derivative.Jvp jvp, Derivative.Vjp vjp) {
        Guard guard = new Guard(spec, point);
        double rtol = spec.options().exactRtol();
        try {
            guard.evaluateNew(); // F's shape
            DMatrixRMaj f0 = new DMatrixRMaj(guard.outputRows(), guard.outputCols());
            DMatrixRMaj x = guard.pristine(input);
            SplittableRandom random = new SplittableRandom(spec.options().seed() ^ 0xAD101A7L);
            Watched u = new Watched("G", f0);
            Watched v = new Watched("H", new DMatrixRMaj(x.numRows, x.numCols));
            // V stays in the input's structure: a derivative is only asked to be right there
            Coordinates coordinates = Basis.of(spec.options().structure(input), x.numRows, x.numCols);
            String jvpLabel = spec.derivativeName(input, jvp);
            String vjpLabel = spec.derivativeName(input, vjp);
            Finding.Adjoint worst = null;
            for (int pair = 0; pair < PAIRS; pair++) {
                DMatrixRMaj un = gaussian(random, f0.numRows, f0.numCols);
                DMatrixRMaj vn = admissible(random, coordinates);
                u.reset(un);
                v.reset(vn);
                guard.where(() -> "at the point, for random directions");
                DMatrixRMaj jv = guard.call(jvpLabel, jvp.function(), v).copy();
                DMatrixRMaj ju = guard.call(vjpLabel, vjp.function(), u).copy();
                if (jv.numRows != f0.numRows || jv.numCols != f0.numCols || ju.numRows != x.numRows
                        || ju.numCols != x.numCols) {
                    return null; // a wrong shape: the finite-difference checks name it
                }
                double a = dot(un, jv);
                double b = dot(ju, vn);
                double allowed = rtol * (norm(un) * norm(jv) + norm(ju) * norm(vn));
                Finding.Adjoint found = new Finding.Adjoint(input, jvpLabel, vjpLabel, pair, PAIRS, a, b, allowed);
                if (worst == null || found.excess() > worst.excess()) {
                    worst = found;
                }
            }
            boolean holds = worst.excess() <= 1;
            Finding finding = new Finding(holds ? Status.PASSED : Status.MISMATCH, holds ? Why.MATCHES : Why.WRONG_ENTRIES,
                    holds ? Origin.NONE : Origin.DERIVATIVE, holds ? Mistake.NONE : Mistake.UNKNOWN, Double.NaN,
                    Mode.FULL, null, null, null, PAIRS, holds ? 0 : 1, Math.abs(worst.jvpSide() - worst.vjpSide()),
                    Double.NaN, 0, worst);
            return new Verdict.Single(finding, guard.evaluations());
        } catch (Abort abort) {
            return null; // the finite-difference checks meet the same problem and report it
        }
    }

    /** Σₖ zₖ Bₖ for Gaussian zₖ over the coordinates Bₖ: a random direction inside the structure. */
    private static DMatrixRMaj admissible(SplittableRandom random, Coordinates coordinates) {
        DMatrixRMaj m = new DMatrixRMaj(coordinates.rows(), coordinates.cols());
        for (int k = 0; k < coordinates.size(); k++) {
            double z = random.nextGaussian();
            m.data[coordinates.dataIndex(k)] = z;
            if (coordinates.pairedIndex(k) >= 0) {
                m.data[coordinates.pairedIndex(k)] = z;
            }
        }
        return m;
    }

    private static DMatrixRMaj gaussian(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    private static double norm(DMatrixRMaj a) {
        return Math.sqrt(dot(a, a));
    }
}
