package io.github.gradcheck.internal.diagnose;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.ejml.data.DMatrixRMaj;

/**
 * Names the classic mistake behind a wrong derivative. Each label is a hypothesis about how the
 * analytic result A relates to the numerical one N, and it is given only when it explains every
 * compared entry within that entry's own tolerance T; otherwise the mistake is UNKNOWN. Never a
 * confident wrong label.
 *
 * <ul>
 *   <li>SYMMETRIC_GRADIENT_FORMULA (symmetric input): A = 2N off the diagonal, N on it — the
 *       textbook G + Gᵀ − G∘I where (G + Gᵀ)/2 is right.</li>
 *   <li>ELEMENTWISE_JACOBIAN (matrix map, square Jacobian): A = diag(N), the off-diagonal part
 *       of N not negligible.</li>
 *   <li>TRANSPOSED: A = Nᵀ for a gradient; for a Jacobian A = Nᵀ (a vjp applying J where Jᵀ is
 *       right), or the output or the input matrices transposed.</li>
 *   <li>WRONG_SIGN: A = −N. WRONG_SCALE: A = cN for the least-squares c = ⟨A, N⟩/⟨N, N⟩.</li>
 * </ul>
 */
public final class Diagnosis {

    private Diagnosis() {
    }

    /**
     * A derivative to diagnose, as compared: for a gradient the input-shaped matrices A, N, T
     * (NaN where not compared); for a Jacobian, one row per output entry and one column per input
     * entry (vec order).
     *
     * @param form "gradient", "Jacobian", "jvp" or "vjp"
     * @param symmetric whether the input was perturbed in symmetric directions
     */
    public record Block(String input, String form, boolean symmetric, int inputRows, int inputCols,
                        int outputRows, int outputCols, DMatrixRMaj analytic, DMatrixRMaj numeric,
                        DMatrixRMaj tolerance) {

        boolean gradient() {
            return form.equals("gradient");
        }
    }

    /**
     * What was found.
     *
     * @param mistake the label
     * @param scaleFactor c for WRONG_SCALE, NaN otherwise
     * @param advice the mistake in plain words with the fix (empty for UNKNOWN)
     * @param where where the failing entries are (empty when everywhere)
     */
    public record Finding(Mistake mistake, double scaleFactor, String advice, String where) {
    }

    /** Diagnoses a failed comparison. */
    public static Finding of(Block b) {
        String where = localise(b);
        DMatrixRMaj a = b.analytic;
        DMatrixRMaj n = b.numeric;
        DMatrixRMaj t = b.tolerance;
        if (!resolvedAnywhere(n, t)) {
            return new Finding(Mistake.UNKNOWN, Double.NaN, "", where);
        }
        if (b.symmetric && b.gradient() && explains(b, (i, j) -> i == j ? n.get(i, j) : 2 * n.get(i, j),
                (i, j) -> i == j ? t.get(i, j) : 2 * t.get(i, j))) {
            return new Finding(Mistake.SYMMETRIC_GRADIENT_FORMULA, Double.NaN, "on a symmetric input the gradient is "
                    + "(G + Gᵀ)/2, not the textbook G + Gᵀ − G∘I: its off-diagonal entries are twice the right ones, "
                    + "so halve them", where);
        }
        if (!b.gradient() && a.numRows == a.numCols && !b.symmetric && a.numRows > 1
                && explains(b, (i, j) -> i == j ? n.get(i, j) : 0, t::get)) {
            return new Finding(Mistake.ELEMENTWISE_JACOBIAN, Double.NaN, "the Jacobian has only its diagonal: "
                    + "F is not elementwise (its outputs depend on other entries, as softmax's do: its Jacobian is "
                    + "diag(s) − ssᵀ, not diag(s∘(1 − s))), so include the off-diagonal terms", where);
        }
        String transposed = transposition(b);
        if (transposed != null) {
            return new Finding(Mistake.TRANSPOSED, Double.NaN, transposed, where);
        }
        if (explains(b, (i, j) -> -n.get(i, j), t::get)) {
            return new Finding(Mistake.WRONG_SIGN, Double.NaN, "the " + b.form + " has the wrong sign: negate it", where);
        }
        double c = leastSquaresFactor(a, n);
        if (Double.isFinite(c) && c != 0 && explains(b, (i, j) -> c * n.get(i, j), (i, j) -> Math.max(1, Math.abs(c)) * t.get(i, j))) {
            return new Finding(Mistake.WRONG_SCALE, c, "the " + b.form + " is " + Numbers.factor(c)
                    + " × the right one: a constant factor is off (the 2 of a square, a mean where a sum is right, a "
                    + "missing normalization); multiply it by " + Numbers.factor(1 / c), where);
        }
        return new Finding(Mistake.UNKNOWN, Double.NaN, "", where);
    }

    private interface Entry {
        double at(int i, int j);
    }

    /** Whether A is within T′ of the hypothesis at every compared entry. */
    private static boolean explains(Block b, Entry expected, Entry allowed) {
        DMatrixRMaj a = b.analytic;
        int compared = 0;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                double v = a.get(i, j);
                if (Double.isNaN(v) || Double.isNaN(b.numeric.get(i, j))) {
                    continue;
                }
                double e = expected.at(i, j);
                if (Double.isNaN(e) || Math.abs(v - e) > allowed.at(i, j)) {
                    return false;
                }
                compared++;
            }
        }
        return compared > 0;
    }

    /** Whether some numerical entry stands out from its tolerance: else no hypothesis can be told apart. */
    private static boolean resolvedAnywhere(DMatrixRMaj n, DMatrixRMaj t) {
        for (int i = 0; i < n.getNumElements(); i++) {
            if (Math.abs(n.data[i]) > t.data[i]) {
                return true;
            }
        }
        return false;
    }

    /** c minimizing ‖A − cN‖ over the compared entries. */
    static double leastSquaresFactor(DMatrixRMaj a, DMatrixRMaj n) {
        double an = 0;
        double nn = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            if (!Double.isNaN(a.data[i]) && !Double.isNaN(n.data[i])) {
                an += a.data[i] * n.data[i];
                nn += n.data[i] * n.data[i];
            }
        }
        return nn > 0 ? an / nn : Double.NaN;
    }

    /** Advice when A is N transposed in one of its senses, or null. */
    private static String transposition(Block b) {
        DMatrixRMaj n = b.numeric;
        DMatrixRMaj t = b.tolerance;
        if (b.gradient()) {
            if (b.inputRows == b.inputCols && b.inputRows > 1 && !b.symmetric
                    && explains(b, (i, j) -> n.get(j, i), (i, j) -> Math.max(t.get(i, j), t.get(j, i)))) {
                return "the gradient is the transpose of the right one: return its transpose (Aᵀ where A is returned)";
            }
            return null;
        }
        if (b.symmetric) {
            return null;
        }
        int rows = n.numRows;
        int cols = n.numCols;
        if (rows == cols && rows > 1 && explains(b, (i, j) -> n.get(j, i), (i, j) -> Math.max(t.get(i, j), t.get(j, i)))) {
            return b.form.equals("vjp") ? "the vjp applies J where Jᵀ is right (it computes the jvp's map): apply the "
                    + "transposed operations" : "the " + b.form + " is the transpose of the right Jacobian";
        }
        if (b.outputRows == b.outputCols && b.outputRows > 1) {
            int p = b.outputRows;
            Entry swapped = (i, j) -> n.get(VecLayout.vecIndex(VecLayout.col(i, p), VecLayout.row(i, p), p), j);
            if (explains(b, swapped, t::get)) {
                return "the " + b.form + " gives the transpose of each output matrix: return the transpose of what it "
                        + "returns now";
            }
        }
        if (b.inputRows == b.inputCols && b.inputRows > 1) {
            int m = b.inputRows;
            Entry swapped = (i, j) -> n.get(i, VecLayout.vecIndex(VecLayout.col(j, m), VecLayout.row(j, m), m));
            if (explains(b, swapped, t::get)) {
                return "the " + b.form + " works on the transposed input: "
                        + (b.form.equals("vjp") ? "return the transpose of what it returns now" : "transpose H first");
            }
        }
        return null;
    }

    /**
     * Where the failing entries (|A − N| > T) are: a single entry, the diagonal, some rows or
     * columns, or one input direction of a Jacobian; empty when they are everywhere or scattered
     * (the report counts them anyway).
     */
    static String localise(Block b) {
        DMatrixRMaj a = b.analytic;
        List<int[]> failing = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                double v = a.get(i, j);
                if (Double.isNaN(v) || Double.isNaN(b.numeric.get(i, j))) {
                    continue;
                }
                compared++;
                if (Math.abs(v - b.numeric.get(i, j)) > b.tolerance.get(i, j)) {
                    failing.add(new int[] {i, j});
                }
            }
        }
        if (failing.isEmpty() || failing.size() == compared) {
            return "";
        }
        if (!b.gradient()) {
            // a Jacobian: which input entries (columns) and output entries (rows) are involved
            java.util.Set<Integer> inputs = new java.util.TreeSet<>();
            java.util.Set<Integer> outputs = new java.util.TreeSet<>();
            failing.forEach(e -> {
                outputs.add(e[0]);
                inputs.add(e[1]);
            });
            if (inputs.size() == 1) {
                int k = inputs.iterator().next();
                return "only the derivative along " + b.input + "(" + VecLayout.row(k, b.inputRows) + ", "
                        + VecLayout.col(k, b.inputRows) + ")";
            }
            if (outputs.size() == 1) {
                int i = outputs.iterator().next();
                return "only output entry F(" + VecLayout.row(i, b.outputRows) + ", " + VecLayout.col(i, b.outputRows) + ")";
            }
            return "";
        }
        if (failing.size() == 1) {
            return "only entry (" + failing.get(0)[0] + ", " + failing.get(0)[1] + ")";
        }
        if (failing.stream().allMatch(e -> e[0] == e[1])) {
            return "the diagonal" + (failing.size() < Math.min(a.numRows, a.numCols) ? " (" + failing.size() + " of its entries)" : "");
        }
        if (failing.stream().noneMatch(e -> e[0] == e[1]) && a.numRows == a.numCols
                && failing.size() == compared - a.numRows) {
            return "every entry off the diagonal (the diagonal is right)";
        }
        String rows = whole(failing, 0, a, b);
        if (rows != null) {
            return rows;
        }
        String cols = whole(failing, 1, a, b);
        if (cols != null) {
            return cols;
        }
        return "";
    }

    /** "rows 0, 2" when the failing entries fill exactly those rows (axis 0) or columns (axis 1). */
    private static String whole(List<int[]> failing, int axis, DMatrixRMaj a, Block b) {
        java.util.Set<Integer> lines = new java.util.TreeSet<>();
        failing.forEach(e -> lines.add(e[axis]));
        int count = axis == 0 ? a.numRows : a.numCols;
        if (lines.size() == count) {
            return null;
        }
        int filled = 0;
        for (int line : lines) {
            for (int other = 0; other < (axis == 0 ? a.numCols : a.numRows); other++) {
                int i = axis == 0 ? line : other;
                int j = axis == 0 ? other : line;
                if (!Double.isNaN(a.get(i, j)) && !Double.isNaN(b.numeric.get(i, j))) {
                    filled++;
                }
            }
        }
        if (filled != failing.size()) {
            return null;
        }
        StringJoiner list = new StringJoiner(", ");
        lines.forEach(l -> list.add(Integer.toString(l)));
        return (axis == 0 ? (lines.size() == 1 ? "row " : "rows ") : (lines.size() == 1 ? "column " : "columns ")) + list;
    }
}
