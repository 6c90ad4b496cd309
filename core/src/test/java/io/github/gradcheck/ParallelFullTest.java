package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** parallel(): FULL mode's coordinates on the common fork-join pool, with the sequential result. */
class ParallelFullTest extends QuietTest {

    private static final DMatrixRMaj X0 = random(6, 6, 1);

    private static void assertSame(CheckResult sequential, CheckResult parallel) {
        assertEquals(sequential.report(), parallel.report());
        assertEquals(sequential.evaluations(), parallel.evaluations());
        assertEquals(sequential.analytic().keySet(), parallel.analytic().keySet());
    }

    @Test
    void aPassingJvpGivesTheSequentialResult() {
        MatrixCheck square = GradCheck.matrix(x -> mult(x, x)).jvp((x, h) -> plus(mult(x, h), mult(h, x)));
        CheckResult sequential = square.at(X0).check();
        assertEquals(Status.PASSED, sequential.status(), sequential::report);
        assertSame(sequential, square.parallel().at(X0).check());
    }

    @Test
    void aFailingJvpGivesTheSequentialReport() {
        MatrixCheck wrong = GradCheck.matrix(x -> mult(x, x)).jvp((x, h) -> scale(2, mult(x, h)));
        CheckResult sequential = wrong.at(X0).check();
        assertEquals(Status.MISMATCH, sequential.status(), sequential::report);
        assertSame(sequential, wrong.parallel().at(X0).check());
    }

    @Test
    void aGradientGivesTheSequentialResult() {
        ScalarCheck logDet = GradCheck.scalar(Matrices::logAbsDet).gradient(Matrices::inverseTranspose);
        DMatrixRMaj x0 = Matrices.withCondition(6, 100, 2);
        assertSame(logDet.at(x0).check(), logDet.parallel().at(x0).check());
    }

    /** F throws when X(4, 3) moves up: the first coordinate to fail is the same, and so is the count. */
    @Test
    void aThrowAtOneCoordinateIsTheSequentialThrow() {
        double anchor = X0.get(4, 3);
        MatrixCheck throwing = GradCheck.matrix(x -> {
            if (x.get(4, 3) > anchor) {
                throw new IllegalStateException("moved up");
            }
            return mult(x, x);
        }).jvp((x, h) -> plus(mult(x, h), mult(h, x)));
        CheckResult sequential = throwing.at(X0).check();
        assertEquals(Status.THREW, sequential.status(), sequential::report);
        assertSame(sequential, throwing.parallel().at(X0).check());
    }

    /** A function that writes to its argument only at one coordinate is caught in parallel too. */
    @Test
    void aMutationIsTheSequentialMutation() {
        double anchor = X0.get(2, 5);
        ScalarCheck mutating = GradCheck.scalar(x -> {
            if (x.get(2, 5) != anchor) {
                x.set(0, 0, 42);
            }
            return Matrices.sumOfSquares(x);
        }).gradient(x -> scale(2, x));
        CheckResult sequential = mutating.at(X0).check();
        assertEquals(Status.INPUT_MUTATED, sequential.status(), sequential::report);
        assertSame(sequential, mutating.parallel().at(X0).check());
    }
}
