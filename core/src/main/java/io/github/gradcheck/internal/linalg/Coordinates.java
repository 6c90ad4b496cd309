package io.github.gradcheck.internal.linalg;

import java.util.ArrayList;
import java.util.List;
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
    /** How many coordinates the structure has; more than {@link #size()} for an evenly spread subset. */
    private final int ofStructure;
    /** first[k], second[k]: the data indices of coordinate k; second[k] = −1 for a single entry. */
    private final int[] first;
    private final int[] second;
    private final int[] row;
    private final int[] col;

    private Coordinates(int rows, int cols, boolean symmetric, List<int[]> entries, int ofStructure) {
        this.rows = rows;
        this.cols = cols;
        this.symmetric = symmetric;
        this.ofStructure = ofStructure;
        int n = entries.size();
        first = new int[n];
        second = new int[n];
        row = new int[n];
        col = new int[n];
        for (int k = 0; k < n; k++) {
            int[] rc = entries.get(k);
            row[k] = rc[0];
            col[k] = rc[1];
            first[k] = rc[0] * cols + rc[1];
            second[k] = symmetric && rc[0] != rc[1] ? rc[1] * cols + rc[0] : -1;
        }
    }

    /** Which entries (r, c) of an input are free coordinates. */
    @FunctionalInterface
    public interface Inside {
        boolean test(int r, int c);
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
        List<int[]> entries = new ArrayList<>();
        for (int v = 0; v < rows * cols; v++) {
            int r = VecLayout.row(v, rows);
            int c = VecLayout.col(v, rows);
            if (inside.test(r, c)) {
                entries.add(new int[] {r, c});
            }
        }
        int n = entries.size();
        if (n <= max) {
            return new Coordinates(rows, cols, symmetric, entries, n);
        }
        List<int[]> spread = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            spread.add(entries.get((int) ((long) i * n / max)));
        }
        return new Coordinates(rows, cols, symmetric, spread, n);
    }

    public int size() {
        return first.length;
    }

    /** Whether these are a subset of the structure's coordinates (then {@link #ofStructure()} says of how many). */
    public boolean subset() {
        return first.length < ofStructure;
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

    /** The data index of the (first) entry of coordinate k. */
    public int dataIndex(int k) {
        return first[k];
    }

    /** The second data index of coordinate k, or −1. */
    public int pairedIndex(int k) {
        return second[k];
    }

    /** "(i, j)". */
    public String entry(int k) {
        return "(" + row[k] + ", " + col[k] + ")";
    }

    /** "E(i, j)", or "E(i, j) + E(j, i)" for a symmetric pair: the direction Bₖ. */
    public String basis(int k) {
        String e = "E(" + row[k] + ", " + col[k] + ")";
        return second[k] < 0 ? e : e + " + E(" + col[k] + ", " + row[k] + ")";
    }

    /** The vec index of the (first) entry of coordinate k. */
    public int vecIndex(int k) {
        return VecLayout.vecIndex(row[k], col[k], rows);
    }

    /** The vec index of the second entry of coordinate k, or −1. */
    public int pairedVecIndex(int k) {
        return second[k] < 0 ? -1 : VecLayout.vecIndex(col[k], row[k], rows);
    }

    /**
     * The weight that turns a derivative along Bₖ into an entry of the gradient in reports: ½
     * for a symmetric pair (⟨N, E(i,j) + E(j,i)⟩ = 2 Nᵢⱼ), 1 otherwise.
     */
    public double weight(int k) {
        return second[k] < 0 ? 1.0 : 0.5;
    }

    /** ⟨G, Bₖ⟩. */
    public double project(DMatrixRMaj g, int k) {
        double v = g.data[first[k]];
        return second[k] < 0 ? v : v + g.data[second[k]];
    }
}
