package io.github.gradcheck;

/**
 * What kind of matrix an input is: how random trials generate it, how a check perturbs it, and
 * how shrinking simplifies it while keeping it of its kind.
 *
 * <p>Perturbation: SYMMETRIC and SPD inputs are perturbed only in symmetric directions
 * {@code E(i,j) + E(j,i)} and the user's gradient G is compared through {@code (G + Gᵀ)/2} with
 * the symmetric gradient N, {@code ⟨N, H⟩ = Df[X](H)} for every symmetric H. DIAGONAL inputs are
 * perturbed on the diagonal, LOWER_TRIANGULAR and UPPER_TRIANGULAR inside their triangle.
 * ONE_HOT_ROWS and INTEGER inputs are constants: never differentiated. The others are perturbed
 * in every entry.
 */
public enum Structure {
    /** Independent standard normal entries. */
    GAUSSIAN,
    /** Independent entries uniform in [−1, 1]. */
    UNIFORM,
    /** Entries > 0 (log-normal, between about 0.2 and 5). */
    POSITIVE,
    /** Square, exactly symmetric, Gaussian entries. */
    SYMMETRIC,
    /** Square, symmetric positive definite, eigenvalues in [0.5, 2]. */
    SPD,
    /** Orthonormal columns (or rows, when wider than tall), orthogonal to ~1e-15. */
    ORTHOGONAL,
    /** Square, invertible, condition number at most 1e3. */
    INVERTIBLE,
    /** Zero off the main diagonal. */
    DIAGONAL,
    /** Zero above the main diagonal; diagonal entries of size 0.5 to 1.5. */
    LOWER_TRIANGULAR,
    /** Zero below the main diagonal; diagonal entries of size 0.5 to 1.5. */
    UPPER_TRIANGULAR,
    /** Exactly one 1 in every row, zeros elsewhere (class labels). A constant. */
    ONE_HOT_ROWS,
    /** Positive rows summing to 1 (probability vectors). */
    SIMPLEX_ROWS,
    /** Small integers, −3 to 3. A constant. */
    INTEGER;

    /** {@return whether inputs of this structure are held constant (never differentiated)} */
    public boolean isConstant() {
        return this == ONE_HOT_ROWS || this == INTEGER;
    }

    /** {@return whether inputs of this structure must be square} */
    public boolean isSquare() {
        return this == SYMMETRIC || this == SPD || this == INVERTIBLE;
    }
}
