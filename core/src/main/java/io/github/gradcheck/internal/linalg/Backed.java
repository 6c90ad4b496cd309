package io.github.gradcheck.internal.linalg;

/**
 * A public linear map built by the toolkit ({@code io.github.gradcheck.kron}, or an expression's
 * Jacobian), and the operator behind it: the engine applies the operator directly, on plain arrays
 * and a column at a time, without going through the public interface.
 */
public interface Backed {

    /** The operator the map applies. */
    Operator operator();
}
