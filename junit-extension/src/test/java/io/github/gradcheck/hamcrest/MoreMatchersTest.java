package io.github.gradcheck.hamcrest;

import static io.github.gradcheck.hamcrest.GradientMatchers.isJacobianOf;
import static io.github.gradcheck.hamcrest.GradientMatchers.isJvpOf;
import static io.github.gradcheck.hamcrest.GradientMatchers.isVjpOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;
import org.junit.jupiter.api.Test;

/** The Jacobian, JVP and VJP matchers, on F(X) = X² (DF[X](H) = XH + HX, DF*(G) = GXᵀ + XᵀG). */
class MoreMatchersTest extends QuietTest {

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{0.5, -1.2}, {0.3, 0.9}});
    private static final DMatrixRMaj H = new DMatrixRMaj(new double[][] {{1, 2}, {-0.5, 0.25}});
    private static final UnaryOperator<DMatrixRMaj> SQUARE = x -> mult(x, x);

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = a.copy();
        CommonOps_DDRM.addEquals(c, b);
        return c;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /** J = I ⊗ X + Xᵀ ⊗ I for vec(X²) = (I ⊗ X + Xᵀ ⊗ I) vec(X). */
    private static DMatrixRMaj jacobian() {
        DMatrixRMaj eye = CommonOps_DDRM.identity(2);
        return plus(CommonOps_DDRM.kron(eye, X, null), CommonOps_DDRM.kron(transpose(X), eye, null));
    }

    @Test
    void theJacobianMatcherMatchesTheJacobianAndNotItsTranspose() {
        assertThat(jacobian(), isJacobianOf(SQUARE).at(X));
        assertThat(transpose(jacobian()), not(isJacobianOf(SQUARE).at(X)));
    }

    @Test
    void theJvpMatcherMatchesXHPlusHXAndNotTwoXH() {
        assertThat(plus(mult(X, H), mult(H, X)), isJvpOf(SQUARE, H).at(X));
        DMatrixRMaj twice = mult(X, H);
        CommonOps_DDRM.scale(2, twice);
        assertThat(twice, not(isJvpOf(SQUARE, H).at(X)));
    }

    @Test
    void theVjpMatcherMatchesTheAdjoint() {
        DMatrixRMaj g = new DMatrixRMaj(new double[][] {{0.7, 0.1}, {-1, 2}});
        assertThat(plus(mult(g, transpose(X)), mult(transpose(X), g)), isVjpOf(SQUARE, g).at(X));
        assertThat(plus(mult(X, g), mult(g, X)), not(isVjpOf(SQUARE, g).at(X)));
    }

    @Test
    void descriptionsSayWhatIsExpectedAndMismatchesAreReports() {
        Matcher<DMatrixRMaj> matcher = isJvpOf(SQUARE, H).named("square").at(X);
        StringDescription description = new StringDescription();
        matcher.describeTo(description);
        assertEquals("the JVP along H of square at a 2×2 point, as finite differences measure it", description.toString());
        StringDescription mismatch = new StringDescription();
        matcher.describeMismatch(new DMatrixRMaj(2, 2), mismatch);
        assertTrue(mismatch.toString().startsWith("Jacobian mismatch"), mismatch.toString());
    }

    @Test
    void aValueOfTheWrongShapeIsAMismatchAndABadDirectionIsRejected() {
        StringDescription mismatch = new StringDescription();
        isVjpOf(SQUARE, new DMatrixRMaj(3, 3)).at(X).describeMismatch(new DMatrixRMaj(2, 2), mismatch);
        assertTrue(mismatch.toString().contains("G is 3×3 but must be 2×2"), mismatch.toString());
        assertThrows(IllegalArgumentException.class, () -> isJvpOf(SQUARE, new DMatrixRMaj(3, 1)).at(X));
        assertThrows(IllegalArgumentException.class, () -> isJacobianOf(SQUARE).tolerance(-1, 0));
    }
}
