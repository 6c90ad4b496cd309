package io.github.gradcheck.internal.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The directions along which an input is perturbed: a basis B₀, B₁, … of the input's admissible
 * perturbations. For a free input, one unit matrix E(i,j) per entry, in vec order; for a
 * symmetric input, E(i,i) and E(i,j) + E(j,i) for i < j; for a diagonal or triangular input, the
 * unit matrices inside the structure.
 *
 * <p>A coordinate touches one or two entries (data indices into EJML's row-major array).
 * Immutable.
 */
public final class Coordinates {

    private final int rows;
    private final int cols;
    private final boolean symmetric;
    private final int size;
    /** How many coordinates the structure has; more than {@link #size()} for an evenly spread subset. */
    private final int ofStructure;
    /**
     * first[k], second[k]: the data indices of coordinate k; second[k] = −1 for a single entry.
     * All four arrays are null for a free input, whose coordinate k is vec index k: computed, not
     * stored (an input may have a million entries).
     */
    private final int[] first;
    private final int[] second;
    private final int[] row;
    private final int[] col;

    private Coordinates(int rows, int cols, boolean symmetric, int[] row, int[] col, int ofStructure) {
        this.rows = rows;
        this.cols = cols;
        this.symmetric = symmetric;
        this.row = row;
        this.col = col;
        this.ofStructure = ofStructure;
        if (row == null) {
            size = rows * cols;
            first = null;
            second = null;
            return;
        }
        size = row.length;
        first = new int[size];
        second = new int[size];
        for (int k = 0; k < size; k++) {
            first[k] = row[k] * cols + col[k];
            second[k] = symmetric && row[k] != col[k] ? col[k] * cols + row[k] : -1;
        }
    }

    /** Which entries (r, c) of an input are free coordinates. */
    @FunctionalInterface
    public interface Inside {
        boolean test(int r, int c);
    }

    /** The basis of a rows×cols input every entry of which is a coordinate of its own, in vec order. */
    public static Coordinates free(int rows, int cols) {
        return new Coordinates(rows, cols, false, null, null, rows * cols);
    }

    /**
     * The basis of a rows×cols input whose free entries are those {@code inside} says, in vec
     * order; at most {@code max} of them, evenly spread (coordinate ⌊i·N/max⌋ for
     * i = 0 … max − 1, N the free entries), for a check of a subset.
     *
     * @param symmetric whether an entry below the diagonal stands for itself and its mirror
     *     (then {@code inside} names the lower triangle)
     */
    public static Coordinates of(int rows, int cols, boolean symmetric, Inside inside, int max) {
        int[] row = new int[rows * cols];
        int[] col = new int[rows * cols];
        int n = 0;
        for (int c = 0; c < cols; c++) { // vec order: column by column
            for (int r = 0; r < rows; r++) {
                if (inside.test(r, c)) {
                    row[n] = r;
                    col[n] = c;
                    n++;
                }
            }
        }
        if (n <= max) {
            return new Coordinates(rows, cols, symmetric, Arrays.copyOf(row, n), Arrays.copyOf(col, n), n);
        }
        int[] spreadRow = new int[max];
        int[] spreadCol = new int[max];
        for (int i = 0; i < max; i++) {
            int k = (int) ((long) i * n / max);
            spreadRow[i] = row[k];
            spreadCol[i] = col[k];
        }
        return new Coordinates(rows, cols, symmetric, spreadRow, spreadCol, n);
    }

    public int size() {
        return size;
    }

    /** Whether these are a subset of the structure's coordinates (then {@link #ofStructure()} says of how many). */
    public boolean subset() {
        return size < ofStructure;
    }

    /** How many coordinates the structure has. */
    public int ofStructure() {
        return ofStructure;
    }

    public boolean symmetric() {
        return symmetric;
    }

    /** Whether every entry is a coordinate of its own (then coordinate k is vec index k). */
    public boolean free() {
        return !symmetric && size() == rows * cols;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The row of the (first) entry of coordinate k. */
    private int row(int k) {
        return row == null ? VecLayout.row(k, rows) : row[k];
    }

    /** The column of the (first) entry of coordinate k. */
    private int col(int k) {
        return col == null ? VecLayout.col(k, rows) : col[k];
    }

    /** The data index of the (first) entry of coordinate k. */
    public int dataIndex(int k) {
        return first == null ? row(k) * cols + col(k) : first[k];
    }

    /** The second data index of coordinate k, or −1. */
    public int pairedIndex(int k) {
        return second == null ? -1 : second[k];
    }

    /** "(i, j)". */
    public String entry(int k) {
        return "(" + row(k) + ", " + col(k) + ")";
    }

    /** "E(i, j)", or "E(i, j) + E(j, i)" for a symmetric pair: the direction Bₖ. */
    public String basis(int k) {
        String e = "E(" + row(k) + ", " + col(k) + ")";
        return pairedIndex(k) < 0 ? e : e + " + E(" + col(k) + ", " + row(k) + ")";
    }

    /** The vec index of the (first) entry of coordinate k. */
    public int vecIndex(int k) {
        return first == null ? k : VecLayout.vecIndex(row[k], col[k], rows);
    }

    /** The vec index of the second entry of coordinate k, or −1. */
    public int pairedVecIndex(int k) {
        return pairedIndex(k) < 0 ? -1 : VecLayout.vecIndex(col[k], row[k], rows);
    }

    /**
     * The weight that turns a derivative along Bₖ into an entry of the gradient in reports: ½
     * for a symmetric pair (⟨N, E(i,j) + E(j,i)⟩ = 2 Nᵢⱼ), 1 otherwise.
     */
    public double weight(int k) {
        return pairedIndex(k) < 0 ? 1.0 : 0.5;
    }

    /** ⟨G, Bₖ⟩. */
    public double project(DMatrixRMaj g, int k) {
        double v = g.data[dataIndex(k)];
        int paired = pairedIndex(k);
        return paired < 0 ? v : v + g.data[paired];
    }
}
