package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Vector functions of a {@code double[]}: the Jacobian as {@code double[][]} by rows
 * ({@code J[i][j] = ∂F_i/∂x_j}), the jvp and the vjp, each right and wrong.
 */
class VectorMapCheckTest extends QuietTest {

    private static final double[] X0 = {0.5, -1, 2};

    @Test
    void tanhLayerJacobianPasses() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jacobian(Vectors::tanhLayerJacobian).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** J[j][i] where J[i][j] is right: of the transposed shape, and right once transposed. */
    @Test
    void tanhLayerJacobianByColumnsIsTransposed() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer)
                .jacobian(x -> Vectors.transpose(Vectors.tanhLayerJacobian(x))).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
    }

    @Test
    void softmaxJacobianPasses() {
        CheckResult r = GradCheck.vectorMap(Vectors::softmax).jacobian(Vectors::softmaxJacobian).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void softmaxJacobianAsIfElementwiseIsElementwiseJacobian() {
        CheckResult r = GradCheck.vectorMap(Vectors::softmax).jacobian(Vectors::softmaxJacobianAsIfElementwise)
                .at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, r.mistake(), r::report);
    }

    @Test
    void raggedJacobianRowsAreAShapeMismatchNamingTheRow() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jacobian(x -> {
            double[][] j = Vectors.tanhLayerJacobian(x);
            j[2] = new double[] {j[2][0], j[2][1]};
            return j;
        }).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
        assertEquals("Jacobian", r.facts().get("function"), r::report);
    }

    @Test
    void aJacobianWithANullRowIsAShapeMismatch() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jacobian(x -> {
            double[][] j = Vectors.tanhLayerJacobian(x);
            j[1] = null;
            return j;
        }).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
    }

    @Test
    void aJacobianWithTooFewRowsIsAShapeMismatch() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jacobian(x -> {
            double[][] j = Vectors.tanhLayerJacobian(x);
            return new double[][] {j[0], j[1], j[2]};
        }).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
    }

    @Test
    void tanhLayerJvpPasses() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void tanhLayerJvpOfTheWrongSignIsWrongSign() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer)
                .jvp((x, v) -> Vectors.scaled(Vectors.tanhLayerJvp(x, v), -1)).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void tanhLayerVjpPasses() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).vjp(Vectors::tanhLayerVjp).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void tanhLayerVjpTwiceTooLargeIsWrongScaleTwo() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer)
                .vjp((x, u) -> Vectors.scaled(Vectors.tanhLayerVjp(x, u), 2)).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-6, r::report);
    }

    /** A vjp of x's length is required; one of F's length (J u instead of Jᵀ u on a square J) is not. */
    @Test
    void aVjpOfTheOutputsLengthIsAShapeMismatch() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).vjp((x, u) -> u.clone()).at(X0).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
    }

    @Test
    void aFunctionThatWritesIntoItsArgumentIsInputMutated() {
        CheckResult r = GradCheck.vectorMap(x -> {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.exp(x[i]); // in place, then normalized
            }
            return Vectors.scaled(x, 1);
        }).jvp((x, v) -> v).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("F", r.facts().get("function"), r::report);
    }

    @Test
    void aVjpThatWritesIntoTheUpstreamGradientIsInputMutated() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).vjp((x, u) -> {
            double[] g = Vectors.tanhLayerVjp(x, u);
            u[0] = 0;
            return g;
        }).at(X0).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertEquals("vjp", r.facts().get("function"), r::report);
    }
}
