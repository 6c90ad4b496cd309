package io.github.gradcheck.kron;

import static io.github.gradcheck.kron.Reference.assertMatrixEquals;
import static io.github.gradcheck.kron.Reference.kron;
import static io.github.gradcheck.testing.Matrices.minus;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The algebra of linear maps (sums, products, multiples, transposes), user maps and bad arguments. */
class LinearMapTest extends QuietTest {

    private static final double TOL = 1e-12;

    /** M and N are 3×4, P is 4×2: M + N, M − N and M·P are defined, M·N is not. */
    private static final DMatrixRMaj M = random(3, 4, 1);
    private static final DMatrixRMaj N = random(3, 4, 2);
    private static final DMatrixRMaj P = random(4, 2, 3);

    // ---- dense maps

    @Test
    void denseMapIsItsMatrix() {
        LinearMap m = LinearMap.dense(M);
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertMatrixEquals(M, m.toDense(), 0.0);
        DMatrixRMaj v = random(4, 1, 4);
        assertMatrixEquals(mult(M, v), m.apply(v), TOL);
    }

    @Test
    void applyAcceptsARowVector() {
        DMatrixRMaj row = random(1, 4, 5);
        assertMatrixEquals(mult(M, transpose(row)), LinearMap.dense(M).apply(row), TOL);
    }

    @Test
    void applyReturnsAColumnVector() {
        DMatrixRMaj out = LinearMap.dense(M).apply(random(1, 4, 6));
        assertEquals(3, out.numRows);
        assertEquals(1, out.numCols);
    }

    @Test
    void applyReadsOnlyTheEntriesOfAReshapedVector() {
        DMatrixRMaj v = random(4, 1, 7);
        DMatrixRMaj reshaped = new DMatrixRMaj(10, 1);
        reshaped.fill(100);
        reshaped.reshape(4, 1, true);
        System.arraycopy(v.data, 0, reshaped.data, 0, 4);
        assertTrue(reshaped.data.length > 4, "the test needs a longer backing array");
        assertMatrixEquals(mult(M, v), LinearMap.dense(M).apply(reshaped), TOL);
    }

    @Test
    void denseMapOfAReshapedMatrixUsesOnlyItsEntries() {
        DMatrixRMaj reshaped = new DMatrixRMaj(5, 5);
        reshaped.fill(100);
        reshaped.reshape(3, 4, true);
        System.arraycopy(M.data, 0, reshaped.data, 0, 12);
        assertMatrixEquals(M, LinearMap.dense(reshaped).toDense(), 0.0);
        assertMatrixEquals(transpose(M), LinearMap.dense(reshaped).transpose().toDense(), 0.0);
    }

    @Test
    void transposedDenseMapPropagatesNaNLikeTheTransposedMatrix() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{Double.POSITIVE_INFINITY, 1}, {2, 3}});
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{0}, {1}});
        DMatrixRMaj viaTranspose = LinearMap.dense(m).transpose().apply(u);
        DMatrixRMaj viaMatrix = LinearMap.dense(transpose(m)).apply(u);
        assertTrue(Double.isNaN(viaMatrix.get(0)), "0·∞ is NaN");
        assertMatrixEquals(viaMatrix, viaTranspose, 0.0);
    }

    // ---- sums, differences, multiples, products

    @Test
    void plusAddsTheMatrices() {
        assertMatrixEquals(plus(M, N), LinearMap.dense(M).plus(LinearMap.dense(N)).toDense(), TOL);
    }

    @Test
    void minusSubtractsTheMatrices() {
        assertMatrixEquals(minus(M, N), LinearMap.dense(M).minus(LinearMap.dense(N)).toDense(), TOL);
    }

    @Test
    void scaleMultipliesEveryEntry() {
        assertMatrixEquals(scale(-2.5, M), LinearMap.dense(M).scale(-2.5).toDense(), TOL);
    }

    @Test
    void scalingTwiceMultipliesTheFactors() {
        assertMatrixEquals(scale(6, M), LinearMap.dense(M).scale(2).scale(3).toDense(), TOL);
    }

    @Test
    void scaleByZeroIsTheZeroMap() {
        assertMatrixEquals(new DMatrixRMaj(3, 4), LinearMap.dense(M).scale(0).toDense(), 0.0);
    }

    @Test
    void timesAppliesTheRightFactorFirst() {
        LinearMap m = LinearMap.dense(M);
        LinearMap p = LinearMap.dense(P);
        LinearMap mp = m.times(p);
        assertEquals(3, mp.rows());
        assertEquals(2, mp.cols());
        DMatrixRMaj v = random(2, 1, 8);
        assertMatrixEquals(m.apply(p.apply(v)), mp.apply(v), TOL);
        assertMatrixEquals(mult(M, P), mp.toDense(), TOL);
    }

    @Test
    void nestedSumsEqualTheSumOfTheMatrices() {
        LinearMap m = LinearMap.dense(M);
        LinearMap n = LinearMap.dense(N);
        DMatrixRMaj r = random(3, 4, 9);
        LinearMap nested = m.plus(n).plus(m.minus(LinearMap.dense(r)).plus(n.scale(2))).minus(m.plus(n).scale(0.5));
        DMatrixRMaj expected = minus(plus(plus(M, N), plus(minus(M, r), scale(2, N))), scale(0.5, plus(M, N)));
        assertMatrixEquals(expected, nested.toDense(), TOL);
        DMatrixRMaj v = random(4, 1, 10);
        assertMatrixEquals(mult(expected, v), nested.apply(v), TOL);
    }

    @Test
    void sumsOfKroneckerMapsAreTheSumsOfTheDenseProducts() {
        DMatrixRMaj a = random(2, 3, 11);
        DMatrixRMaj b = random(2, 2, 12);
        DMatrixRMaj c = random(2, 3, 13);
        LinearMap sum = Kron.of(a, b).plus(Kron.of(c, b)).minus(Kron.of(a, b).scale(3));
        DMatrixRMaj expected = minus(plus(kron(a, b), kron(c, b)), scale(3, kron(a, b)));
        assertMatrixEquals(expected, sum.toDense(), TOL);
    }

    // ---- transposes

    @Test
    void transposeOfADenseMapIsTheTransposedMatrix() {
        assertMatrixEquals(transpose(M), LinearMap.dense(M).transpose().toDense(), 0.0);
    }

    @Test
    void transposeOfASumIsTheSumOfTheTransposes() {
        LinearMap sum = LinearMap.dense(M).plus(LinearMap.dense(N)).minus(LinearMap.dense(N).scale(4));
        DMatrixRMaj expected = transpose(minus(plus(M, N), scale(4, N)));
        assertMatrixEquals(expected, sum.transpose().toDense(), TOL);
        DMatrixRMaj u = random(3, 1, 14);
        assertMatrixEquals(mult(expected, u), sum.transpose().apply(u), TOL);
    }

    @Test
    void transposeOfAProductReversesTheOrder() {
        LinearMap mp = LinearMap.dense(M).times(LinearMap.dense(P));
        assertMatrixEquals(mult(transpose(P), transpose(M)), mp.transpose().toDense(), TOL);
        DMatrixRMaj u = random(3, 1, 15);
        assertMatrixEquals(mult(transpose(P), mult(transpose(M), u)), mp.transpose().apply(u), TOL);
    }

    @Test
    void transposeOfAScaledMapIsTheScaledTranspose() {
        assertMatrixEquals(scale(-3, transpose(M)), LinearMap.dense(M).scale(-3).transpose().toDense(), TOL);
    }

    @Test
    void transposeTwiceIsTheMap() {
        LinearMap map = LinearMap.dense(M).times(LinearMap.dense(P)).scale(2).plus(LinearMap.dense(random(3, 2, 16)));
        assertMatrixEquals(map.toDense(), map.transpose().transpose().toDense(), TOL);
    }

    // ---- maps given by functions

    @Test
    void mapOfAFunctionAppliesIt() {
        LinearMap m = LinearMap.of(3, 4, v -> mult(M, v));
        DMatrixRMaj v = random(4, 1, 17);
        assertMatrixEquals(mult(M, v), m.apply(v), TOL);
        assertMatrixEquals(M, m.toDense(), TOL);
    }

    @Test
    void mapOfAFunctionWithItsAdjointTransposesToTheAdjoint() {
        LinearMap m = LinearMap.of(3, 4, v -> mult(M, v), u -> mult(transpose(M), u));
        assertEquals(4, m.transpose().rows());
        assertEquals(3, m.transpose().cols());
        assertMatrixEquals(transpose(M), m.transpose().toDense(), TOL);
        assertMatrixEquals(M, m.transpose().transpose().toDense(), TOL);
        assertMatrixEquals(mult(transpose(P), transpose(M)), LinearMap.dense(P).transpose().times(m.transpose())
                .toDense(), TOL);
    }

    @Test
    void mapOfAFunctionWithoutAdjointHasNoTranspose() {
        LinearMap m = LinearMap.of(3, 4, v -> mult(M, v));
        IllegalStateException e = assertThrows(IllegalStateException.class, m::transpose);
        assertTrue(e.getMessage().contains("without its transpose"), e.getMessage());
        assertTrue(e.getMessage().contains("LinearMap.of(rows, cols, forward, adjoint)"), e.getMessage());
        assertTrue(e.getMessage().contains("3×4"), e.getMessage());
    }

    @Test
    void mapsBuiltOnAMapWithoutAdjointHaveNoTransposeEither() {
        LinearMap m = LinearMap.of(3, 4, v -> mult(M, v));
        assertThrows(IllegalStateException.class, () -> m.plus(LinearMap.dense(N)).transpose());
        assertThrows(IllegalStateException.class, () -> Kron.of(Kron.identity(2), m).transpose());
        assertMatrixEquals(kron(Reference.eye(2), M), Kron.of(Kron.identity(2), m).toDense(), TOL);
    }

    @Test
    void mapOfAFunctionReturningTheWrongShapeIsReported() {
        LinearMap m = LinearMap.of(3, 4, v -> new DMatrixRMaj(2, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.apply(new DMatrixRMaj(4, 1)));
        assertTrue(e.getMessage().contains("returned a 2×1 matrix, not a 3×1 vector"), e.getMessage());
    }

    @Test
    void mapOfAFunctionReturningNullIsReported() {
        LinearMap m = LinearMap.of(3, 4, v -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.apply(new DMatrixRMaj(4, 1)));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }

    @Test
    void aFunctionThatModifiesItsArgumentCannotModifyTheCallersVector() {
        LinearMap m = LinearMap.of(3, 4, v -> {
            DMatrixRMaj out = mult(M, v);
            v.fill(0);
            return out;
        });
        DMatrixRMaj v = random(4, 1, 18);
        DMatrixRMaj before = v.copy();
        assertMatrixEquals(mult(M, before), m.apply(v), TOL);
        assertMatrixEquals(before, v, 0.0);
    }

    // ---- a map implemented by the user

    @Test
    void aUserImplementedMapCombinesWithToolkitMaps() {
        LinearMap user = userMap(M);
        assertMatrixEquals(M, user.toDense(), TOL);
        assertMatrixEquals(plus(M, N), user.plus(LinearMap.dense(N)).toDense(), TOL);
        assertMatrixEquals(plus(N, M), LinearMap.dense(N).plus(user).toDense(), TOL);
        assertMatrixEquals(mult(M, P), user.times(LinearMap.dense(P)).toDense(), TOL);
        assertMatrixEquals(scale(2, M), user.scale(2).toDense(), TOL);
        DMatrixRMaj b = random(2, 2, 19);
        assertMatrixEquals(kron(M, b), Kron.of(user, LinearMap.dense(b)).toDense(), TOL);
        assertMatrixEquals(kron(b, M), Kron.of(LinearMap.dense(b), user).toDense(), TOL);
    }

    @Test
    void aUserImplementedMapIsTransposedThroughItsOwnTranspose() {
        LinearMap user = userMap(M);
        assertMatrixEquals(transpose(plus(M, N)), user.plus(LinearMap.dense(N)).transpose().toDense(), TOL);
        DMatrixRMaj b = random(2, 2, 20);
        assertMatrixEquals(transpose(kron(M, b)), Kron.of(user, LinearMap.dense(b)).transpose().toDense(), TOL);
    }

    @Test
    void aUserImplementedMapIsAskedForItsTransposeOnlyOnce() {
        AtomicInteger transposes = new AtomicInteger();
        LinearMap user = userMap(M, "user", self -> {
            transposes.incrementAndGet();
            return LinearMap.dense(CommonOps_DDRM.transpose(M, null));
        });
        LinearMap t = user.plus(LinearMap.dense(N)).transpose();
        t.toDense();
        t.apply(random(3, 1, 21));
        assertEquals(1, transposes.get());
    }

    @Test
    void aUserMapWhoseTransposeHasTheWrongShapeIsReported() {
        LinearMap user = userMap(M, "myMap", self -> self);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> user.plus(LinearMap.dense(N)).transpose());
        assertTrue(e.getMessage().contains("myMap"), e.getMessage());
        assertTrue(e.getMessage().contains("3×4 map as its transpose, not a 4×3"), e.getMessage());
    }

    // ---- immutability

    @Test
    void changingTheMatrixAfterwardsDoesNotChangeTheMap() {
        DMatrixRMaj m = M.copy();
        LinearMap map = LinearMap.dense(m);
        LinearMap t = map.transpose();
        m.fill(5);
        assertMatrixEquals(M, map.toDense(), 0.0);
        assertMatrixEquals(transpose(M), t.toDense(), 0.0);
    }

    @Test
    void combiningMapsDoesNotChangeThem() {
        LinearMap m = LinearMap.dense(M);
        LinearMap n = LinearMap.dense(N);
        m.plus(n).scale(3).minus(n).transpose();
        m.times(LinearMap.dense(P)).transpose();
        assertMatrixEquals(M, m.toDense(), 0.0);
        assertMatrixEquals(N, n.toDense(), 0.0);
    }

    @Test
    void applyDoesNotModifyItsArgument() {
        LinearMap map = LinearMap.dense(M).plus(LinearMap.dense(N)).scale(2).times(LinearMap.dense(P).times(
                LinearMap.dense(transpose(P))));
        DMatrixRMaj v = random(4, 1, 22);
        DMatrixRMaj before = v.copy();
        map.apply(v);
        map.transpose().apply(random(3, 1, 23));
        assertMatrixEquals(before, v, 0.0);
    }

    // ---- 1×1

    @Test
    void oneByOneMapsMultiplyLikeNumbers() {
        LinearMap two = LinearMap.dense(new DMatrixRMaj(new double[][] {{2}}));
        LinearMap three = LinearMap.dense(new DMatrixRMaj(new double[][] {{3}}));
        DMatrixRMaj one = new DMatrixRMaj(new double[][] {{1}});
        assertEquals(6, two.times(three).apply(one).get(0), 0.0);
        assertEquals(5, two.plus(three).apply(one).get(0), 0.0);
        assertEquals(-1, two.minus(three).apply(one).get(0), 0.0);
        assertEquals(2, two.transpose().toDense().get(0), 0.0);
        assertEquals(1, LinearMap.of(1, 1, v -> v.copy(), u -> u.copy()).transpose().apply(one).get(0), 0.0);
    }

    // ---- bad arguments

    @Test
    void applyToAVectorOfTheWrongLengthNamesBothDimensions() {
        LinearMap m = LinearMap.dense(M);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.apply(new DMatrixRMaj(5, 1)));
        assertEquals("apply: the vector has 5 entries but the 3×4 map takes 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.apply(new DMatrixRMaj(1, 3)));
    }

    @Test
    void applyToAMatrixSaysToPassItsVec() {
        LinearMap k = Kron.of(random(3, 2, 24), random(2, 2, 25));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.apply(random(2, 2, 26)));
        assertTrue(e.getMessage().contains("2×2 matrix, not a vector"), e.getMessage());
        assertTrue(e.getMessage().contains("6×4 map to vec(X) (Vec.vec(X)), a 4×1 vector"), e.getMessage());
    }

    @Test
    void applyToNullIsRejected() {
        assertMessage("apply: the vector is null", () -> LinearMap.dense(M).apply(null));
    }

    @Test
    void plusOfMapsOfDifferentDimensionsNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMap.dense(M).plus(LinearMap.dense(P)));
        assertTrue(e.getMessage().startsWith("plus: the maps are 3×4 and 4×2"), e.getMessage());
    }

    @Test
    void minusOfMapsOfDifferentDimensionsNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMap.dense(M).minus(LinearMap.dense(P)));
        assertTrue(e.getMessage().startsWith("minus: the maps are 3×4 and 4×2"), e.getMessage());
    }

    @Test
    void timesOfMapsWhoseInnerDimensionsDifferNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMap.dense(M).times(LinearMap.dense(N)));
        assertTrue(e.getMessage().startsWith("times: the maps are 3×4 and 3×4"), e.getMessage());
        assertTrue(e.getMessage().contains("N's rows (3) to equal M's columns (4)"), e.getMessage());
    }

    @Test
    void nullOtherMapsAreRejected() {
        LinearMap m = LinearMap.dense(M);
        assertMessage("plus: the other map is null", () -> m.plus(null));
        assertMessage("minus: the other map is null", () -> m.minus(null));
        assertMessage("times: the other map is null", () -> m.times(null));
    }

    @Test
    void nonFiniteScaleFactorsAreRejected() {
        LinearMap m = LinearMap.dense(M);
        assertMessage("scale: the factor must be finite, got NaN", () -> m.scale(Double.NaN));
        assertMessage("scale: the factor must be finite, got Infinity", () -> m.scale(Double.POSITIVE_INFINITY));
    }

    @Test
    void scalingTwiceByHugeFactorsDoesNotOverflowBeforeApplying() {
        LinearMap m = LinearMap.dense(M).scale(1e200).scale(1e200);
        DMatrixRMaj v = random(4, 1, 1e-300, 27);
        DMatrixRMaj expected = scale(1e200, scale(1e200, mult(M, v)));
        DMatrixRMaj actual = m.apply(v);
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(actual.get(i)), "entry " + i + " is " + actual.get(i));
            assertEquals(expected.get(i), actual.get(i), 1e-12 * Math.abs(expected.get(i)));
        }
    }

    @Test
    void denseOfANullOrEmptyMatrixIsRejected() {
        assertMessage("LinearMap.dense: the matrix is null", () -> LinearMap.dense(null));
        assertMessage("LinearMap.dense: the matrix is empty (0×3)", () -> LinearMap.dense(new DMatrixRMaj(0, 3)));
    }

    @Test
    void mapOfAFunctionNeedsPositiveDimensionsAndAFunction() {
        assertMessage("LinearMap.of: the dimensions must be positive, got 0×3", () -> LinearMap.of(0, 3, v -> v));
        assertMessage("LinearMap.of: the dimensions must be positive, got 3×-1",
                () -> LinearMap.of(3, -1, v -> v, u -> u));
        assertMessage("LinearMap.of: the forward function is null", () -> LinearMap.of(3, 3, null));
    }

    @Test
    void aUserMapWithNonPositiveDimensionsIsRejectedWhenCombined() {
        LinearMap empty = new LinearMap() {
            @Override
            public int rows() {
                return 0;
            }

            @Override
            public int cols() {
                return 4;
            }

            @Override
            public DMatrixRMaj apply(DMatrixRMaj v) {
                return new DMatrixRMaj(0, 1);
            }

            @Override
            public LinearMap transpose() {
                return this;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMap.dense(M).times(empty));
        assertTrue(e.getMessage().contains("non-positive dimensions 0×4"), e.getMessage());
    }

    // ---- helpers

    /** A map implemented as a user would: an anonymous class over a matrix. */
    private static LinearMap userMap(DMatrixRMaj matrix) {
        DMatrixRMaj m = matrix.copy();
        return userMap(m, "userMap", self -> userMap(CommonOps_DDRM.transpose(m, null)));
    }

    /** As {@link #userMap(DMatrixRMaj)}, named, with a transpose of the test's choosing (given the map). */
    private static LinearMap userMap(DMatrixRMaj matrix, String name, UnaryOperator<LinearMap> transpose) {
        DMatrixRMaj m = matrix.copy();
        return new LinearMap() {
            @Override
            public int rows() {
                return m.numRows;
            }

            @Override
            public int cols() {
                return m.numCols;
            }

            @Override
            public DMatrixRMaj apply(DMatrixRMaj v) {
                DMatrixRMaj out = new DMatrixRMaj(m.numRows, 1);
                CommonOps_DDRM.mult(m, v, out);
                return out;
            }

            @Override
            public LinearMap transpose() {
                return transpose.apply(this);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
