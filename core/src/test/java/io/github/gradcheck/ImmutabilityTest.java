package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** gradcheck never changes the user's matrices, and its configurations are immutable. */
class ImmutabilityTest extends QuietTest {

    @Test
    void theUsersPointIsUnchangedAfterAPassingAndAFailingCheck() {
        DMatrixRMaj x0 = random(3, 4, 1);
        double[] before = x0.data.clone();
        GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x)).at(x0).check();
        GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(3, x)).at(x0).check();
        GradCheck.matrix(x -> scale(2, x)).vjp((x, g) -> scale(2, g)).at(x0).check();
        assertArrayEquals(before, x0.data, 0.0);
        assertEquals(3, x0.numRows);
        assertEquals(4, x0.numCols);
    }

    @Test
    void theUsersInputsAreUnchangedEvenWhenAFunctionWritesToItsArguments() {
        DMatrixRMaj w = random(2, 2, 2);
        DMatrixRMaj b = random(1, 2, 3);
        double[] wBefore = w.data.clone();
        double[] bBefore = b.data.clone();
        CheckResult r = GradCheck.scalarOf(in -> {
            in.get("b").set(0, 0, 42);
            return Matrices.sumOfSquares(in.get("W"));
        }).gradient("W", in -> scale(2, in.get("W"))).at(Inputs.of("W", w, "b", b)).check();
        assertEquals(Status.INPUT_MUTATED, r.status(), r::report);
        assertArrayEquals(wBefore, w.data, 0.0);
        assertArrayEquals(bBefore, b.data, 0.0);
    }

    @Test
    void atCopiesThePointSoLaterChangesDoNotAffectTheCheck() {
        DMatrixRMaj x0 = Matrices.of(new double[][] {{1, 2}});
        PointCheck check = GradCheck.scalar(x -> x.get(0, 0) * x.get(0, 1))
                .gradient(x -> Matrices.of(new double[][] {{2, 1}})).at(x0);
        x0.set(0, 0, 5);
        assertEquals(Status.PASSED, check.check().status());
    }

    /** Deriving a configuration leaves the original as it was (jqwik's clone-based arbitraries do not). */
    @Test
    void derivingAConfigurationLeavesTheOriginalUnchanged() {
        DMatrixRMaj x0 = random(2, 2, 4);
        ScalarCheck base = GradCheck.scalar(x -> 1e-6 * Matrices.sumOfSquares(x) + 1)
                .gradient(x -> scale(3e-6, x));
        ScalarCheck loose = base.tolerance(1e-3, 1e-5).seed(99);
        assertEquals(Status.PASSED, loose.at(x0).check().status());
        CheckResult original = base.at(x0).check();
        assertEquals(Status.MISMATCH, original.status(), original::report);
        assertEquals(0L, original.seed());
        assertEquals(99L, loose.at(x0).check().seed());
    }

    /** Adding a reference expression or a Hessian to a derived check leaves the base as it was. */
    @Test
    void derivingWithAReferenceOrAHessianLeavesTheOriginalUnchanged() {
        DMatrixRMaj x0 = random(2, 2, 7);
        ScalarCheck base = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x));
        ScalarCheck exact = base.exactly(Expr.variable("X").square().sum());
        ScalarCheck hessian = base.hessian(x -> scale(3, CommonOps_DDRM.identity(4)));
        CheckResult exactResult = exact.at(x0).check();
        assertEquals("exact derivative of sum(square(X))", exactResult.facts().get("reference"), exactResult::report);
        assertEquals(Status.MISMATCH, hessian.at(x0).check().status());
        CheckResult original = base.at(x0).check();
        assertEquals(Status.PASSED, original.status(), original::report);
        assertEquals(null, original.facts().get("reference"), original::report);
        assertEquals(null, original.facts().get("Hessian"), original::report);
        assertEquals(Status.PASSED, exact.numerically().at(x0).check().status());
        assertEquals(null, exact.at(x0).check().facts().get("against finite differences"),
                "numerically() on a derived check leaves its origin exact-only");
    }

    @Test
    void aPointCheckGivesTheSameResultEveryTime() {
        PointCheck check = GradCheck.scalar(Matrices::logAbsDet).gradient(Matrices::inverseTranspose)
                .at(Matrices.withCondition(4, 1e5, 5));
        CheckResult first = check.check();
        CheckResult second = check.check();
        assertEquals(first.report(), second.report());
    }

    @Test
    void theSeedIsReportedAndChangesNothingForADeterministicVerdict() {
        DMatrixRMaj x0 = random(3, 3, 6);
        for (long seed : new long[] {0, 1, 42, -7}) {
            CheckResult r = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x)).seed(seed).at(x0).check();
            assertEquals(Status.PASSED, r.status());
            assertEquals(Long.toString(seed), r.facts().get("seed"));
        }
    }
}
