package io.github.gradcheck.kron;


import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import static io.github.gradcheck.kron.Reference.assertMatrixEquals;
import static io.github.gradcheck.kron.Reference.eye;
import static io.github.gradcheck.kron.Reference.kron;
import static io.github.gradcheck.kron.Reference.unit;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kronecker products and the structural maps, against dense references and the checker. */
class KronTest extends QuietTest {

    private static final double TOL = 1e-12;

    /** A 2×3, B 4×2: A ⊗ B is 8×6 and acts on vec(X) for X 2×3. */
    private static final DMatrixRMaj A = random(2, 3, 11);
    private static final DMatrixRMaj B = random(4, 2, 12);

    // ---- A ⊗ B against the textbook block matrix

    @Test
    void denseFormIsTheTextbookBlockMatrix() {
        LinearMap k = Kron.of(A, B);
        assertEquals(8, k.rows());
        assertEquals(6, k.cols());
        assertMatrixEquals(kron(A, B), k.toDense(), TOL);
    }

    @Test
    void denseFormIsTheTextbookBlockMatrixWhicheverFactorIsTaller() {
        DMatrixRMaj tall = random(5, 1, 13);
        DMatrixRMaj wide = random(1, 4, 14);
        assertMatrixEquals(kron(tall, wide), Kron.of(tall, wide).toDense(), TOL);
        assertMatrixEquals(kron(wide, tall), Kron.of(wide, tall).toDense(), TOL);
    }

    @Test
    void applyToVecXIsVecOfBXATransposed() {
        DMatrixRMaj x = random(2, 3, 15);
        DMatrixRMaj expected = Vec.vec(mult(mult(B, x), transpose(A)));
        assertMatrixEquals(expected, Kron.of(A, B).apply(Vec.vec(x)), TOL);
        assertMatrixEquals(mult(kron(A, B), Vec.vec(x)), Kron.of(A, B).apply(Vec.vec(x)), TOL);
    }

    @Test
    void everyColumnIsTheImageOfAUnitVector() {
        for (LinearMap map : sampleMaps()) {
            Operator operator = ((Backed) map).operator();
            DMatrixRMaj dense = map.toDense();
            double[] column = new double[map.rows()];
            for (int j = 0; j < map.cols(); j++) {
                operator.columnInto(j, column);
                DMatrixRMaj image = map.apply(unit(map.cols(), j));
                for (int i = 0; i < map.rows(); i++) {
                    assertEquals(image.get(i, 0), column[i], TOL, map + ": columnInto(" + j + ")[" + i + "]");
                    assertEquals(image.get(i, 0), dense.get(i, j), TOL, map + ": toDense()(" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void transposeIsTheDenseTranspose() {
        for (LinearMap map : sampleMaps()) {
            LinearMap t = map.transpose();
            assertEquals(map.cols(), t.rows(), map + "ᵀ rows");
            assertEquals(map.rows(), t.cols(), map + "ᵀ cols");
            assertMatrixEquals(transpose(map.toDense()), t.toDense(), TOL);
            DMatrixRMaj u = random(map.rows(), 1, 16);
            assertMatrixEquals(mult(transpose(map.toDense()), u), t.apply(u), TOL);
        }
    }

    @Test
    void transposeOfTheTransposeIsTheMap() {
        for (LinearMap map : sampleMaps()) {
            assertMatrixEquals(map.toDense(), map.transpose().transpose().toDense(), TOL);
        }
    }

    @Test
    void kronOfMapsWithAnIdentityFactorIsTheDenseProduct() {
        assertMatrixEquals(kron(eye(3), A), Kron.of(Kron.identity(3), LinearMap.dense(A)).toDense(), TOL);
        assertMatrixEquals(kron(B, eye(2)), Kron.of(LinearMap.dense(B), Kron.identity(2)).toDense(), TOL);
    }

    @Test
    void kronOfDenseMapsEqualsKronOfTheirMatrices() {
        assertMatrixEquals(kron(A, B), Kron.of(LinearMap.dense(A), LinearMap.dense(B)).toDense(), TOL);
    }

    /** Factors larger than the product's 4×4 blocks, with remainders, as given and transposed. */
    @Test
    void kronOfLargerDenseFactorsAppliesAsTheTextbookMatrix() {
        DMatrixRMaj p = random(9, 7, 63);
        DMatrixRMaj q = random(6, 11, 64);
        LinearMap map = Kron.of(p, q);
        DMatrixRMaj u = random(77, 1, 65);
        assertMatrixEquals(mult(kron(p, q), u), map.apply(u), TOL);
        DMatrixRMaj w = random(54, 1, 66);
        assertMatrixEquals(mult(transpose(kron(p, q)), w), map.transpose().apply(w), TOL);
    }

    @Test
    void kronOfMapsWithACommutationFactorIsTheDenseProduct() {
        DMatrixRMaj k = Kron.commutation(2, 3).toDense();
        assertMatrixEquals(kron(k, B), Kron.of(Kron.commutation(2, 3), LinearMap.dense(B)).toDense(), TOL);
        assertMatrixEquals(kron(A, k), Kron.of(LinearMap.dense(A), Kron.commutation(2, 3)).toDense(), TOL);
    }

    @Test
    void kronOfKronsIsAssociative() {
        DMatrixRMaj c = random(2, 2, 17);
        LinearMap left = Kron.of(Kron.of(A, B), LinearMap.dense(c));
        LinearMap right = Kron.of(LinearMap.dense(A), Kron.of(B, c));
        assertMatrixEquals(kron(kron(A, B), c), left.toDense(), TOL);
        assertMatrixEquals(kron(kron(A, B), c), right.toDense(), TOL);
    }

    // ---- MATH.md's identities

    @Test
    void vecOfAXBIsBTransposedKronAAppliedToVecX() {
        DMatrixRMaj a = random(3, 2, 21);
        DMatrixRMaj x = random(2, 4, 22);
        DMatrixRMaj b = random(4, 5, 23);
        DMatrixRMaj expected = Vec.vec(mult(mult(a, x), b));
        assertMatrixEquals(expected, Kron.of(transpose(b), a).apply(Vec.vec(x)), TOL);
    }

    @Test
    void jacobianOfAXIsIdentityKronA() {
        DMatrixRMaj a = random(3, 2, 24);
        DMatrixRMaj x0 = random(2, 4, 25);
        LinearMap j = Kron.of(Kron.identity(4), LinearMap.dense(a));
        CheckResult r = GradCheck.matrix(x -> mult(a, x)).jacobian(x -> j.toDense()).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void jacobianOfXBIsBTransposedKronIdentity() {
        DMatrixRMaj x0 = random(3, 2, 26);
        DMatrixRMaj b = random(2, 4, 27);
        LinearMap j = Kron.of(LinearMap.dense(transpose(b)), Kron.identity(3));
        CheckResult r = GradCheck.matrix(x -> mult(x, b)).jacobian(x -> j.toDense()).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void commutationMapsVecXToVecXTransposed() {
        DMatrixRMaj x = random(3, 5, 28);
        assertMatrixEquals(Vec.vec(transpose(x)), Kron.commutation(3, 5).apply(Vec.vec(x)), 0.0);
    }

    @Test
    void commutationTransposedIsCommutationWithTheDimensionsSwapped() {
        assertMatrixEquals(Kron.commutation(5, 3).toDense(), Kron.commutation(3, 5).transpose().toDense(), 0.0);
    }

    @Test
    void commutationWithTheDimensionsSwappedIsTheInverse() {
        assertMatrixEquals(eye(15), Kron.commutation(5, 3).times(Kron.commutation(3, 5)).toDense(), 0.0);
        assertMatrixEquals(eye(15), Kron.commutation(3, 5).times(Kron.commutation(5, 3)).toDense(), 0.0);
    }

    @Test
    void commutationIsTheJacobianOfTheTransposeAndTheSwappedOneIsNot() {
        DMatrixRMaj x0 = random(2, 3, 29);
        CheckResult right = GradCheck.matrix(Matrices::transpose)
                .jacobian(x -> Kron.commutation(2, 3).toDense()).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult swapped = GradCheck.matrix(Matrices::transpose)
                .jacobian(x -> Kron.commutation(3, 2).toDense()).at(x0).check();
        assertEquals(Status.MISMATCH, swapped.status(), swapped::report);
    }

    @Test
    void commutationSwapsTheFactorsOfAKroneckerProduct() {
        // K(r,p) (A ⊗ B) K(q,s) = B ⊗ A for A p×q, B r×s (here p=2, q=3, r=4, s=2)
        LinearMap swapped = Kron.commutation(4, 2).times(Kron.of(A, B)).times(Kron.commutation(3, 2));
        assertMatrixEquals(kron(B, A), swapped.toDense(), TOL);
    }

    @Test
    void jacobianOfTheInverseIsMinusInverseTransposedKronInverse() {
        DMatrixRMaj x0 = Matrices.withCondition(3, 4, 31);
        CheckResult right = GradCheck.matrix(KronTest::inverse)
                .jacobian(x -> Kron.of(inverse(transpose(x)), inverse(x)).scale(-1).toDense()).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult untransposed = GradCheck.matrix(KronTest::inverse)
                .jacobian(x -> Kron.of(inverse(x), inverse(x)).scale(-1).toDense()).at(x0).check();
        assertEquals(Status.MISMATCH, untransposed.status(), untransposed::report);
    }

    @Test
    void jacobianOfAHadamardProductIsDiagOfVecY() {
        DMatrixRMaj y = random(3, 2, 32);
        DMatrixRMaj x0 = random(3, 2, 33);
        CheckResult r = GradCheck.matrix(x -> hadamard(x, y)).jacobian(x -> Kron.diag(y).toDense()).at(x0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    @Test
    void diagOfAVectorIsTheDiagonalMatrix() {
        DMatrixRMaj v = new DMatrixRMaj(new double[][] {{2, -3, 5}});
        DMatrixRMaj expected = new DMatrixRMaj(new double[][] {{2, 0, 0}, {0, -3, 0}, {0, 0, 5}});
        assertMatrixEquals(expected, Kron.diag(v).toDense(), 0.0);
        assertMatrixEquals(expected, Kron.diag(transpose(v)).toDense(), 0.0);
    }

    @Test
    void diagOfAMatrixTakesItsEntriesInVecOrder() {
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{10, 20}, {30, 40}});
        assertMatrixEquals(Vec.vec(hadamard(x, y)), Kron.diag(y).apply(Vec.vec(x)), 0.0);
    }

    @Test
    void duplicationMapsVechToVecOfASymmetricMatrix() {
        DMatrixRMaj s = symmetric(4, 34);
        LinearMap d = Kron.duplication(4);
        assertEquals(16, d.rows());
        assertEquals(10, d.cols());
        assertMatrixEquals(Vec.vec(s), d.apply(Vec.vech(s)), 0.0);
    }

    @Test
    void duplicationTransposedAddsTheOffDiagonalPairs() {
        DMatrixRMaj x = random(4, 4, 35);
        DMatrixRMaj folded = x.copy();
        CommonOps_DDRM.addEquals(folded, transpose(x));
        for (int i = 0; i < 4; i++) {
            folded.set(i, i, x.get(i, i));
        }
        assertMatrixEquals(Vec.vech(folded), Kron.duplication(4).transpose().apply(Vec.vec(x)), TOL);
    }

    @Test
    void jacobianOnSymmetricMatricesIsTheJacobianTimesDuplication() {
        // F(S) = A S Aᵀ on symmetric S, in vech coordinates: (A ⊗ A) D
        DMatrixRMaj a = random(2, 3, 36);
        DMatrixRMaj s = symmetric(3, 37);
        LinearMap onVech = Kron.of(a, a).times(Kron.duplication(3));
        DMatrixRMaj expected = Vec.vec(mult(mult(a, s), transpose(a)));
        assertMatrixEquals(expected, onVech.apply(Vec.vech(s)), TOL);
    }

    // ---- a wrong Kronecker factor is caught

    @Test
    void swappedKroneckerFactorsFailAndTheRightOnesPass() {
        DMatrixRMaj a = random(2, 3, 41);
        DMatrixRMaj b = random(4, 4, 42);
        DMatrixRMaj x0 = random(3, 4, 43);
        CheckResult right = GradCheck.matrix(x -> mult(mult(a, x), b))
                .jacobian(x -> Kron.of(transpose(b), a).toDense()).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult swapped = GradCheck.matrix(x -> mult(mult(a, x), b))
                .jacobian(x -> Kron.of(b, a).toDense()).at(x0).check();
        assertEquals(Status.MISMATCH, swapped.status(), swapped::report);
    }

    // ---- matrix-free

    @Test
    @Timeout(20)
    void a90000By90000KroneckerMapAppliesWithoutFormingItsMatrix() {
        DMatrixRMaj a = random(300, 300, 51);
        DMatrixRMaj b = random(300, 300, 52);
        DMatrixRMaj x = random(300, 300, 53);
        LinearMap k = Kron.of(a, b);
        assertEquals(90_000, k.rows());
        assertEquals(90_000, k.cols());
        DMatrixRMaj bx = new DMatrixRMaj(300, 300);
        DMatrixRMaj bxat = new DMatrixRMaj(300, 300);
        CommonOps_DDRM.mult(b, x, bx);
        CommonOps_DDRM.multTransB(bx, a, bxat);
        assertMatrixEquals(Vec.vec(bxat), k.apply(Vec.vec(x)), 1e-10);
    }

    @Test
    void aKroneckerMapTooLargeForOneMatrixRefusesToBeFormed() {
        LinearMap k = Kron.of(random(300, 300, 54), random(300, 300, 55));
        IllegalStateException e = assertThrows(IllegalStateException.class, k::toDense);
        assertTrue(e.getMessage().contains("90000×90000"), e.getMessage());
        assertTrue(e.getMessage().contains("apply it to vectors instead"), e.getMessage());
    }

    @Test
    void sumsAndProductsOfLargeKroneckerMapsStayMatrixFree() {
        LinearMap k = Kron.of(Kron.identity(300), LinearMap.dense(random(300, 300, 56)));
        LinearMap combined = k.plus(k.transpose()).times(Kron.commutation(300, 300)).scale(0.5);
        DMatrixRMaj x = random(300, 300, 57);
        DMatrixRMaj out = combined.apply(Vec.vec(x));
        assertEquals(90_000, out.numRows);
        assertThrows(IllegalStateException.class, combined::toDense);
    }

    // ---- immutability

    @Test
    void changingTheFactorsAfterwardsDoesNotChangeTheMap() {
        DMatrixRMaj a = A.copy();
        DMatrixRMaj b = B.copy();
        LinearMap k = Kron.of(a, b);
        a.fill(7);
        b.fill(-3);
        assertMatrixEquals(kron(A, B), k.toDense(), TOL);
    }

    @Test
    void changingTheDiagonalAfterwardsDoesNotChangeTheMap() {
        DMatrixRMaj v = new DMatrixRMaj(new double[][] {{1}, {2}});
        LinearMap d = Kron.diag(v);
        v.set(0, 0, 99);
        assertMatrixEquals(new DMatrixRMaj(new double[][] {{1, 0}, {0, 2}}), d.toDense(), 0.0);
    }

    @Test
    void applyDoesNotModifyItsArgument() {
        for (LinearMap map : sampleMaps()) {
            DMatrixRMaj v = random(map.cols(), 1, 58);
            DMatrixRMaj before = v.copy();
            map.apply(v);
            map.transpose().apply(random(map.rows(), 1, 59));
            assertMatrixEquals(before, v, 0.0);
        }
    }

    // ---- edges

    @Test
    void oneByOneFactorsGiveAOneByOneMap() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{3}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{-2}});
        LinearMap k = Kron.of(a, b);
        assertEquals(1, k.rows());
        assertEquals(1, k.cols());
        assertEquals(-6, k.toDense().get(0, 0), 0.0);
        assertEquals(-12, k.apply(new DMatrixRMaj(new double[][] {{2}})).get(0, 0), 0.0);
    }

    @Test
    void aOneByOneFactorScalesTheOther() {
        DMatrixRMaj c = new DMatrixRMaj(new double[][] {{2.5}});
        assertMatrixEquals(scale(2.5, A), Kron.of(c, A).toDense(), TOL);
        assertMatrixEquals(scale(2.5, A), Kron.of(A, c).toDense(), TOL);
    }

    @Test
    void duplicationOfOrderOneIsTheOneByOneIdentity() {
        LinearMap d = Kron.duplication(1);
        assertMatrixEquals(eye(1), d.toDense(), 0.0);
        assertMatrixEquals(eye(1), d.transpose().toDense(), 0.0);
    }

    @Test
    void commutationWithADimensionOneIsTheIdentity() {
        assertMatrixEquals(eye(4), Kron.commutation(1, 4).toDense(), 0.0);
        assertMatrixEquals(eye(4), Kron.commutation(4, 1).toDense(), 0.0);
        assertMatrixEquals(eye(1), Kron.commutation(1, 1).toDense(), 0.0);
    }

    @Test
    void identityIsTheIdentityMatrix() {
        assertMatrixEquals(eye(5), Kron.identity(5).toDense(), 0.0);
        assertMatrixEquals(eye(1), Kron.identity(1).toDense(), 0.0);
    }

    // ---- bad arguments

    @Test
    void kronOfANullMatrixNamesTheFactor() {
        assertMessage("Kron.of: A is null", () -> Kron.of(null, B));
        assertMessage("Kron.of: B is null", () -> Kron.of(A, (DMatrixRMaj) null));
    }

    @Test
    void kronOfAnEmptyMatrixNamesTheFactorAndItsShape() {
        assertMessage("Kron.of: A is empty (0×3)", () -> Kron.of(new DMatrixRMaj(0, 3), B));
        assertMessage("Kron.of: B is empty (2×0)", () -> Kron.of(A, new DMatrixRMaj(2, 0)));
    }

    @Test
    void kronOfANullMapNamesTheFactor() {
        LinearMap b = LinearMap.dense(B);
        assertMessage("Kron.of: the first map is null", () -> Kron.of(null, b));
        assertMessage("Kron.of: the second map is null", () -> Kron.of(b, (LinearMap) null));
    }

    @Test
    void kronWhoseDimensionsOverflowAnIntIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kron.of(Kron.identity(100_000), Kron.identity(100_000)));
        assertTrue(e.getMessage().contains("100000×100000 ⊗ 100000×100000"), e.getMessage());
    }

    @Test
    void nonPositiveOrdersAreRejected() {
        assertMessage("Kron.identity: n must be positive, got 0", () -> Kron.identity(0));
        assertMessage("Kron.commutation: m must be positive, got 0", () -> Kron.commutation(0, 3));
        assertMessage("Kron.commutation: n must be positive, got -1", () -> Kron.commutation(3, -1));
        assertMessage("Kron.duplication: n must be positive, got 0", () -> Kron.duplication(0));
    }

    @Test
    void diagOfANullOrEmptyMatrixIsRejected() {
        assertMessage("Kron.diag: the vector is null", () -> Kron.diag(null));
        assertMessage("Kron.diag: the vector is empty (0×1)", () -> Kron.diag(new DMatrixRMaj(0, 1)));
    }

    @Test
    void applyWithTheWrongLengthNamesBothDimensions() {
        LinearMap k = Kron.of(A, B);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.apply(new DMatrixRMaj(5, 1)));
        assertTrue(e.getMessage().contains("5 entries"), e.getMessage());
        assertTrue(e.getMessage().contains("8×6 map takes 6"), e.getMessage());
    }

    @Test
    void applyToAMatrixInsteadOfItsVecSaysToVecIt() {
        LinearMap k = Kron.of(A, B);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.apply(random(2, 3, 60)));
        assertTrue(e.getMessage().contains("2×3 matrix, not a vector"), e.getMessage());
        assertTrue(e.getMessage().contains("Vec.vec(X)"), e.getMessage());
    }

    // ---- helpers

    /** One map of each kind the toolkit builds, with rectangular factors where possible. */
    private static List<LinearMap> sampleMaps() {
        DMatrixRMaj c = random(3, 3, 61);
        return List.of(
                Kron.of(A, B),
                Kron.of(B, A),
                Kron.of(Kron.identity(2), LinearMap.dense(A)),
                Kron.of(LinearMap.dense(B), Kron.commutation(2, 3)),
                Kron.of(Kron.of(A, B), LinearMap.dense(c)),
                Kron.identity(4),
                Kron.commutation(2, 3),
                Kron.commutation(3, 3),
                Kron.diag(random(3, 2, 62)),
                Kron.duplication(3),
                Kron.duplication(3).transpose(),
                Kron.of(A, B).plus(Kron.of(A, B).scale(-2)),
                Kron.of(A, B).times(Kron.commutation(2, 3)),
                Kron.of(c, c).minus(Kron.commutation(3, 3)).scale(3));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    private static DMatrixRMaj inverse(DMatrixRMaj x) {
        DMatrixRMaj inverse = x.copy();
        assertTrue(CommonOps_DDRM.invert(inverse), "singular test matrix");
        return inverse;
    }

    private static DMatrixRMaj hadamard(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj h = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.elementMult(x, y, h);
        return h;
    }

    private static DMatrixRMaj symmetric(int n, long seed) {
        DMatrixRMaj r = random(n, n, seed);
        DMatrixRMaj s = r.copy();
        CommonOps_DDRM.addEquals(s, transpose(r));
        return s;
    }
}
