package io.github.gradcheck.kron;

import io.github.gradcheck.internal.linalg.Operators;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A linear map ℝ^cols → ℝ^rows, such as the Jacobian {@code ∂vec F / ∂vec Xᵀ} of a matrix
 * function, applied without forming its matrix. Maps built here and by {@link Kron} are
 * immutable and matrix-free: {@code Kron.of(A, B)} applies A ⊗ B to vec(X) as vec(B X Aᵀ), and
 * sums, products, scalings and transposes of matrix-free maps stay matrix-free. Only
 * {@link #toDense()} forms the matrix.
 *
 * <p>Vectors are column vectors (cols×1 in, rows×1 out); a vector holding a matrix X is vec(X),
 * its columns stacked ({@link Vec#vec}).
 *
 * <p>To write a map of your own, implement {@link #rows()}, {@link #cols()}, {@link #apply} and
 * {@link #transpose()}, or use {@link #of(int, int, UnaryOperator, UnaryOperator)}.
 */
public interface LinearMap {

    /** {@return the dimension of the output: the number of rows of the map's matrix} */
    int rows();

    /** {@return the dimension of the input: the number of columns of the map's matrix} */
    int cols();

    /**
     * The map applied to a vector: M·v.
     *
     * @param vecIn a cols×1 vector (a 1×cols row is accepted too), not modified; to apply the map
     *     to a matrix X, pass {@code Vec.vec(X)}
     * @return a new rows×1 vector
     * @throws IllegalArgumentException when vecIn is null or not a vector of {@link #cols()} entries
     */
    DMatrixRMaj apply(DMatrixRMaj vecIn);

    /**
     * The transpose Mᵀ: ℝ^rows → ℝ^cols, the adjoint under the Euclidean inner product. For a
     * Jacobian, applying the transpose is a vector-Jacobian product.
     *
     * @return the transposed map, cols × rows
     * @throws IllegalStateException for a map given without its adjoint
     *     ({@link #of(int, int, UnaryOperator)}), or built from one
     */
    LinearMap transpose();

    /**
     * The map's matrix, rows × cols, formed one column at a time.
     *
     * @return a new rows×cols matrix
     * @throws IllegalStateException when the matrix has more entries than one Java array holds
     */
    default DMatrixRMaj toDense() {
        return Operators.dense(KronMap.operator(this, "the map"));
    }

    /**
     * The sum M + N, applied as M·v + N·v.
     *
     * @param other a map of the same dimensions
     * @return the map M + N
     * @throws IllegalArgumentException for null or when the dimensions differ
     */
    default LinearMap plus(LinearMap other) {
        return KronMap.of(Operators.sum(KronMap.operator(this, "the map"), KronMap.operator(other, "plus: the other map")));
    }

    /**
     * The difference M − N.
     *
     * @param other a map of the same dimensions
     * @return the map M − N
     * @throws IllegalArgumentException for null or when the dimensions differ
     */
    default LinearMap minus(LinearMap other) {
        return KronMap.of(Operators.sum(KronMap.operator(this, "the map"),
                Operators.scaled(-1.0, KronMap.operator(other, "minus: the other map")), "minus"));
    }

    /**
     * The composition M·N (N first, then M), applied as M·(N·v).
     *
     * @param other a map with {@code other.rows() == cols()}
     * @return the map M·N, {@code rows()} × {@code other.cols()}
     * @throws IllegalArgumentException for null or when the inner dimensions differ
     */
    default LinearMap times(LinearMap other) {
        return KronMap.of(Operators.product(KronMap.operator(this, "the map"),
                KronMap.operator(other, "times: the other map")));
    }

    /**
     * The map c·M.
     *
     * @param c the factor, finite
     * @return the map c·M
     * @throws IllegalArgumentException for a NaN or infinite c
     */
    default LinearMap scale(double c) {
        return KronMap.of(Operators.scaled(c, KronMap.operator(this, "the map")));
    }

    /**
     * The map of a matrix: v ↦ M·v.
     *
     * @param m a rows×cols matrix, copied here
     * @return the map v ↦ M·v
     * @throws IllegalArgumentException for a null or empty matrix
     */
    static LinearMap dense(DMatrixRMaj m) {
        return KronMap.of(Operators.dense(m));
    }

    /**
     * A map given by a function, with its transpose.
     *
     * @param rows the output dimension
     * @param cols the input dimension
     * @param forward v (cols×1) ↦ M·v (rows×1); must be linear; it is given a fresh copy of v
     * @param adjoint u (rows×1) ↦ Mᵀ·u (cols×1); it is given a fresh copy of u
     * @return the map, rows × cols
     * @throws IllegalArgumentException for non-positive dimensions or a null function
     */
    static LinearMap of(int rows, int cols, UnaryOperator<DMatrixRMaj> forward, UnaryOperator<DMatrixRMaj> adjoint) {
        return KronMap.of(Operators.function(rows, cols, forward, adjoint));
    }

    /**
     * A map given by a function alone: enough for checks, which apply it column by column;
     * {@link #transpose()} of it throws.
     *
     * @param rows the output dimension
     * @param cols the input dimension
     * @param forward v (cols×1) ↦ M·v (rows×1); must be linear; it is given a fresh copy of v
     * @return the map, rows × cols, without a transpose
     * @throws IllegalArgumentException for non-positive dimensions or a null function
     */
    static LinearMap of(int rows, int cols, UnaryOperator<DMatrixRMaj> forward) {
        return KronMap.of(Operators.function(rows, cols, forward, null));
    }
}
