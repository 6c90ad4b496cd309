package io.github.gradcheck.internal.generate;

import io.github.gradcheck.Structure;
import java.util.Map;

/**
 * One input of a domain: its name, its rows and columns (a dimension name or a number) and its
 * structure.
 */
public record InputSpec(String name, String rows, String cols, Structure structure) {

    /** The number of rows under the given dimension values. */
    public int rows(Map<String, Integer> dims) {
        return resolve(rows, dims);
    }

    /** The number of columns under the given dimension values. */
    public int cols(Map<String, Integer> dims) {
        return resolve(cols, dims);
    }

    /** Whether rows (or columns) use the named dimension. */
    public boolean rowsUse(String dim) {
        return rows.equals(dim);
    }

    public boolean colsUse(String dim) {
        return cols.equals(dim);
    }

    static boolean isNumber(String size) {
        return !size.isEmpty() && size.chars().allMatch(Character::isDigit);
    }

    private static int resolve(String size, Map<String, Integer> dims) {
        return isNumber(size) ? Integer.parseInt(size) : dims.get(size);
    }

    @Override
    public String toString() {
        return name + " (" + rows + "×" + cols + ", " + structure + ")";
    }
}
