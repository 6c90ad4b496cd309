package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import io.github.gradcheck.testing.Vectors;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A jvp and a vjp given for the same input: both are checked, and so is their adjoint identity
 * ⟨u, J v⟩ = ⟨Jᵀu, v⟩ on random u, v to rounding, with no finite differences. A pair wrong by more
 * than finite differences resolve is named (which one, and its mistake); a pair wrong by less, but
 * by more than rounding, is caught by the identity alone.
 */
class AdjointPairTest extends QuietTest {

    private static final double[] X0 = {0.5, -1, 2};

    /**
     * The vjp with its first entry off by a relative 1e-6: within finite differences' tolerance
     * (1e-5 of the derivative's scale), far outside the identity's (rounding, 1e-8).
     */
    private static double[] slightlyWrongVjp(double[] x, double[] u) {
        double[] g = Vectors.tanhLayerVjp(x, u);
        g[0] *= 1 + 1e-6;
        return g;
    }

    @Test
    void aRightPairPasses() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp)
                .vjp(Vectors::tanhLayerVjp).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aWrongJvpBesideARightVjpIsReportedWithItsMistake() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer)
                .jvp((x, v) -> Vectors.scaled(Vectors.tanhLayerJvp(x, v), -1))
                .vjp(Vectors::tanhLayerVjp).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
        assertTrue(r.headline().startsWith("jvp mismatch"), r::report);
        assertTrue(r.facts().get("vjp").startsWith("PASSED"), r::report);
    }

    @Test
    void aWrongVjpBesideARightJvpIsReportedWithItsMistake() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp)
                .vjp((x, u) -> Vectors.scaled(Vectors.tanhLayerVjp(x, u), 2)).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.mistake(), r::report);
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-6, r::report);
        assertTrue(r.headline().startsWith("vjp mismatch"), r::report);
    }

    @Test
    void aWrongVjpGivenFirstIsReportedWithItsMistake() {
        CheckResult r = GradCheck.vectorMap(Vectors::tanhLayer)
                .vjp((x, u) -> Vectors.scaled(Vectors.tanhLayerVjp(x, u), -1))
                .jvp(Vectors::tanhLayerJvp).at(X0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
        assertTrue(r.headline().startsWith("vjp mismatch"), r::report);
    }

    /** Each of the pair alone passes finite differences: the error is below their resolution. */
    @Test
    void anErrorBelowFiniteDifferencesButAboveRoundingPassesAloneButNotAsAPair() {
        CheckResult alone = GradCheck.vectorMap(Vectors::tanhLayer).vjp(AdjointPairTest::slightlyWrongVjp).at(X0)
                .check();
        assertEquals(Status.PASSED, alone.status(), alone::report);
        CheckResult pair = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp)
                .vjp(AdjointPairTest::slightlyWrongVjp).at(X0).check();
        assertEquals(Status.MISMATCH, pair.status(), pair::report);
        assertEquals(Mistake.UNKNOWN, pair.mistake(), pair::report);
        assertTrue(pair.facts().get("first order").startsWith("PASSED"), pair::report);
        assertTrue(pair.facts().get("vjp").startsWith("PASSED"), pair::report);
    }

    @Test
    void theIdentityCostsOneEvaluationOfF() {
        CheckResult jvpOnly = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp).at(X0).check();
        CheckResult pair = GradCheck.vectorMap(Vectors::tanhLayer).jvp(Vectors::tanhLayerJvp)
                .vjp(Vectors::tanhLayerVjp).at(X0).check();
        assertEquals(jvpOnly.evaluations() + 1, pair.evaluations(), pair::report);
    }

    // -------------------------------------------------------------------- the same on matrices

    private static final DMatrixRMaj A = random(3, 4, 31);
    private static final DMatrixRMaj X = random(4, 2, 32);

    @Test
    void aRightMatrixPairPasses() {
        CheckResult r = GradCheck.matrix(x -> mult(A, x)).jvp((x, h) -> mult(A, h))
                .vjp((x, g) -> mult(transpose(A), g)).at(X).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aWrongMatrixVjpIsNamed() {
        CheckResult r = GradCheck.matrix(x -> mult(A, x)).jvp((x, h) -> mult(A, h))
                .vjp((x, g) -> scale(-1, mult(transpose(A), g))).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.WRONG_SIGN, r.mistake(), r::report);
    }

    @Test
    void aSlightlyWrongMatrixVjpIsCaughtByTheIdentity() {
        CheckResult r = GradCheck.matrix(x -> mult(A, x)).jvp((x, h) -> mult(A, h)).vjp((x, g) -> {
            DMatrixRMaj d = mult(transpose(A), g);
            d.set(1, 1, d.get(1, 1) * (1 + 1e-6));
            return d;
        }).at(X).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.UNKNOWN, r.mistake(), r::report);
    }

    // -------------------------------------------------------------------- structured inputs

    private static final DMatrixRMaj B = random(3, 3, 33);
    private static final DMatrixRMaj S = new DMatrixRMaj(3, 3, true, 2, 0.5, 0.1, 0.5, 3, 0.2, 0.1, 0.2, 1);

    /** (G + Gᵀ)/2. */
    private static DMatrixRMaj symmetricPart(DMatrixRMaj g) {
        return scale(0.5, io.github.gradcheck.testing.Matrices.plus(g, transpose(g)));
    }

    /**
     * On a SYMMETRIC input the vjp may return the symmetric part of the full one, as the gradient
     * convention there says; the identity holds for every symmetric V, not for every V.
     */
    @Test
    void aRightPairOnASymmetricInputPassesWithASymmetrizedVjp() {
        CheckResult r = GradCheck.matrix(x -> mult(x, B)).jvp((x, h) -> mult(h, B))
                .vjp((x, g) -> symmetricPart(mult(g, transpose(B)))).structure(Structure.SYMMETRIC).at(S).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void aWrongPairOnASymmetricInputIsCaught() {
        CheckResult r = GradCheck.matrix(x -> mult(x, B)).jvp((x, h) -> mult(h, B))
                .vjp((x, g) -> symmetricPart(mult(g, B))).structure(Structure.SYMMETRIC).at(S).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** On a DIAGONAL input only the vjp's diagonal counts: what it returns off the diagonal is never used. */
    @Test
    void aRightPairOnADiagonalInputPassesWhateverTheVjpReturnsOffTheDiagonal() {
        DMatrixRMaj d = new DMatrixRMaj(3, 3, true, 2, 0, 0, 0, 3, 0, 0, 0, 1);
        CheckResult r = GradCheck.matrix(x -> mult(x, B)).jvp((x, h) -> mult(h, B)).vjp((x, g) -> {
            DMatrixRMaj full = mult(g, transpose(B));
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    full.set(i, j, i == j ? full.get(i, j) : 7);
                }
            }
            return full;
        }).structure(Structure.DIAGONAL).at(d).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }
}
