package io.github.gradcheck.samples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax cross-entropy over a batch of 6 rows and 8 classes: the benchmark's end-to-end
 * {@code @GradientTest} (100 trials), and a sample of its own.
 */
class SoftmaxCrossEntropyTest {

    // L(Z) = −Σᵢⱼ Yᵢⱼ log softmax(Z)ᵢⱼ has ∇L = softmax(Z) − Y, row by row
    @GradientTest(trials = 100, dims = {"n=6", "k=8"})
    void crossEntropyGradientIsSoftmaxMinusY(@Shape(rows = "n", cols = "k") DMatrixRMaj z,
                                             @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS)
                                             DMatrixRMaj y) {
        GradCheck.scalar(v -> loss(v, y)).gradient(v -> Mat.minus(Mat.softmaxRows(v), y)).at(z).assertPasses();
    }

    private static double loss(DMatrixRMaj z, DMatrixRMaj y) {
        DMatrixRMaj s = Mat.softmaxRows(z);
        double l = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            if (y.data[i] != 0) {
                l -= y.data[i] * Math.log(s.data[i]);
            }
        }
        return l;
    }
}
