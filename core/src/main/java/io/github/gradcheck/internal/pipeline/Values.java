package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** Small operations on the matrices a pipeline passes between stages. */
final class Values {

    private Values() {
    }

    /** Private copies of the inputs, so that a stage cannot change the values of another. */
    static Inputs copies(Map<String, DMatrixRMaj> inputs) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        inputs.forEach((name, m) -> out.put(name, m.copy()));
        return Inputs.of(out);
    }

    static boolean sameShape(DMatrixRMaj a, DMatrixRMaj b) {
        return a.numRows == b.numRows && a.numCols == b.numCols;
    }

    static boolean finite(DMatrixRMaj m) {
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether two matrices have the same shape and bit-for-bit the same entries. */
    static boolean identical(DMatrixRMaj a, DMatrixRMaj b) {
        if (!sameShape(a, b)) {
            return false;
        }
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            if (Double.doubleToLongBits(a.data[i]) != Double.doubleToLongBits(b.data[i])) {
                return false;
            }
        }
        return true;
    }

    static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(m.data[i]));
        }
        return max;
    }

    /** max |a − b| over the entries of two matrices of one shape. */
    static double maxAbsDifference(DMatrixRMaj a, DMatrixRMaj b) {
        double max = 0;
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
        }
        return max;
    }

    /** A matrix of Gaussian entries, a stand-in upstream gradient where the chain gives none. */
    static DMatrixRMaj gaussian(int rows, int cols, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            // Box–Muller: one normal per pair of uniforms is enough here
            m.data[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return m;
    }

    /** a + b, into a new matrix (one shape). */
    static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        int n = c.getNumElements();
        for (int i = 0; i < n; i++) {
            c.data[i] += b.data[i];
        }
        return c;
    }

    /** a − b, into a new matrix (one shape). */
    static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        int n = c.getNumElements();
        for (int i = 0; i < n; i++) {
            c.data[i] -= b.data[i];
        }
        return c;
    }
}
