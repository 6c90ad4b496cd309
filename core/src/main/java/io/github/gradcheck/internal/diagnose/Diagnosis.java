package io.github.gradcheck.internal.diagnose;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.internal.linalg.VecLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;

/**
 * Names the classic mistake behind a wrong derivative, for FULL and FAST mode alike. Each label is
 * a hypothesis about how the analytic values A relate to the reference values N, and it is given
 * only when it explains every compared value within that value's own tolerance T; otherwise the
 * mistake is UNKNOWN. Never a confident wrong label.
 *
 * <p>FULL mode gives whole derivatives ({@link Block}), FAST mode probe values
 * ({@link Sample} of ⟨G, V⟩ or J·vec(V) along random directions). The hypotheses they share, in
 * order: a transposed result, the wrong sign (A = −N), a constant factor (A = cN for the
 * least-squares c = ⟨A, N⟩/⟨N, N⟩, tolerance widened by max(1, |c|)). Whole derivatives also tell:
 * <ul>
 *   <li>SYMMETRIC_GRADIENT_FORMULA (symmetric input): A = 2N off the diagonal, N on it: the
 *       textbook G + Gᵀ − G∘I where (G + Gᵀ)/2 is right;</li>
 *   <li>ELEMENTWISE_JACOBIAN (matrix map, square Jacobian): A = diag(N), the off-diagonal part
 *       of N not negligible;</li>
 *   <li>TRANSPOSED in its senses: A = Nᵀ for a gradient; for a Jacobian A = Nᵀ (a vjp applying J
 *       where Jᵀ is right), or the output or the input matrices transposed.</li>
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
     * @param gradient whether it is a gradient (else a Jacobian, by any of its forms)
     * @param symmetric whether the input was perturbed in symmetric directions
     */
    public record Block(boolean gradient, boolean symmetric, int inputRows, int inputCols, int outputRows,
                        int outputCols, DMatrixRMaj analytic, DMatrixRMaj numeric, DMatrixRMaj tolerance) {
    }

    /**
     * Values compared one by one (FAST probes): the analytic value, the reference value (NaN
     * where the reference is an interval at a kink: no hypothesis explains it), its tolerance, and
     * for the gradient of a square input the analytic value of the transposed gradient (NaN when
     * not known).
     */
    public interface Sample {
        int size();

        double analytic(int i);

        double reference(int i);

        double tolerance(int i);

        double transposedAnalytic(int i);
    }

    /** How a result is transposed. */
    public enum Transposition {
        /** The gradient is the transpose of the right one. */
        GRADIENT,
        /** The Jacobian is transposed (a vjp applying J where Jᵀ is right). */
        JACOBIAN,
        /** Each output matrix is transposed. */
        OUTPUT,
        /** The input matrix is taken transposed. */
        INPUT
    }

    /** Where failing entries lie, when they are not everywhere. */
    public enum Where {
        /** Everywhere, or scattered: nothing to say. */
        ANYWHERE,
        /** One entry: {@code row}, {@code col}. */
        ENTRY,
        /** Only on the diagonal: {@code count} of its {@code of} entries. */
        DIAGONAL,
        /** Every entry off the diagonal, and nowhere else. */
        OFF_DIAGONAL,
        /** Exactly the rows in {@code lines}. */
        ROWS,
        /** Exactly the columns in {@code lines}. */
        COLUMNS,
        /** One input direction of a Jacobian: input entry ({@code row}, {@code col}). */
        INPUT_DIRECTION,
        /** One output entry of a Jacobian: F({@code row}, {@code col}). */
        OUTPUT_ENTRY
    }

    /**
     * Where the failing entries of a block are.
     *
     * @param lines the rows or columns for ROWS and COLUMNS
     */
    public record Place(Where where, int row, int col, int count, int of, List<Integer> lines) {
        public static final Place ANYWHERE = new Place(Where.ANYWHERE, -1, -1, 0, 0, List.of());

        public Place {
            lines = List.copyOf(lines);
        }
    }

    /**
     * What the evidence supports.
     *
     * @param mistake the label
     * @param scaleFactor c for WRONG_SCALE (or a tentative one), NaN otherwise
     * @param transposition how, for TRANSPOSED; null otherwise
     * @param place where the failing entries are
     * @param tentative when the values at this point fit WRONG_SCALE or WRONG_SIGN but on fewer than
     *     {@value #EVIDENCE} independent entries (one number cannot tell a constant factor from one
     *     that changes from point to point): that label, to be confirmed elsewhere; the mistake is
     *     then UNKNOWN. Null otherwise
     */
    public record Label(Mistake mistake, double scaleFactor, Transposition transposition, Place place,
                        Mistake tentative) {

        static Label of(Mistake mistake, Place place) {
            return new Label(mistake, Double.NaN, null, place, null);
        }

        /** This label confirmed: its tentative mistake made the mistake. */
        public Label confirmed() {
            return new Label(tentative, scaleFactor, transposition, place, null);
        }
    }

    /**
     * Resolved entries (|reference| above its tolerance) a constant-factor or sign label needs: one
     * number fits c·N for some c whatever is wrong, two that share c are a claim about the map.
     */
    public static final int EVIDENCE = 2;

    /** Diagnoses a failed comparison of whole derivatives (FULL mode). */
    public static Label of(Block b) {
        Place place = localise(b);
        Sample all = entries(b);
        if (!resolvedAnywhere(all)) {
            return Label.of(Mistake.UNKNOWN, place);
        }
        DMatrixRMaj n = b.numeric;
        DMatrixRMaj t = b.tolerance;
        if (b.symmetric && b.gradient && explains(b, (i, j) -> i == j ? n.get(i, j) : 2 * n.get(i, j),
                (i, j) -> i == j ? t.get(i, j) : 2 * t.get(i, j))) {
            return Label.of(Mistake.SYMMETRIC_GRADIENT_FORMULA, place);
        }
        DMatrixRMaj a = b.analytic;
        if (!b.gradient && a.numRows == a.numCols && !b.symmetric && a.numRows > 1
                && explains(b, (i, j) -> i == j ? n.get(i, j) : 0, t::get)) {
            return Label.of(Mistake.ELEMENTWISE_JACOBIAN, place);
        }
        Transposition transposed = transposition(b);
        if (transposed != null) {
            return new Label(Mistake.TRANSPOSED, Double.NaN, transposed, place, null);
        }
        return signOrScale(all, place);
    }

    /** Diagnoses failed probes (FAST mode): a transposed gradient, the sign, a constant factor. */
    public static Label of(Sample s) {
        boolean transposedKnown = s.size() > 0;
        for (int i = 0; i < s.size(); i++) {
            transposedKnown &= Double.isFinite(s.transposedAnalytic(i));
        }
        if (transposedKnown && explains(s, Sample::transposedAnalytic, i -> s.reference(i), 1.0)) {
            return new Label(Mistake.TRANSPOSED, Double.NaN, Transposition.GRADIENT, Place.ANYWHERE, null);
        }
        return signOrScale(s, Place.ANYWHERE);
    }

    /**
     * The hypotheses both modes test on values one by one: the wrong sign, a constant factor. Each
     * needs {@value #EVIDENCE} resolved entries; with fewer it is only tentative.
     */
    private static Label signOrScale(Sample s, Place place) {
        boolean enough = resolvedEntries(s) >= EVIDENCE;
        if (explains(s, Sample::analytic, i -> -s.reference(i), 1.0)) {
            return enough ? Label.of(Mistake.WRONG_SIGN, place)
                    : new Label(Mistake.UNKNOWN, -1.0, null, place, Mistake.WRONG_SIGN);
        }
        double c = leastSquaresFactor(s);
        if (Double.isFinite(c) && c != 0 && explains(s, Sample::analytic, i -> c * s.reference(i),
                Math.max(1, Math.abs(c)))) {
            return enough ? new Label(Mistake.WRONG_SCALE, c, null, place, null)
                    : new Label(Mistake.UNKNOWN, c, null, place, Mistake.WRONG_SCALE);
        }
        return Label.of(Mistake.UNKNOWN, place);
    }

    /** How many values stand out from their tolerance: the independent evidence a factor rests on. */
    private static int resolvedEntries(Sample s) {
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            if (Math.abs(s.reference(i)) > s.tolerance(i)) {
                count++;
            }
        }
        return count;
    }

    private interface Value {
        double at(Sample s, int i);
    }

    private interface Expected {
        double at(int i);
    }

    /** Whether every value is within its tolerance (widened) of the hypothesis; false for none. */
    private static boolean explains(Sample s, Value value, Expected expected, double widen) {
        for (int i = 0; i < s.size(); i++) {
            double e = expected.at(i);
            if (Double.isNaN(e) || !(Math.abs(value.at(s, i) - e) <= widen * s.tolerance(i))) {
                return false;
            }
        }
        return s.size() > 0;
    }

    /** c minimizing Σ (aᵢ − c nᵢ)² over the values with a reference value. */
    static double leastSquaresFactor(Sample s) {
        double an = 0;
        double nn = 0;
        for (int i = 0; i < s.size(); i++) {
            double n = s.reference(i);
            if (!Double.isNaN(n)) {
                an += s.analytic(i) * n;
                nn += n * n;
            }
        }
        return nn > 0 ? an / nn : Double.NaN;
    }

    /** Whether some reference value stands out from its tolerance: else no hypothesis can be told apart. */
    private static boolean resolvedAnywhere(Sample s) {
        for (int i = 0; i < s.size(); i++) {
            if (Math.abs(s.reference(i)) > s.tolerance(i)) {
                return true;
            }
        }
        return false;
    }

    /** The compared entries of a block (both values known), in row-major order, as a sample. */
    private static Sample entries(Block b) {
        List<Integer> compared = new ArrayList<>();
        for (int i = 0; i < b.analytic.getNumElements(); i++) {
            if (!Double.isNaN(b.analytic.data[i]) && !Double.isNaN(b.numeric.data[i])) {
                compared.add(i);
            }
        }
        int[] index = compared.stream().mapToInt(Integer::intValue).toArray();
        return new Sample() {
            public int size() {
                return index.length;
            }

            public double analytic(int i) {
                return b.analytic.data[index[i]];
            }

            public double reference(int i) {
                return b.numeric.data[index[i]];
            }

            public double tolerance(int i) {
                return b.tolerance.data[index[i]];
            }

            public double transposedAnalytic(int i) {
                return Double.NaN;
            }
        };
    }

    private interface Entry {
        double at(int i, int j);
    }

    /** Whether A is within T′ of the hypothesis at every compared entry of a block. */
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

    /** How A is N transposed in one of its senses, or null. */
    private static Transposition transposition(Block b) {
        DMatrixRMaj n = b.numeric;
        DMatrixRMaj t = b.tolerance;
        if (b.gradient) {
            if (b.inputRows == b.inputCols && b.inputRows > 1 && !b.symmetric
                    && explains(b, (i, j) -> n.get(j, i), (i, j) -> Math.max(t.get(i, j), t.get(j, i)))) {
                return Transposition.GRADIENT;
            }
            return null;
        }
        if (b.symmetric) {
            return null;
        }
        int rows = n.numRows;
        int cols = n.numCols;
        if (rows == cols && rows > 1 && explains(b, (i, j) -> n.get(j, i), (i, j) -> Math.max(t.get(i, j), t.get(j, i)))) {
            return Transposition.JACOBIAN;
        }
        if (b.outputRows == b.outputCols && b.outputRows > 1) {
            int p = b.outputRows;
            Entry swapped = (i, j) -> n.get(VecLayout.vecIndex(VecLayout.col(i, p), VecLayout.row(i, p), p), j);
            if (explains(b, swapped, t::get)) {
                return Transposition.OUTPUT;
            }
        }
        if (b.inputRows == b.inputCols && b.inputRows > 1) {
            int m = b.inputRows;
            Entry swapped = (i, j) -> n.get(i, VecLayout.vecIndex(VecLayout.col(j, m), VecLayout.row(j, m), m));
            if (explains(b, swapped, t::get)) {
                return Transposition.INPUT;
            }
        }
        return null;
    }

    /**
     * Where the failing entries (|A − N| > T) are: a single entry, the diagonal, some rows or
     * columns, or one input direction or output entry of a Jacobian; ANYWHERE when they are
     * everywhere or scattered (the report counts them anyway).
     */
    static Place localise(Block b) {
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
            return Place.ANYWHERE;
        }
        if (!b.gradient) {
            // a Jacobian: which input entries (columns) and output entries (rows) are involved
            Set<Integer> inputs = new TreeSet<>();
            Set<Integer> outputs = new TreeSet<>();
            failing.forEach(e -> {
                outputs.add(e[0]);
                inputs.add(e[1]);
            });
            if (inputs.size() == 1) {
                int k = inputs.iterator().next();
                return new Place(Where.INPUT_DIRECTION, VecLayout.row(k, b.inputRows), VecLayout.col(k, b.inputRows),
                        1, 1, List.of());
            }
            if (outputs.size() == 1) {
                int i = outputs.iterator().next();
                return new Place(Where.OUTPUT_ENTRY, VecLayout.row(i, b.outputRows), VecLayout.col(i, b.outputRows),
                        1, 1, List.of());
            }
            return Place.ANYWHERE;
        }
        if (failing.size() == 1) {
            return new Place(Where.ENTRY, failing.get(0)[0], failing.get(0)[1], 1, 1, List.of());
        }
        if (failing.stream().allMatch(e -> e[0] == e[1])) {
            return new Place(Where.DIAGONAL, -1, -1, failing.size(), Math.min(a.numRows, a.numCols), List.of());
        }
        if (failing.stream().noneMatch(e -> e[0] == e[1]) && a.numRows == a.numCols
                && failing.size() == compared - a.numRows) {
            return new Place(Where.OFF_DIAGONAL, -1, -1, failing.size(), compared, List.of());
        }
        Place rows = whole(failing, 0, b);
        if (rows != null) {
            return rows;
        }
        Place cols = whole(failing, 1, b);
        return cols != null ? cols : Place.ANYWHERE;
    }

    /** ROWS (axis 0) or COLUMNS (axis 1) when the failing entries fill exactly those lines; else null. */
    private static Place whole(List<int[]> failing, int axis, Block b) {
        DMatrixRMaj a = b.analytic;
        Set<Integer> lines = new TreeSet<>();
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
        return new Place(axis == 0 ? Where.ROWS : Where.COLUMNS, -1, -1, lines.size(), count, List.copyOf(lines));
    }
}
