package io.github.gradcheck.hamcrest;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.ScalarCheck;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Hamcrest matchers that check a computed derivative against finite differences.
 *
 * <pre>{@code
 * assertThat(myGradient(X), isGradientOf(X -> loss(X)).at(X));
 * }</pre>
 *
 * On a mismatch the description is gradcheck's report: the status, the worst entry, the
 * analytic and numerical values and the tolerance.
 */
public final class GradientMatchers {

    private GradientMatchers() {
    }

    /**
     * Matches the gradient of {@code f}: the matrix G with {@code G[i][j] = ∂f/∂X[i][j]}.
     *
     * @param f the scalar function; must not modify its argument
     */
    public static GradientOf isGradientOf(ToDoubleFunction<DMatrixRMaj> f) {
        if (f == null) {
            throw new IllegalArgumentException("isGradientOf: f is null");
        }
        return new GradientOf(f, GradCheck.scalar(f), "f");
    }

    /** A gradient matcher still to be placed at a point. Immutable. */
    public static final class GradientOf {
        private final ToDoubleFunction<DMatrixRMaj> f;
        private final ScalarCheck check;
        private final String name;

        private GradientOf(ToDoubleFunction<DMatrixRMaj> f, ScalarCheck check, String name) {
            this.f = f;
            this.check = check;
            this.name = name;
        }

        /** See {@link ScalarCheck#tolerance(double, double)}. */
        public GradientOf tolerance(double rtol, double atol) {
            return new GradientOf(f, check.tolerance(rtol, atol), name);
        }

        /** See {@link ScalarCheck#seed(long)}. */
        public GradientOf seed(long seed) {
            return new GradientOf(f, check.seed(seed), name);
        }

        /** The name of f in descriptions ("loss"); default "f". */
        public GradientOf named(String functionName) {
            return new GradientOf(f, check, functionName);
        }

        /**
         * The matcher: a matrix matches when it is the gradient of f at {@code x}.
         *
         * @param x the point, copied here
         */
        public Matcher<DMatrixRMaj> at(DMatrixRMaj x) {
            if (x == null) {
                throw new IllegalArgumentException("at(X): X is null");
            }
            return new IsGradient(check, x.copy(), name);
        }
    }

    private static final class IsGradient extends TypeSafeDiagnosingMatcher<DMatrixRMaj> {
        private final ScalarCheck check;
        private final DMatrixRMaj x;
        private final String name;

        IsGradient(ScalarCheck check, DMatrixRMaj x, String name) {
            this.check = check;
            this.x = x;
            this.name = name;
        }

        @Override
        protected boolean matchesSafely(DMatrixRMaj gradient, Description mismatch) {
            DMatrixRMaj value = gradient.copy();
            CheckResult result = check.gradient(ignored -> value).at(x).check();
            if (!result.passed()) {
                mismatch.appendText(result.report());
            }
            return result.passed();
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("the gradient of " + name + " at a " + x.numRows + "×" + x.numCols
                    + " point, as finite differences measure it");
        }
    }
}
