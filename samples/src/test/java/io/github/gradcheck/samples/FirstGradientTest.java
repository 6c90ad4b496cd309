package io.github.gradcheck.samples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/** The README's first property, as written there. */
class FirstGradientTest {
    // f(X) = ‖X‖², the squared Frobenius norm, has the gradient 2X
    @GradientTest(trials = 100, dims = {"n=1..6", "k=1..6"})
    void squaredNorm(@Shape(rows = "n", cols = "k") DMatrixRMaj x) {
        GradCheck.scalar(X -> Math.pow(NormOps_DDRM.normF(X), 2))
                .gradient(X -> CommonOps_DDRM.add(X, X, null))   // 2X = X + X
                .at(x)
                .assertPasses();
    }
}
