package io.github.gradcheck.kron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** vec stacks columns, although EJML stores rows; vech stacks the columns of the lower triangle. */
class VecTest extends QuietTest {

    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void vecStacksTheColumns() {
        DMatrixRMaj v = Vec.vec(X);
        assertEquals(6, v.numRows);
        assertEquals(1, v.numCols);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, v.data, 0.0);
    }

    @Test
    void unvecInvertsVec() {
        DMatrixRMaj back = Vec.unvec(Vec.vec(X), 2, 3);
        assertArrayEquals(X.data, back.data, 0.0);
        DMatrixRMaj row = new DMatrixRMaj(new double[][] {{1, 4, 2, 5, 3, 6}});
        assertArrayEquals(X.data, Vec.unvec(row, 2, 3).data, 0.0);
    }

    @Test
    void unvecRejectsAVectorOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vec.unvec(Vec.vec(X), 3, 3));
        assertEquals("unvec: v has 6 entries but a 3×3 matrix needs 9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vec.unvec(X, 2, 3));
    }

    @Test
    void vecDoesNotModifyItsArgument() {
        DMatrixRMaj x = X.copy();
        Vec.vec(x);
        assertArrayEquals(X.data, x.data, 0.0);
    }

    @Test
    void vecOfAReshapedMatrixUsesOnlyItsEntries() {
        DMatrixRMaj x = new DMatrixRMaj(4, 4);
        x.fill(100);
        x.reshape(2, 3, true);
        System.arraycopy(X.data, 0, x.data, 0, 6);
        DMatrixRMaj v = Vec.vec(x);
        assertEquals(6, v.getNumElements());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, v.data, 0.0);
    }

    @Test
    void vecOfARowOrAColumnKeepsItsEntries() {
        DMatrixRMaj row = new DMatrixRMaj(new double[][] {{1, 2, 3}});
        assertArrayEquals(new double[] {1, 2, 3}, Vec.vec(row).data, 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, Vec.vec(Vec.vec(row)).data, 0.0);
    }

    @Test
    void unvecRejectsNegativeDimensions() {
        assertMessage("unvec: rows and cols must be non-negative, got -1×3", () -> Vec.unvec(Vec.vec(X), -1, 3));
    }

    @Test
    void unvecRejectsAMatrixThatIsNotAVector() {
        assertMessage("unvec: v must be a vector but is 2×3", () -> Vec.unvec(X, 3, 2));
    }

    @Test
    void vecAndItsInversesRejectNull() {
        assertMessage("vec: X is null", () -> Vec.vec(null));
        assertMessage("unvec: v is null", () -> Vec.unvec(null, 2, 3));
        assertMessage("vech: S is null", () -> Vec.vech(null));
        assertMessage("unvech: v is null", () -> Vec.unvech(null, 2));
    }

    @Test
    void vechStacksTheColumnsOfTheLowerTriangle() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        DMatrixRMaj v = Vec.vech(s);
        assertEquals(6, v.numRows);
        assertEquals(1, v.numCols);
        assertArrayEquals(new double[] {1, 4, 7, 5, 8, 9}, v.data, 0.0);
    }

    @Test
    void vechDoesNotReadTheUpperTriangle() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        DMatrixRMaj lower = new DMatrixRMaj(new double[][] {{1, 0, 0}, {4, 5, 0}, {7, 8, 9}});
        assertArrayEquals(Vec.vech(lower).data, Vec.vech(s).data, 0.0);
    }

    @Test
    void unvechInvertsVechOfASymmetricMatrix() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{1, 2, 3}, {2, 5, 6}, {3, 6, 9}});
        assertArrayEquals(s.data, Vec.unvech(Vec.vech(s), 3).data, 0.0);
    }

    @Test
    void unvechGivesTheSymmetricMatrixOfTheLowerTriangle() {
        DMatrixRMaj v = new DMatrixRMaj(new double[][] {{1, 4, 7, 5, 8, 9}});
        DMatrixRMaj s = Vec.unvech(v, 3);
        assertArrayEquals(new double[] {1, 4, 7, 4, 5, 8, 7, 8, 9}, s.data, 0.0);
    }

    @Test
    void vechAndUnvechOfOrderOne() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{4}});
        assertArrayEquals(new double[] {4}, Vec.vech(s).data, 0.0);
        assertArrayEquals(new double[] {4}, Vec.unvech(Vec.vech(s), 1).data, 0.0);
    }

    @Test
    void vechRejectsANonSquareMatrix() {
        assertMessage("vech: S must be square but is 2×3", () -> Vec.vech(X));
    }

    @Test
    void unvechRejectsAVectorOfTheWrongLength() {
        assertMessage("unvech: v has 6 entries but a symmetric 4×4 matrix needs 10", () -> Vec.unvech(Vec.vec(X), 4));
    }

    @Test
    void unvechRejectsAMatrixThatIsNotAVectorOrANegativeOrder() {
        assertMessage("unvech: v must be a vector but is 2×3", () -> Vec.unvech(X, 3));
        assertMessage("unvech: n must be non-negative, got -2", () -> Vec.unvech(Vec.vec(X), -2));
    }

    @Test
    void unvechAgreesWithTheDuplicationMatrix() {
        DMatrixRMaj v = new DMatrixRMaj(new double[][] {{1}, {-2}, {3}, {4}, {-5}, {6}});
        DMatrixRMaj s = Vec.unvech(v, 3);
        DMatrixRMaj back = Vec.unvec(Kron.duplication(3).apply(v), 3, 3);
        assertArrayEquals(s.data, back.data, 0.0);
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
