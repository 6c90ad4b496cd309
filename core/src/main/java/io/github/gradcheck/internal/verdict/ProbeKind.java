package io.github.gradcheck.internal.verdict;

/** How FAST probes compare a derivative with its reference. */
public enum ProbeKind {
    /** ⟨G, V⟩ for a scalar f. */
    GRADIENT,
    /** J·vec(V), entry by entry. */
    VECTOR,
    /** ⟨U, J V⟩ (a vjp among the derivatives). */
    BILINEAR,
    /** vec(U)ᵀ H vec(V) against second differences (a Hessian without a gradient). */
    SECOND
}
