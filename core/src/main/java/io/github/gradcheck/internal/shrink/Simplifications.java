package io.github.gradcheck.internal.shrink;

import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.generate.StructureRules;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Simpler versions of a matrix that keep its structure, in slots: slot 0 holds whole-matrix
 * candidates (zero, the identity), each further slot one entry (a symmetric pair, a one-hot or
 * simplex row). Within a slot the simplest candidate comes first. Candidates are computed from the
 * matrix as it is now, so a slot never undoes a change accepted in an earlier one.
 */
final class Simplifications {

    private Simplifications() {
    }

    /** The number of slots of a rows×cols matrix of this structure. */
    static int slots(Structure structure, int rows, int cols) {
        return switch (structure) {
            case ONE_HOT_ROWS, SIMPLEX_ROWS -> 1 + rows;
            case ORTHOGONAL -> 1;
            default -> 1 + rows * cols;
        };
    }

    /** The candidates of one slot, simplest first; some may break the structure (check them). */
    static List<DMatrixRMaj> candidates(Structure structure, DMatrixRMaj m, int slot) {
        List<DMatrixRMaj> out = new ArrayList<>();
        int rows = m.numRows;
        int cols = m.numCols;
        if (slot == 0) {
            if (structure != Structure.ONE_HOT_ROWS && structure != Structure.SIMPLEX_ROWS) {
                if (structure != Structure.ORTHOGONAL) {
                    addIfNew(out, new DMatrixRMaj(rows, cols), m);
                }
                addIfNew(out, StructureRules.identity(rows, cols), m);
            }
            return out;
        }
        int index = slot - 1;
        if (structure == Structure.ONE_HOT_ROWS) {
            DMatrixRMaj c = m.copy();
            for (int j = 0; j < cols; j++) {
                c.set(index, j, j == 0 ? 1 : 0);
            }
            addIfNew(out, c, m);
            return out;
        }
        if (structure == Structure.SIMPLEX_ROWS) {
            DMatrixRMaj c = m.copy();
            for (int j = 0; j < cols; j++) {
                c.set(index, j, 1.0 / cols);
            }
            addIfNew(out, c, m);
            return out;
        }
        int r = index / cols;
        int c = index % cols;
        if (!StructureRules.inside(structure, r, c)) {
            return out;
        }
        boolean symmetric = structure == Structure.SYMMETRIC || structure == Structure.SPD;
        for (double simpler : simplerValues(m.get(r, c))) {
            DMatrixRMaj candidate = m.copy();
            candidate.set(r, c, simpler);
            if (symmetric) {
                candidate.set(c, r, simpler);
            }
            out.add(candidate);
        }
        return out;
    }

    private static void addIfNew(List<DMatrixRMaj> out, DMatrixRMaj candidate, DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) {
            if (candidate.data[i] != m.data[i]) {
                out.add(candidate);
                return;
            }
        }
    }

    /**
     * How complex a matrix is; every accepted simplification lowers it, so shrinking cannot
     * cycle. One-hot rows: the sum of the columns of their ones (they move to column 0). Simplex
     * rows: the number of rows that are not uniform. Otherwise the sum of the entries' complexities.
     */
    static double complexity(Structure structure, DMatrixRMaj m) {
        double total = 0;
        for (int r = 0; r < m.numRows; r++) {
            boolean uniform = true;
            for (int c = 0; c < m.numCols; c++) {
                double v = m.get(r, c);
                if (structure == Structure.ONE_HOT_ROWS) {
                    total += v == 1 ? c : 0;
                } else if (structure != Structure.SIMPLEX_ROWS) {
                    total += complexity(v);
                }
                uniform &= v == m.get(r, 0);
            }
            if (structure == Structure.SIMPLEX_ROWS && !uniform) {
                total += 1;
            }
        }
        return total;
    }

    /** 0, 1, −1, the nearest integer, the value to one decimal: those simpler than v, in that order. */
    static List<Double> simplerValues(double v) {
        List<Double> out = new ArrayList<>(5);
        double complexity = complexity(v);
        for (double candidate : new double[] {0, 1, -1, Math.rint(v), Math.rint(v * 10) / 10}) {
            if (complexity(candidate) < complexity && !out.contains(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** 0 is simplest, then ±1, then other integers by size, then one-decimal values, then the rest. */
    static double complexity(double v) {
        if (v == 0) {
            return 0;
        }
        if (v == Math.rint(v)) {
            return Math.abs(v) <= 1 ? 1 : 1 + Math.min(Math.abs(v), 1e6);
        }
        double tenths = v * 10;
        if (tenths == Math.rint(tenths)) {
            return 1e7 + Math.abs(v);
        }
        return 1e8;
    }
}
