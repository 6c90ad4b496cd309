package io.github.gradcheck.hamcrest;

import static io.github.gradcheck.hamcrest.GradientMatchers.isGradientOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;
import org.junit.jupiter.api.Test;

class GradientMatchersTest extends QuietTest {

    /** f(X) = Σ xᵢⱼ³, ∇f = 3X∘X. */
    private static final ToDoubleFunction<DMatrixRMaj> CUBES = x -> {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * x.data[i] * x.data[i];
        }
        return s;
    };

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0.5, -1.2, 2.0}, {0.3, 0.9, -0.4}});

    private static DMatrixRMaj gradient(double factor) {
        DMatrixRMaj g = new DMatrixRMaj(2, 3);
        for (int i = 0; i < 6; i++) {
            g.data[i] = factor * 3 * X.data[i] * X.data[i];
        }
        return g;
    }

    @Test
    void theRightGradientMatches() {
        assertThat(gradient(1), isGradientOf(CUBES).at(X));
    }

    @Test
    void aWrongGradientDoesNotMatchAndTheMismatchIsTheReport() {
        Matcher<DMatrixRMaj> matcher = isGradientOf(CUBES).named("cubes").at(X);
        assertThat(gradient(2), not(matcher));
        StringDescription mismatch = new StringDescription();
        assertFalse(matcher.matches(gradient(2)));
        matcher.describeMismatch(gradient(2), mismatch);
        assertTrue(mismatch.toString().startsWith("gradient mismatch"), mismatch.toString());
        assertTrue(mismatch.toString().contains("status         : MISMATCH"), mismatch.toString());
    }

    @Test
    void theDescriptionSaysWhatIsExpected() {
        StringDescription description = new StringDescription();
        isGradientOf(CUBES).named("cubes").at(X).describeTo(description);
        assertEquals("the gradient of cubes at a 2×3 point, as finite differences measure it", description.toString());
    }

    @Test
    void aFailedAssertThatCarriesBothDescriptions() {
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(gradient(-1), isGradientOf(CUBES).at(X)));
        assertTrue(e.getMessage().contains("Expected: the gradient of f at a 2×3 point"), e.getMessage());
        assertTrue(e.getMessage().contains("status         : MISMATCH"), e.getMessage());
    }

    @Test
    void aGradientOfTheWrongShapeDoesNotMatch() {
        assertFalse(isGradientOf(CUBES).at(X).matches(new DMatrixRMaj(3, 2)));
    }
}
