package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A bad argument gets its own clear exception at configuration time, never a silent pass. */
class ConfigurationTest extends QuietTest {

    private static final ScalarCheck CHECK = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x));

    @Test
    void nanToleranceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CHECK.tolerance(Double.NaN, 0));
        assertEquals("tolerance: rtol must be finite and ≥ 0, got NaN", e.getMessage());
    }

    @Test
    void negativeOrInfiniteToleranceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CHECK.tolerance(1e-5, -1));
        assertThrows(IllegalArgumentException.class, () -> CHECK.tolerance(Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void aNonFinitePointIsRejectedNamingTheEntry() {
        DMatrixRMaj x0 = random(2, 2, 1);
        x0.set(1, 0, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CHECK.at(x0));
        assertEquals("input X is NaN at (1, 0): a check needs a finite point", e.getMessage());
    }

    @Test
    void anEmptyOrNullPointIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CHECK.at(new DMatrixRMaj(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> CHECK.at(null));
    }

    @Test
    void aCheckWithoutADerivativeIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradCheck.scalar(Matrices::sumOfSquares).at(random(2, 2, 1)));
        assertTrue(e.getMessage().startsWith("no derivative given"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> GradCheck.matrix(x -> x).at(random(2, 2, 1)));
    }

    @Test
    void twoDerivativeFormsForOneInputAreRejectedButAJvpAndAVjpMakeAPair() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradCheck.matrix(x -> x).jvp((x, h) -> h).jacobian(x -> x));
        assertTrue(e.getMessage().contains("give exactly one derivative form"), e.getMessage());
        MatrixCheck pair = GradCheck.matrix(x -> x).jvp((x, h) -> h).vjp((x, g) -> g);
        assertThrows(IllegalStateException.class, () -> pair.vjp((x, g) -> g));
        assertThrows(IllegalStateException.class, () -> pair.jvp((x, h) -> h));
        assertThrows(IllegalStateException.class, () -> CHECK.gradient(x -> x));
        assertThrows(IllegalStateException.class,
                () -> GradCheck.scalarOf(in -> 0).gradient("W", in -> null).gradient("W", in -> null));
    }

    @Test
    void nullFunctionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.scalar(null));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.matrixOf(null));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.scalar(Matrices::sumOfSquares).gradient(null));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.matrixOf(in -> in.get("W")).vjp("W", null));
    }

    @Test
    void aDerivativeForAMissingInputIsRejectedListingTheInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.scalarOf(in -> 0).gradient("W", in -> in.get("W"))
                        .at(Inputs.of("V", random(2, 2, 1), "b", random(1, 2, 2))));
        assertEquals("a gradient is given for input 'W', but the inputs are V, b", e.getMessage());
    }

    @Test
    void inputsOfRejectsMalformedPairs() {
        DMatrixRMaj m = random(1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Inputs.of("a", m, "b"));
        assertThrows(IllegalArgumentException.class, () -> Inputs.of("a", m, "b", "not a matrix"));
        assertThrows(IllegalArgumentException.class, () -> Inputs.of("a", m, "a", m));
        assertThrows(IllegalArgumentException.class, () -> Inputs.of("", m));
        assertThrows(IllegalArgumentException.class, () -> Inputs.of(7, m));
    }

    @Test
    void inputsOfTakesAnyNumberOfPairsInOrder() {
        DMatrixRMaj m = random(1, 2, 1);
        Inputs in = Inputs.of("a", m, "b", m, "c", m, "d", m, "e", m);
        assertEquals(java.util.List.of("a", "b", "c", "d", "e"), java.util.List.copyOf(in.names()));
        assertEquals("Inputs[a: 1×2, b: 1×2, c: 1×2, d: 1×2, e: 1×2]", in.toString());
    }

    @Test
    void inputsGetOfAnUnknownNameListsTheInputs() {
        Inputs in = Inputs.of("W", random(1, 1, 1), "b", random(1, 1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.get("w"));
        assertEquals("no input named 'w'; the inputs are W, b", e.getMessage());
    }
}
