package io.github.gradcheck.kron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** vec stacks columns, although EJML stores rows. */
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
}
