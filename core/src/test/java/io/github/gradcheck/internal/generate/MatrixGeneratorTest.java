package io.github.gradcheck.internal.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.QuietTest;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Structure generates what its name says, over many seeds and shapes. */
class MatrixGeneratorTest extends QuietTest {

    private static final int DRAWS = 200;

    private interface Property {
        void check(DMatrixRMaj m, int rows, int cols);
    }

    private static void forMany(Structure structure, Property property) {
        SplittableRandom random = new SplittableRandom(structure.ordinal());
        for (int i = 0; i < DRAWS; i++) {
            int rows = 1 + random.nextInt(7);
            int cols = structure.isSquare() ? rows : 1 + random.nextInt(7);
            DMatrixRMaj m = MatrixGenerator.generate(structure, rows, cols, random);
            assertEquals(rows, m.numRows);
            assertEquals(cols, m.numCols);
            property.check(m, rows, cols);
        }
    }

    @ParameterizedTest
    @EnumSource(Structure.class)
    void everyGeneratedMatrixHasItsStructure(Structure structure) {
        forMany(structure, (m, rows, cols) -> assertNull(StructureRules.violation(structure, m), () -> structure + ": " + m));
    }

    @Test
    void symmetricIsExactlySymmetric() {
        forMany(Structure.SYMMETRIC, (m, rows, cols) -> {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(m.get(r, c), m.get(c, r), 0.0);
                }
            }
        });
    }

    @Test
    void spdHasEigenvaluesBetweenHalfAndTwo() {
        forMany(Structure.SPD, (m, rows, cols) -> {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(m.get(r, c), m.get(c, r), 0.0, "exactly symmetric");
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(rows, false, true);
            assertTrue(eig.decompose(m.copy()));
            for (int i = 0; i < rows; i++) {
                double lambda = eig.getEigenvalue(i).real;
                assertTrue(lambda >= 0.5 - 1e-12 && lambda <= 2 + 1e-12, "eigenvalue " + lambda);
            }
        });
    }

    @Test
    void orthogonalIsOrthogonalTo1e12() {
        forMany(Structure.ORTHOGONAL, (m, rows, cols) -> {
            DMatrixRMaj gram = rows >= cols ? new DMatrixRMaj(cols, cols) : new DMatrixRMaj(rows, rows);
            if (rows >= cols) {
                CommonOps_DDRM.multTransA(m, m, gram);
            } else {
                CommonOps_DDRM.multTransB(m, m, gram);
            }
            for (int r = 0; r < gram.numRows; r++) {
                for (int c = 0; c < gram.numCols; c++) {
                    assertEquals(r == c ? 1 : 0, gram.get(r, c), 1e-12);
                }
            }
        });
    }

    @Test
    void invertibleHasConditionAtMost1e3() {
        forMany(Structure.INVERTIBLE, (m, rows, cols) -> assertTrue(StructureRules.condition(m) <= 1e3 * (1 + 1e-9),
                () -> "condition " + StructureRules.condition(m)));
    }

    @Test
    void oneHotRowsHaveExactlyOneOne() {
        forMany(Structure.ONE_HOT_ROWS, (m, rows, cols) -> {
            for (int r = 0; r < rows; r++) {
                int ones = 0;
                for (int c = 0; c < cols; c++) {
                    double v = m.get(r, c);
                    assertTrue(v == 0 || v == 1);
                    ones += v == 1 ? 1 : 0;
                }
                assertEquals(1, ones);
            }
        });
    }

    @Test
    void simplexRowsArePositiveAndSumToOne() {
        forMany(Structure.SIMPLEX_ROWS, (m, rows, cols) -> {
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    assertTrue(m.get(r, c) > 0);
                    sum += m.get(r, c);
                }
                assertEquals(1, sum, 1e-14);
            }
        });
    }

    @Test
    void diagonalAndTriangularAreExactlyZeroOutside() {
        forMany(Structure.DIAGONAL, (m, rows, cols) -> outside(m, (r, c) -> r != c));
        forMany(Structure.LOWER_TRIANGULAR, (m, rows, cols) -> outside(m, (r, c) -> c > r));
        forMany(Structure.UPPER_TRIANGULAR, (m, rows, cols) -> outside(m, (r, c) -> c < r));
    }

    private interface Where {
        boolean outside(int r, int c);
    }

    private static void outside(DMatrixRMaj m, Where where) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                if (where.outside(r, c)) {
                    assertEquals(0.0, m.get(r, c), 0.0);
                }
            }
        }
    }

    @Test
    void integerPositiveAndUniformStayInTheirRanges() {
        forMany(Structure.INTEGER, (m, rows, cols) -> {
            for (double v : m.data) {
                assertTrue(v == Math.rint(v) && Math.abs(v) <= 3, "integer " + v);
            }
        });
        forMany(Structure.POSITIVE, (m, rows, cols) -> {
            for (double v : m.data) {
                assertTrue(v > 0, "positive " + v);
            }
        });
        forMany(Structure.UNIFORM, (m, rows, cols) -> {
            for (double v : m.data) {
                assertTrue(v >= -1 && v <= 1, "uniform " + v);
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameMatrix() {
        for (Structure s : Structure.values()) {
            DMatrixRMaj a = MatrixGenerator.generate(s, 4, 4, new SplittableRandom(7));
            DMatrixRMaj b = MatrixGenerator.generate(s, 4, 4, new SplittableRandom(7));
            assertArrayEquals(a.data, b.data, 0.0, s.name());
        }
    }

    @Test
    void aSquareStructureRejectsARectangularShape() {
        assertThrows(IllegalArgumentException.class,
                () -> MatrixGenerator.generate(Structure.SPD, 2, 3, new SplittableRandom(1)));
    }
}
