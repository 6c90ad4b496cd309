package io.github.gradcheck;

import io.github.gradcheck.internal.text.Numbers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.ejml.data.DMatrixRMaj;

/**
 * Named matrices: the inputs of a function of several matrices, such as a loss of weights
 * {@code W} and a bias {@code b}.
 *
 * <p>An {@code Inputs} is a view: it holds the matrices it was given, without copying. gradcheck
 * copies them when a check is configured with {@code at(...)} and never modifies the caller's
 * matrices; the matrices it hands to a user function are its own copies, and a user function that
 * modifies them is reported as {@link Status#INPUT_MUTATED}.
 */
public final class Inputs {

    private final Map<String, DMatrixRMaj> matrices;

    private Inputs(Map<String, DMatrixRMaj> matrices) {
        this.matrices = matrices;
    }

    /**
     * One named input.
     *
     * @param name the input's name, non-empty
     * @param matrix the input, held without copying and not modified
     * @return the inputs
     * @throws IllegalArgumentException for an empty name or a null matrix
     */
    public static Inputs of(String name, DMatrixRMaj matrix) {
        return build(new Object[] {name, matrix});
    }

    /**
     * Two named inputs.
     *
     * @param name1 the first input's name, non-empty
     * @param matrix1 the first input, held without copying and not modified
     * @param name2 the second input's name, non-empty and not {@code name1}
     * @param matrix2 the second input, held without copying and not modified
     * @return the inputs, in this order
     * @throws IllegalArgumentException for an empty name, a null matrix or a name given twice
     */
    public static Inputs of(String name1, DMatrixRMaj matrix1, String name2, DMatrixRMaj matrix2) {
        return build(new Object[] {name1, matrix1, name2, matrix2});
    }

    /**
     * Three named inputs.
     *
     * @param name1 the first input's name, non-empty
     * @param matrix1 the first input, held without copying and not modified
     * @param name2 the second input's name, non-empty
     * @param matrix2 the second input, held without copying and not modified
     * @param name3 the third input's name, non-empty
     * @param matrix3 the third input, held without copying and not modified
     * @return the inputs, in this order
     * @throws IllegalArgumentException for an empty name, a null matrix or a name given twice
     */
    public static Inputs of(String name1, DMatrixRMaj matrix1, String name2, DMatrixRMaj matrix2,
                            String name3, DMatrixRMaj matrix3) {
        return build(new Object[] {name1, matrix1, name2, matrix2, name3, matrix3});
    }

    /**
     * Any number of name/matrix pairs: {@code Inputs.of("W1", W1, "b1", b1, "W2", W2, "b2", b2, "x", x)}.
     *
     * @param namesAndMatrices a name (a non-empty String), then its matrix (a {@link DMatrixRMaj},
     *     held without copying and not modified), and so on
     * @return the inputs, in this order
     * @throws IllegalArgumentException for an odd count, a name that is not a non-empty String,
     *     a value that is not a {@link DMatrixRMaj}, or a name given twice
     */
    public static Inputs of(Object... namesAndMatrices) {
        return build(namesAndMatrices.clone());
    }

    /**
     * The inputs of a map, in its iteration order.
     *
     * @param matrices the inputs by name; the map is copied, the matrices are held without copying
     *     and not modified
     * @return the inputs
     * @throws IllegalArgumentException for an empty name or a null matrix
     */
    public static Inputs of(Map<String, DMatrixRMaj> matrices) {
        Map<String, DMatrixRMaj> copy = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : matrices.entrySet()) {
            copy.put(checkName(e.getKey()), checkMatrix(e.getKey(), e.getValue()));
        }
        return new Inputs(Collections.unmodifiableMap(copy));
    }

    private static Inputs build(Object[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Inputs.of takes name/matrix pairs, but got "
                    + pairs.length + " arguments");
        }
        Map<String, DMatrixRMaj> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] instanceof String)) {
                throw new IllegalArgumentException("Inputs.of: argument " + (i + 1)
                        + " must be an input name (a String) but is " + describe(pairs[i]));
            }
            String name = checkName((String) pairs[i]);
            if (!(pairs[i + 1] instanceof DMatrixRMaj)) {
                throw new IllegalArgumentException("Inputs.of: input '" + name
                        + "' must be a DMatrixRMaj but is " + describe(pairs[i + 1]));
            }
            if (map.put(name, (DMatrixRMaj) pairs[i + 1]) != null) {
                throw new IllegalArgumentException("Inputs.of: input '" + name + "' is given twice");
            }
        }
        return new Inputs(Collections.unmodifiableMap(map));
    }

    private static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getSimpleName();
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an input name must be a non-empty String");
        }
        return name;
    }

    private static DMatrixRMaj checkMatrix(String name, DMatrixRMaj m) {
        if (m == null) {
            throw new IllegalArgumentException("input '" + name + "' is null");
        }
        return m;
    }

    /**
     * The matrix named {@code name}. Read it; do not modify it.
     *
     * @param name the input's name
     * @return the matrix itself, not a copy
     * @throws IllegalArgumentException when there is no input of that name (the message lists them)
     */
    public DMatrixRMaj get(String name) {
        DMatrixRMaj m = matrices.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no input named '" + name + "'; the inputs are "
                    + String.join(", ", matrices.keySet()));
        }
        return m;
    }

    /**
     * Whether an input of this name exists.
     *
     * @param name the input's name
     * @return true when there is an input of that name
     */
    public boolean contains(String name) {
        return matrices.containsKey(name);
    }

    /** {@return the input names, in order} */
    public Set<String> names() {
        return matrices.keySet();
    }

    /** {@return the inputs as an unmodifiable map, in order} The matrices themselves are not copies. */
    public Map<String, DMatrixRMaj> asMap() {
        return matrices;
    }

    /** {@code Inputs[W: 3×2, b: 1×2]}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Inputs[", "]");
        matrices.forEach((name, m) -> j.add(name + ": " + Numbers.shape(m.numRows, m.numCols)));
        return j.toString();
    }
}
