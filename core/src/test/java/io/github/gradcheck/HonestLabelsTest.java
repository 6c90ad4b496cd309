package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A mistake label is a claim about the derivative, not about one number: a constant factor or a
 * wrong sign needs two independent entries that agree, or a second point where the same factor
 * appears; a factor that changes from point to point is UNKNOWN, said as such.
 */
class HonestLabelsTest extends QuietTest {

    private static final double SQRT3 = Math.sqrt(3);

    /** A Matérn-3/2 kernel at distance r as a function of its length scale ℓ. */
    private static double matern(double r, double l) {
        double a = SQRT3 * r / l;
        return (1 + a) * Math.exp(-a);
    }

    /** dk/dℓ = (3r²/ℓ³)·e^(−√3 r/ℓ). */
    private static double maternDerivative(double r, double l) {
        return 3 * r * r / (l * l * l) * Math.exp(-SQRT3 * r / l);
    }

    /** The derivative of e^(−√3 r/ℓ) alone times (1 + √3 r/ℓ): the term from (1 + √3 r/ℓ) is missing. */
    private static double maternDerivativeMissingATerm(double r, double l) {
        double a = SQRT3 * r / l;
        return (1 + a) * (a / l) * Math.exp(-a);
    }

    @Test
    void aRightOneVariableDerivativePasses() {
        CheckResult r = GradCheck.univariate(l -> matern(1.3, l)).derivative(l -> maternDerivative(1.3, l)).at(0.7)
                .check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aFactorThatChangesFromPointToPointIsUnknownAndSaidToVary() {
        for (double l : new double[] {0.4, 0.7, 2.5}) {
            CheckResult r = GradCheck.univariate(x -> matern(1.3, x)).derivative(x -> maternDerivativeMissingATerm(1.3, x))
                    .at(l).check();
            assertEquals(Status.MISMATCH, r.status(), r::report);
            assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
            assertTrue(r.scaleFactor().isEmpty(), r::report);
            assertTrue(r.headline().contains("the factor varies"), r::report);
            assertTrue(r.facts().get("second point").startsWith("at x = "), r::report);
        }
    }

    @Test
    void aOneVariableDerivativeOffByTwoIsAConstantFactorConfirmedAtASecondPoint() {
        CheckResult r = GradCheck.univariate(x -> Math.sin(x) * x).derivative(x -> 2 * (Math.cos(x) * x + Math.sin(x)))
                .at(0.3).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().getAsDouble(), 1e-6, r::report);
        assertTrue(r.facts().get("second point").contains("the label holds"), r::report);
        CheckResult once = GradCheck.univariate(x -> Math.sin(x) * x).derivative(x -> Math.cos(x) * x + Math.sin(x))
                .at(0.3).check();
        assertTrue(r.evaluations() > once.evaluations(), "the second point costs evaluations, and the report says so");
    }

    @Test
    void aOneVariableDerivativeOfTheWrongSignIsConfirmedAtASecondPoint() {
        CheckResult r = GradCheck.univariate(Math::exp).derivative(x -> -Math.exp(x)).at(0.5).check();
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
        assertTrue(r.facts().containsKey("second point"), r::report);
    }

    @Test
    void twoEntriesWithTheSameFactorNeedNoSecondPoint() {
        CheckResult r = GradCheck.vector(x -> x[0] * x[0] + Math.sin(x[1]))
                .gradient(x -> new double[] {3 * 2 * x[0], 3 * Math.cos(x[1])}).at(new double[] {0.4, 1.1}).check();
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(3.0, r.scaleFactor().getAsDouble(), 1e-6, r::report);
        assertFalse(r.facts().containsKey("second point"), r::report);
    }

    @Test
    void aOneByOneMatrixGradientOffByAFactorIsConfirmedTheSameWay() {
        CheckResult r = GradCheck.scalar(x -> Math.pow(x.get(0, 0), 3))
                .gradient(x -> new DMatrixRMaj(1, 1, true, 0.5 * 3 * x.get(0, 0) * x.get(0, 0)))
                .at(new DMatrixRMaj(1, 1, true, 1.7)).check();
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(0.5, r.scaleFactor().getAsDouble(), 1e-6, r::report);
    }

    @Test
    void aOneByOneTransposedGradientIsNoMistakeAtAll() {
        // a 1×1 matrix is its own transpose: "transposed" cannot be told, and is not claimed
        CheckResult r = GradCheck.scalar(x -> x.get(0, 0) * x.get(0, 0))
                .gradient(x -> new DMatrixRMaj(1, 1, true, 2 * x.get(0, 0)))
                .at(new DMatrixRMaj(1, 1, true, 0.8)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aOneByOneVjpThatIgnoresItsUpstreamGradientIsNamed() {
        CheckResult r = GradCheck.matrix(x -> x.copy()).vjp((x, g) -> new DMatrixRMaj(1, 1, true, 1))
                .at(new DMatrixRMaj(1, 1, true, 0.8)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UPSTREAM_GRADIENT_IGNORED, r.mistake(), r::report);
    }

    /** The ReLU backward that shipped as {@code g = y > 0 ? 1 : 0} instead of {@code g *= y > 0 ? 1 : 0}. */
    @Test
    void aReluBackwardThatIgnoresItsUpstreamGradientIsNamedWithoutFiniteDifferences() {
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.5, -1.2, 2.0}, {-0.3, 0.7, 1.1}});
        CheckResult r = GradCheck.matrix(x -> relu(x)).vjp((x, g) -> mask(x)).at(x0).check();
        assertEquals(Mistake.UPSTREAM_GRADIENT_IGNORED, r.mistake(), r::report);
        assertEquals(0, r.evaluations() - 2, "f at the point twice, no finite differences: " + r.evaluations());
        CheckResult right = GradCheck.matrix(x -> relu(x)).vjp((x, g) -> times(mask(x), g)).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
    }

    @Test
    void aZeroVjpIsTheSameForEveryUpstreamGradientAndRightlySo() {
        CheckResult r = GradCheck.matrix(x -> new DMatrixRMaj(2, 2)).vjp((x, g) -> new DMatrixRMaj(2, 2))
                .at(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}})).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aWrongTanhDerivativeShrinksToOneEntry() {
        // tanh′ = 1 − tanh², written as 1 − tanh: a factor that varies from entry to entry and point to point
        TrialsResult t = GradCheck.vectorMap(x -> map(x, Math::tanh))
                .vjp((x, u) -> {
                    double[] out = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        out[i] = u[i] * (1 - Math.tanh(x[i]));
                    }
                    return out;
                })
                .forAll(Domain.dims("n=1..6").input("x", "n", 1, Structure.GAUSSIAN)).trials(20).seed(3).run();
        assertFalse(t.passed(), t::report);
        Counterexample c = t.counterexample().orElseThrow();
        assertEquals(Map.of("n", 1), c.dims(), t::report);
        assertEquals(Mistake.UNKNOWN, c.result().mistake(), t::report);
    }

    private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    private static DMatrixRMaj relu(DMatrixRMaj x) {
        DMatrixRMaj y = x.copy();
        for (int i = 0; i < y.getNumElements(); i++) {
            y.data[i] = Math.max(0, y.data[i]);
        }
        return y;
    }

    private static DMatrixRMaj mask(DMatrixRMaj x) {
        DMatrixRMaj m = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = x.data[i] > 0 ? 1 : 0;
        }
        return m;
    }

    private static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        for (int i = 0; i < c.getNumElements(); i++) {
            c.data[i] *= b.data[i];
        }
        return c;
    }
}
