package io.github.gradcheck.internal.report;

import org.ejml.data.DMatrixRMaj;

/** Matrices as Java source that can be pasted into a test, exact to the last bit. */
public final class MatrixText {

    private MatrixText() {
    }

    /** {@code new DMatrixRMaj(new double[][] {{1, 0}, {0.5, -2}})}. */
    public static String java(DMatrixRMaj m) {
        StringBuilder out = new StringBuilder("new DMatrixRMaj(new double[][] {");
        for (int r = 0; r < m.numRows; r++) {
            out.append(r == 0 ? "{" : ", {");
            for (int c = 0; c < m.numCols; c++) {
                if (c > 0) {
                    out.append(", ");
                }
                out.append(literal(m.get(r, c)));
            }
            out.append('}');
        }
        return out.append("})").toString();
    }

    /** The shortest Java literal that reads back as exactly v: {@code 1}, {@code -0.5}, {@code 1.0E-7}. */
    public static String literal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0) ? "-0.0" : Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(v);
    }
}
