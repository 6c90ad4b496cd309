package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * Functions of one real variable with their hand-written derivatives: log Γ with digamma and
 * trigamma (series code as a numerics library writes it) and a Matérn kernel as a function of its
 * length scale.
 */
class UnivariateCheckTest extends QuietTest {

    private static final double X = 2.7;

    @Test
    void digammaIsTheDerivativeOfLogGamma() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma).derivative(SpecialFunctions::digamma).at(X)
                .check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals(Mode.FULL, r.mode());
    }

    @Test
    void digammaOfTheWrongSignIsWrongSign() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma)
                .derivative(x -> -SpecialFunctions.digamma(x)).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void twiceTheDigammaIsWrongScaleTwo() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma)
                .derivative(x -> 2 * SpecialFunctions.digamma(x)).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-6, r::report);
    }

    @Test
    void digammaMissingItsOneOverTwoXTermIsAMismatch() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma)
                .derivative(x -> SpecialFunctions.digamma(x) + 0.5 / x).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    @Test
    void trigammaIsTheSecondDerivativeOfLogGamma() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma).derivative(SpecialFunctions::digamma)
                .secondDerivative(SpecialFunctions::trigamma).at(X).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void trigammaOfTheWrongSignIsWrongSign() {
        CheckResult r = GradCheck.univariate(SpecialFunctions::logGamma).derivative(SpecialFunctions::digamma)
                .secondDerivative(x -> -SpecialFunctions.trigamma(x)).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void aSecondDerivativeAloneIsComparedWithSecondDifferences() {
        CheckResult right = GradCheck.univariate(SpecialFunctions::logGamma)
                .secondDerivative(SpecialFunctions::trigamma).at(X).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.univariate(SpecialFunctions::logGamma)
                .secondDerivative(x -> 3 * SpecialFunctions.trigamma(x)).at(X).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
    }

    @Test
    void maternKernelLengthScaleDerivativePasses() {
        double r = 0.8;
        CheckResult result = GradCheck.univariate(l -> SpecialFunctions.matern32(r, l))
                .derivative(l -> SpecialFunctions.matern32LengthScaleDerivative(r, l)).at(1.3).check();
        assertEquals(Status.PASSED, result.status(), result::report);
    }

    /** The derivative with respect to the distance r where the length scale's is asked for. */
    @Test
    void maternKernelDerivativeInTheWrongVariableIsAMismatch() {
        double r = 0.8;
        CheckResult result = GradCheck.univariate(l -> SpecialFunctions.matern32(r, l))
                .derivative(l -> -3 * r / (l * l) * Math.exp(-Math.sqrt(3) * r / l)).at(1.3).check();
        assertEquals(Status.MISMATCH, result.status(), result::report);
    }

    @Test
    void theVariableIsCalledXInReports() {
        CheckResult r = GradCheck.univariate(Math::sin).derivative(Math::cos).at(0.3).check();
        assertEquals("x (1×1)", r.facts().get("input"), r::report);
    }

    @Test
    void aDerivativeThatThrowsIsThrew() {
        CheckResult r = GradCheck.univariate(Math::sin).derivative(x -> {
            throw new ArithmeticException("no derivative here");
        }).at(0.3).check();
        assertEquals(Status.THREW, r.status(), r::report);
        assertTrue(r.cause().orElseThrow() instanceof ArithmeticException, r::report);
    }

    @Test
    void aNonFinitePointOrNullFunctionIsRejected() {
        UnivariateCheck check = GradCheck.univariate(Math::sin).derivative(Math::cos);
        assertThrows(IllegalArgumentException.class, () -> check.at(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> check.at(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.univariate(null));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.univariate(Math::sin).derivative(null));
        assertThrows(IllegalStateException.class, () -> GradCheck.univariate(Math::sin).at(0.3));
    }
}
