package io.github.gradcheck.hamcrest;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.Vec;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Hamcrest matchers that check a computed derivative against finite differences.
 *
 * <pre>{@code
 * assertThat(myGradient(X), isGradientOf(X -> loss(X)).at(X));
 * assertThat(myJacobian(X), isJacobianOf(X -> F(X)).at(X));
 * assertThat(myJvp(X, H),   isJvpOf(X -> F(X), H).at(X));
 * assertThat(myVjp(X, G),   isVjpOf(X -> F(X), G).at(X));
 * }</pre>
 *
 * The description says what is expected; on a mismatch the mismatch description is gradcheck's
 * report: the status, the worst entry, the analytic and numerical values and the tolerance.
 * Matchers are immutable; {@code tolerance}, {@code seed} and {@code named} return new ones.
 */
public final class GradientMatchers {

    private GradientMatchers() {
    }

    /**
     * Matches the gradient of {@code f}: the matrix G with {@code G[i][j] = ∂f/∂X[i][j]}.
     *
     * @param f the scalar function; must not modify its argument
     * @return the matcher, to be given the point with at
     */
    public static Expected isGradientOf(ToDoubleFunction<DMatrixRMaj> f) {
        require(f, "isGradientOf: f");
        return new Expected("the gradient of", "f", (settings, x) -> g -> GradCheck.scalar(f).gradient(any -> g)
                .tolerance(settings.rtol, settings.atol).seed(settings.seed).at(x).check());
    }

    /**
     * Matches the Jacobian of F: the (pq × mn) matrix ∂vec F / ∂vec Xᵀ (vec stacks columns).
     *
     * @param f the matrix function; must not modify its argument
     * @return the matcher, to be given the point with at
     */
    public static Expected isJacobianOf(UnaryOperator<DMatrixRMaj> f) {
        require(f, "isJacobianOf: F");
        return new Expected("the Jacobian of", "F", (settings, x) -> j -> GradCheck.matrix(f)
                .jacobian(any -> j).tolerance(settings.rtol, settings.atol).seed(settings.seed).at(x).check());
    }

    /**
     * Matches the JVP of F along H: DF[X](H), the shape of F. It is checked as the Jacobian of
     * t ↦ F(X + tH) at t = 0 (an input called t).
     *
     * @param f the matrix function; must not modify its argument
     * @param h the direction, the shape of X; copied
     * @return the matcher, to be given the point with at
     */
    public static Expected isJvpOf(UnaryOperator<DMatrixRMaj> f, DMatrixRMaj h) {
        require(f, "isJvpOf: F");
        require(h, "isJvpOf: H");
        DMatrixRMaj direction = h.copy();
        return new Expected("the JVP along H of", "F", (settings, x) -> {
            requireSameShape(direction, x, "H");
            Function<Inputs, DMatrixRMaj> alongH = in -> {
                DMatrixRMaj moved = x.copy();
                CommonOps_DDRM.addEquals(moved, in.get("t").get(0, 0), direction);
                return f.apply(moved);
            };
            return v -> GradCheck.matrixOf(alongH).jacobian("t", in -> Vec.vec(v))
                    .tolerance(settings.rtol, settings.atol).seed(settings.seed)
                    .at(Inputs.of("t", new DMatrixRMaj(1, 1))).check();
        });
    }

    /**
     * Matches the VJP of F for G: DF[X]*(G), the shape of X, the gradient of ⟨G, F(X)⟩; it is
     * checked as that gradient.
     *
     * @param f the matrix function; must not modify its argument
     * @param g the cotangent, the shape of F(X); copied
     * @return the matcher, to be given the point with at
     */
    public static Expected isVjpOf(UnaryOperator<DMatrixRMaj> f, DMatrixRMaj g) {
        require(f, "isVjpOf: F");
        require(g, "isVjpOf: G");
        DMatrixRMaj cotangent = g.copy();
        ToDoubleFunction<DMatrixRMaj> paired = x -> {
            DMatrixRMaj value = f.apply(x);
            requireSameShape(cotangent, value, "G");
            return CommonOps_DDRM.elementSum(elementMult(cotangent, value));
        };
        return new Expected("the VJP for G of", "F", (settings, x) -> v -> GradCheck.scalar(paired)
                .gradient(any -> v).tolerance(settings.rtol, settings.atol).seed(settings.seed).at(x).check());
    }

    private static DMatrixRMaj elementMult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, b, c);
        return c;
    }

    private static void require(Object o, String what) {
        if (o == null) {
            throw new IllegalArgumentException(what + " is null");
        }
    }

    private static void requireSameShape(DMatrixRMaj given, DMatrixRMaj expected, String name) {
        if (given.numRows != expected.numRows || given.numCols != expected.numCols) {
            throw new IllegalArgumentException(name + " is " + given.numRows + "×" + given.numCols + " but must be "
                    + expected.numRows + "×" + expected.numCols);
        }
    }

    /** Tolerances and seed of a matcher. */
    private record Settings(double rtol, double atol, long seed) {
    }

    /** Builds the check for a point: (settings, X) ↦ (candidate value ↦ result). */
    private interface Checks {
        Function<DMatrixRMaj, CheckResult> at(Settings settings, DMatrixRMaj x);
    }

    /** A matcher still to be placed at a point. Immutable. */
    public static final class Expected {
        private final String what;
        private final String name;
        private final Checks checks;
        private final Settings settings;

        private Expected(String what, String name, Checks checks) {
            this(what, name, checks, new Settings(1e-5, 0, 0));
        }

        private Expected(String what, String name, Checks checks, Settings settings) {
            this.what = what;
            this.name = name;
            this.checks = checks;
            this.settings = settings;
        }

        /**
         * See {@link io.github.gradcheck.ScalarCheck#tolerance(double, double)}.
         *
         * @param rtol the relative tolerance, a fraction of the derivative's scale
         * @param atol the absolute tolerance
         * @return this check with these tolerances
         */
        public Expected tolerance(double rtol, double atol) {
            GradCheck.scalar(x -> 0).tolerance(rtol, atol); // rejects bad values with core's own messages
            return new Expected(what, name, checks, new Settings(rtol, atol, settings.seed));
        }

        /**
         * See {@link io.github.gradcheck.ScalarCheck#seed(long)}.
         *
         * @param seed the seed
         * @return this check with that seed
         */
        public Expected seed(long seed) {
            return new Expected(what, name, checks, new Settings(settings.rtol, settings.atol, seed));
        }

        /**
         * The name of the function in descriptions ("loss"); default "f" or "F".
         *
         * @param functionName how the description names the function
         * @return this matcher with that name
         */
        public Expected named(String functionName) {
            require(functionName, "named: the name");
            return new Expected(what, functionName, checks, settings);
        }

        /**
         * The matcher: a matrix matches when it is the expected derivative at {@code x}.
         *
         * @param x the point, copied here
         * @return the check at this point, ready to run
         */
        public Matcher<DMatrixRMaj> at(DMatrixRMaj x) {
            require(x, "at(X): X");
            DMatrixRMaj point = x.copy();
            return new Derivative(what + " " + name + " at a " + point.numRows + "×" + point.numCols
                    + " point, as finite differences measure it", checks.at(settings, point));
        }
    }

    private static final class Derivative extends TypeSafeDiagnosingMatcher<DMatrixRMaj> {
        private final String description;
        private final Function<DMatrixRMaj, CheckResult> check;

        Derivative(String description, Function<DMatrixRMaj, CheckResult> check) {
            this.description = description;
            this.check = check;
        }

        @Override
        protected boolean matchesSafely(DMatrixRMaj candidate, Description mismatch) {
            CheckResult result;
            try {
                result = check.apply(candidate.copy());
            } catch (IllegalArgumentException e) {
                mismatch.appendText(e.getMessage());
                return false;
            }
            if (!result.passed()) {
                mismatch.appendText(result.report());
            }
            return result.passed();
        }

        @Override
        public void describeTo(Description out) {
            out.appendText(description);
        }
    }
}
