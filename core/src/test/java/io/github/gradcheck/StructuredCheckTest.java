package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Constrained inputs in single checks: a SYMMETRIC input is perturbed only in symmetric
 * directions and its gradient G is compared through (G + Gᵀ)/2; DIAGONAL and TRIANGULAR inputs
 * only inside their structure.
 */
class StructuredCheckTest extends QuietTest {

    private static final DMatrixRMaj A = random(3, 3, 1);

    private static DMatrixRMaj symmetric(long seed) {
        DMatrixRMaj m = random(3, 3, seed);
        return scale(0.5, plus(m, transpose(m)));
    }

    private static double traceAS(DMatrixRMaj s) {
        return CommonOps_DDRM.trace(mult(A, s));
    }

    /** On symmetric S, Aᵀ and (A + Aᵀ)/2 are the same gradient: both pass; off-symmetric, only Aᵀ does. */
    @Test
    void aSymmetricInputIsComparedThroughTheSymmetricPartOfTheGradient() {
        DMatrixRMaj s0 = symmetric(2);
        DMatrixRMaj half = scale(0.5, plus(A, transpose(A)));
        ScalarCheck onSymmetric = GradCheck.scalar(StructuredCheckTest::traceAS).structure(Structure.SYMMETRIC);
        assertEquals(Status.PASSED, onSymmetric.gradient(s -> transpose(A)).at(s0).check().status());
        assertEquals(Status.PASSED, onSymmetric.gradient(s -> half).at(s0).check().status());
        CheckResult free = GradCheck.scalar(StructuredCheckTest::traceAS).gradient(s -> half).at(s0).check();
        assertEquals(Status.MISMATCH, free.status(), "perturbed freely, (A + Aᵀ)/2 is not the gradient");
    }

    @Test
    void theTextbookSymmetricFormulaFailsOnASymmetricInput() {
        DMatrixRMaj g = transpose(A);
        DMatrixRMaj formula = plus(g, transpose(g));
        for (int i = 0; i < 3; i++) {
            formula.add(i, i, -g.get(i, i));
        }
        CheckResult r = GradCheck.scalar(StructuredCheckTest::traceAS).structure(Structure.SYMMETRIC)
                .gradient(s -> formula).at(symmetric(3)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("3 of 6", r.facts().get("failed entries"), "the three off-diagonal pairs");
        double analytic = Double.parseDouble(r.facts().get("analytic"));
        double numeric = Double.parseDouble(r.facts().get("numeric"));
        assertEquals(2 * numeric, analytic, 1e-6 * Math.abs(analytic), "reported as entries of the symmetric gradient");
    }

    @Test
    void logDetOnAnSpdInputHasTheSymmetricGradientSInverse() {
        DMatrixRMaj s0 = Matrices.of(new double[][] {{2, 0.5, 0}, {0.5, 1.5, -0.3}, {0, -0.3, 1}});
        CheckResult r = GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD)
                .gradient(s -> Matrices.inverseTranspose(s)).at(s0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("6", r.facts().get("entries"), "n(n+1)/2 symmetric coordinates");
    }

    /** A symmetric input's Jacobian columns are derivatives along E(i,j) + E(j,i). */
    @Test
    void jvpAndVjpOfTheSquareOnASymmetricInput() {
        DMatrixRMaj s0 = symmetric(4);
        CheckResult jvp = GradCheck.matrix(s -> mult(s, s)).structure(Structure.SYMMETRIC)
                .jvp((s, h) -> plus(mult(s, h), mult(h, s))).at(s0).check();
        assertEquals(Status.PASSED, jvp.status(), jvp::report);
        CheckResult vjp = GradCheck.matrix(s -> mult(s, s)).structure(Structure.SYMMETRIC)
                .vjp((s, g) -> plus(mult(g, s), mult(s, g))).at(s0).check();
        assertEquals(Status.PASSED, vjp.status(), vjp::report);
        CheckResult wrong = GradCheck.matrix(s -> mult(s, s)).structure(Structure.SYMMETRIC)
                .jvp((s, h) -> scale(2, mult(s, h))).at(s0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /** A diagonal input is perturbed on its diagonal only: the gradient's other entries are not compared. */
    @Test
    void aDiagonalInputIsComparedOnTheDiagonalOnly() {
        DMatrixRMaj c = random(3, 3, 5);
        DMatrixRMaj d0 = Matrices.of(new double[][] {{1, 0, 0}, {0, -2, 0}, {0, 0, 0.5}});
        DMatrixRMaj garbage = c.copy();
        garbage.set(0, 1, 99);
        assertEquals(Status.PASSED, GradCheck.scalar(x -> Matrices.inner(c, x)).structure(Structure.DIAGONAL)
                .gradient(x -> garbage).at(d0).check().status());
        assertEquals(Status.MISMATCH, GradCheck.scalar(x -> Matrices.inner(c, x))
                .gradient(x -> garbage).at(d0).check().status());
        DMatrixRMaj wrongDiagonal = c.copy();
        wrongDiagonal.set(1, 1, 99);
        assertEquals(Status.MISMATCH, GradCheck.scalar(x -> Matrices.inner(c, x)).structure(Structure.DIAGONAL)
                .gradient(x -> wrongDiagonal).at(d0).check().status());
    }

    @Test
    void aLowerTriangularInputIsComparedInsideItsTriangle() {
        DMatrixRMaj c = random(3, 3, 6);
        DMatrixRMaj l0 = Matrices.of(new double[][] {{1, 0, 0}, {0.3, -2, 0}, {0.1, 0.7, 0.5}});
        DMatrixRMaj aboveWrong = c.copy();
        aboveWrong.set(0, 2, 42);
        CheckResult r = GradCheck.scalar(x -> Matrices.inner(c, x)).structure(Structure.LOWER_TRIANGULAR)
                .gradient(x -> aboveWrong).at(l0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("6", r.facts().get("entries"));
    }

    @Test
    void aPointThatLacksItsDeclaredStructureIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.scalar(StructuredCheckTest::traceAS).structure(Structure.SYMMETRIC)
                        .gradient(s -> A).at(random(3, 3, 7)));
        assertTrue(e.getMessage().startsWith("input X is declared SYMMETRIC, but (0, 1) = "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.scalar(StructuredCheckTest::traceAS)
                .structure(Structure.DIAGONAL).gradient(s -> A).at(random(3, 3, 7)));
    }

    @Test
    void aConstantInputCannotBeDifferentiated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.scalarOf(in -> 0).structure("Y", Structure.ONE_HOT_ROWS).gradient("Y", in -> in.get("Y"))
                        .at(Inputs.of("Y", Matrices.of(new double[][] {{0, 1}}))));
        assertTrue(e.getMessage().contains("a constant"), e.getMessage());
    }

    /** Rounding may leave a computed symmetric matrix asymmetric in the last bits: it is accepted. */
    @Test
    void aSymmetricInputWithRoundingAsymmetryIsAccepted() {
        DMatrixRMaj s0 = symmetric(8);
        s0.set(0, 1, s0.get(0, 1) * (1 + 1e-15));
        assertEquals(Status.PASSED, GradCheck.scalar(StructuredCheckTest::traceAS).structure(Structure.SYMMETRIC)
                .gradient(s -> transpose(A)).at(s0).check().status());
    }
}
