package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.Mistake;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How a derivative of the wrong shape may be mended to test what its mistake is: transposed
 * (a gradient 3×2 for a 2×3 input), or summed over the batch (a bias gradient n×k for a 1×k
 * bias). The check goes on with the mended derivative; the mistake is named only if it then
 * matches.
 */
public enum Repair {
    TRANSPOSE(Mistake.TRANSPOSED, "transposed"),
    SUM_ROWS(Mistake.NOT_SUMMED_OVER_BATCH, "summed over its rows"),
    SUM_COLS(Mistake.NOT_SUMMED_OVER_BATCH, "summed over its columns");

    /** The mistake the repair stands for, when the mended derivative then matches. */
    public final Mistake mistake;
    /** What was done, for a person: "transposed", "summed over its rows". */
    public final String done;

    Repair(Mistake mistake, String done) {
        this.mistake = mistake;
        this.done = done;
    }

    /**
     * The repair that gives a rows×cols matrix from this one, or null.
     *
     * @param broadcast whether summing over a batch may apply (a result the shape of the input)
     */
    public static Repair of(DMatrixRMaj value, int rows, int cols, boolean broadcast) {
        if (value.numRows == cols && value.numCols == rows && rows != cols) {
            return TRANSPOSE;
        }
        if (broadcast && rows == 1 && value.numCols == cols && value.numRows > 1) {
            return SUM_ROWS;
        }
        if (broadcast && cols == 1 && value.numRows == rows && value.numCols > 1) {
            return SUM_COLS;
        }
        return null;
    }

    public DMatrixRMaj apply(DMatrixRMaj value) {
        return switch (this) {
            case TRANSPOSE -> CommonOps_DDRM.transpose(value, null);
            case SUM_ROWS -> CommonOps_DDRM.sumCols(value, null);
            case SUM_COLS -> CommonOps_DDRM.sumRows(value, null);
        };
    }
}
