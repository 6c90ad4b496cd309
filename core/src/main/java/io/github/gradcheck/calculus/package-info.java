/**
 * Exact reference derivatives: matrix expressions ({@link io.github.gradcheck.calculus.Expr})
 * that evaluate and give their Jacobian with respect to any variable as a matrix-free
 * {@link io.github.gradcheck.kron.LinearMap}, built from the vec/Kronecker forms of the rules of
 * matrix differentials by the chain and sum rules.
 */
package io.github.gradcheck.calculus;
