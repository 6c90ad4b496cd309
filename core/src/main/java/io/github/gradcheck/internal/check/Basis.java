package io.github.gradcheck.internal.check;

import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.linalg.Coordinates;

/**
 * The perturbation basis of an input from its declared structure: for a free input, one unit
 * matrix E(i,j) per entry, in vec order; for a symmetric input, E(i,i) and E(i,j) + E(j,i) for
 * i &gt; j; for a diagonal or triangular input, the unit matrices inside the structure; none for a
 * constant (ONE_HOT_ROWS, INTEGER).
 */
final class Basis {

    private Basis() {
    }

    /** The basis of a rows×cols input of this structure. */
    static Coordinates of(Structure structure, int rows, int cols) {
        return of(structure, rows, cols, Integer.MAX_VALUE);
    }

    /** At most {@code max} coordinates of the basis, evenly spread over it. */
    static Coordinates of(Structure structure, int rows, int cols, int max) {
        boolean symmetric = structure == Structure.SYMMETRIC || structure == Structure.SPD;
        Coordinates.Inside inside = (r, c) -> switch (structure) {
            case SYMMETRIC, SPD -> r >= c;
            case DIAGONAL -> r == c;
            case LOWER_TRIANGULAR -> r >= c;
            case UPPER_TRIANGULAR -> r <= c;
            case ONE_HOT_ROWS, INTEGER -> false;
            default -> true;
        };
        boolean everyEntry = switch (structure) {
            case SYMMETRIC, SPD, DIAGONAL, LOWER_TRIANGULAR, UPPER_TRIANGULAR, ONE_HOT_ROWS, INTEGER -> false;
            default -> true;
        };
        // every entry its own coordinate: computed, not listed (an input may have a million entries)
        if (everyEntry && (long) rows * cols <= max) {
            return Coordinates.free(rows, cols);
        }
        return Coordinates.of(rows, cols, symmetric, inside, max);
    }
}
