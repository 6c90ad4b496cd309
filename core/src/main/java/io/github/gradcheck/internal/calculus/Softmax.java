package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.VecLayout;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * softmax over each row or each column of Z: s = exp(z)/Σ exp(z) within a group. Softmax is not
 * elementwise: the Jacobian of one group is diag(s) − s sᵀ, and ∂vec S/∂vec Z is block diagonal
 * with one such block per group (interleaved in vec order for rows).
 */
final class Softmax extends Node {

    /** What a group is. VECTOR: all entries of a row or column vector. */
    enum Axis {
        ROWS, COLUMNS, VECTOR
    }

    private final Axis axis;

    Softmax(Node z, Axis axis) {
        super(z);
        this.axis = axis;
    }

    /** Whether the groups are rows, for a Z of this shape. */
    private boolean byRows(DMatrixRMaj z) {
        return switch (axis) {
            case ROWS -> true;
            case COLUMNS -> false;
            case VECTOR -> {
                if (z.numRows != 1 && z.numCols != 1) {
                    throw new IllegalArgumentException("softmax: " + this + " needs a row or a column vector, but "
                            + child(0) + " is " + shape(z) + "; use softmaxRows() or softmaxCols() for a matrix");
                }
                yield z.numRows == 1;
            }
        };
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj z = ev.value(child(0));
        Groups g = new Groups(z.numRows, z.numCols, byRows(z));
        DMatrixRMaj s = new DMatrixRMaj(z.numRows, z.numCols);
        for (int group = 0; group < g.count; group++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < g.size; k++) {
                max = Math.max(max, z.data[g.dataIndex(group, k)]);
            }
            double sum = 0;
            for (int k = 0; k < g.size; k++) {
                int i = g.dataIndex(group, k);
                s.data[i] = Math.exp(z.data[i] - max);
                sum += s.data[i];
            }
            for (int k = 0; k < g.size; k++) {
                s.data[g.dataIndex(group, k)] /= sum;
            }
        }
        return s;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj s = ev.value(this);
        double[] vecS = new double[s.getNumElements()];
        VecLayout.vecInto(s, vecS);
        return new Jacobian(new Groups(s.numRows, s.numCols, byRows(ev.value(child(0)))), vecS);
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        String name = switch (axis) {
            case ROWS -> "softmaxRows";
            case COLUMNS -> "softmaxCols";
            case VECTOR -> "softmax";
        };
        return name + "(" + child(0) + ")";
    }

    /** The groups of an m×n matrix: its m rows or its n columns, entry k of a group g. */
    private static final class Groups {
        final int rows;
        final int count;
        final int size;
        final boolean byRows;
        private final int cols;

        Groups(int rows, int cols, boolean byRows) {
            this.rows = rows;
            this.cols = cols;
            this.byRows = byRows;
            this.count = byRows ? rows : cols;
            this.size = byRows ? cols : rows;
        }

        /** Position in vec of entry k of group g. */
        int vecIndex(int g, int k) {
            return byRows ? VecLayout.vecIndex(g, k, rows) : VecLayout.vecIndex(k, g, rows);
        }

        /** Position in EJML's row-major data of entry k of group g. */
        int dataIndex(int g, int k) {
            return byRows ? g * cols + k : k * cols + g;
        }

        /** The group of the entry at vec position i. */
        int groupOf(int i) {
            return byRows ? VecLayout.row(i, rows) : VecLayout.col(i, rows);
        }
    }

    /** ∂vec S/∂vec Z: on each group, h ↦ s ⊙ (h − ⟨s, h⟩). Symmetric. */
    private static final class Jacobian extends Operator {
        private final Groups groups;
        private final double[] s;

        Jacobian(Groups groups, double[] s) {
            super(s.length, s.length);
            this.groups = groups;
            this.s = s;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            for (int g = 0; g < groups.count; g++) {
                double dot = 0;
                for (int k = 0; k < groups.size; k++) {
                    int i = groups.vecIndex(g, k);
                    dot += s[i] * in[i];
                }
                for (int k = 0; k < groups.size; k++) {
                    int i = groups.vecIndex(g, k);
                    out[i] = s[i] * (in[i] - dot);
                }
            }
        }

        /** Column j: s ⊙ (eⱼ − sⱼ) on j's group, zero elsewhere. */
        @Override
        public void columnInto(int j, double[] out) {
            Arrays.fill(out, 0, rows(), 0.0);
            int g = groups.groupOf(j);
            for (int k = 0; k < groups.size; k++) {
                int i = groups.vecIndex(g, k);
                out[i] = s[i] * ((i == j ? 1 : 0) - s[j]);
            }
        }

        @Override
        public Operator transpose() {
            return this;
        }

        @Override
        public String toString() {
            return "(diag(s) − ssᵀ per " + (groups.byRows ? "row" : "column") + ", " + shape() + ")";
        }
    }
}
