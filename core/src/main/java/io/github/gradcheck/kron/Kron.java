package io.github.gradcheck.kron;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;

/**
 * Kronecker products and the structural maps of matrix calculus, all matrix-free.
 *
 * <p>The identity behind them: for A p×q, B r×s and X s×q,
 * {@code (A ⊗ B) vec(X) = vec(B X Aᵀ)}, so that
 * {@code vec(A X B) = (Bᵀ ⊗ A) vec(X)}, {@code ∂vec(AX)/∂vec X = I ⊗ A} and
 * {@code ∂vec(XB)/∂vec X = Bᵀ ⊗ I}. vec stacks columns.
 */
public final class Kron {

    private Kron() {
    }

    /**
     * The Kronecker product A ⊗ B, the (p·r × q·s) block matrix with blocks {@code A[i][j]·B},
     * applied to vec(X), X s×q, as {@code vec(B X Aᵀ)} (r×p) and never formed.
     *
     * @param a a p×q matrix, copied here
     * @param b an r×s matrix, copied here
     * @return the map A ⊗ B, (p·r × q·s)
     * @throws IllegalArgumentException for a null or empty matrix, or when p·r or q·s overflows an int
     */
    public static LinearMap of(DMatrixRMaj a, DMatrixRMaj b) {
        return KronMap.of(KroneckerOperator.of(Operators.dense(a, "Kron.of: A"), Operators.dense(b, "Kron.of: B")));
    }

    /**
     * The Kronecker product P ⊗ Q of two maps, for P a×b and Q c×d the (a·c × b·d) map applied to
     * vec(X), X d×b, as {@code vec(Q X Pᵀ)} (c×a): Q on each column of X, then P on each row.
     * {@code Kron.of(Kron.identity(n), LinearMap.dense(A))} is I ⊗ A without an n×n identity
     * matrix. Its transpose is Pᵀ ⊗ Qᵀ.
     *
     * @param p the left factor, an a×b map (ℝ^b → ℝ^a)
     * @param q the right factor, a c×d map (ℝ^d → ℝ^c)
     * @return the map P ⊗ Q, (a·c × b·d)
     * @throws IllegalArgumentException for a null map, or when a·c or b·d overflows an int
     */
    public static LinearMap of(LinearMap p, LinearMap q) {
        return KronMap.of(KroneckerOperator.of(KronMap.operator(p, "Kron.of: the first map"),
                KronMap.operator(q, "Kron.of: the second map")));
    }

    /**
     * The identity map Iₙ (n×n), without an n×n matrix.
     *
     * @param n the dimension, positive
     * @return the map v ↦ v on ℝⁿ
     * @throws IllegalArgumentException for n ≤ 0
     */
    public static LinearMap identity(int n) {
        return KronMap.of(StructuralOperators.identity(n));
    }

    /**
     * The commutation matrix K (mn × mn) with {@code K vec(X) = vec(Xᵀ)} for X m×n: the
     * Jacobian of the transpose. Its transpose (and inverse) is {@code commutation(n, m)};
     * {@code commutation(1, n)} and {@code commutation(m, 1)} are the identity.
     *
     * @param m the rows of X, positive
     * @param n the columns of X, positive
     * @return the map vec(X) ↦ vec(Xᵀ), (mn × mn)
     * @throws IllegalArgumentException for m ≤ 0 or n ≤ 0, or when m·n overflows an int
     */
    public static LinearMap commutation(int m, int n) {
        return KronMap.of(StructuralOperators.commutation(m, n));
    }

    /**
     * The diagonal map diag(vec V): entry i of the input times entry i of vec(V). For a vector v
     * it is diag(v); for a matrix Y it is the Jacobian of X ↦ X ⊙ Y
     * ({@code d vec(X ⊙ Y) = diag(vec Y) d vec X}).
     *
     * @param v a vector or a matrix, copied here
     * @return the map diag(vec V), square of V's number of entries
     * @throws IllegalArgumentException for a null or empty matrix
     */
    public static LinearMap diag(DMatrixRMaj v) {
        return KronMap.of(StructuralOperators.diagonal(v));
    }

    /**
     * The duplication matrix Dₙ (n² × n(n+1)/2) with {@code Dₙ vech(S) = vec(S)} for a symmetric
     * n×n S, where vech stacks the columns of the lower triangle ({@link Vec#vech}). A map of
     * symmetric matrices J acts on vech(S) as {@code J·Dₙ}. Its transpose adds the two entries of
     * each off-diagonal pair: {@code Dₙᵀ vec(X) = vech(X + Xᵀ − X∘I)}.
     *
     * @param n the order of the symmetric matrices, positive
     * @return the map vech(S) ↦ vec(S), (n² × n(n+1)/2)
     * @throws IllegalArgumentException for n ≤ 0, or when n² overflows an int
     */
    public static LinearMap duplication(int n) {
        return KronMap.of(StructuralOperators.duplication(n));
    }
}
