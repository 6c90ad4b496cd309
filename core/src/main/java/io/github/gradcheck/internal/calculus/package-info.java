/**
 * The expression engine behind {@link io.github.gradcheck.calculus.Expr}: one node class per
 * operation, each with its value and its local Jacobian ∂vec(node)/∂vec(child)ᵀ as a matrix-free
 * map; {@link io.github.gradcheck.internal.calculus.Evaluation} computes each node's value once,
 * and {@link io.github.gradcheck.internal.calculus.Jacobians} chains the local maps into
 * ∂vec E/∂vec Vᵀ.
 */
package io.github.gradcheck.internal.calculus;
