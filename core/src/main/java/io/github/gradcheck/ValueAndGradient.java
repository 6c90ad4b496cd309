package io.github.gradcheck;

/**
 * A function that computes its value and its gradient in one pass, as optimizers call it (the
 * signature of L-BFGS and conjugate-gradient libraries): it returns f(x) and writes ∇f(x) into
 * {@code gradient}.
 */
@FunctionalInterface
public interface ValueAndGradient {

    /**
     * Computes f(x) and its gradient.
     *
     * @param x the point; must not be modified
     * @param gradient receives ∇f(x), {@code gradient[i] = ∂f/∂x[i]}; of x's length. Write every
     *     entry: it is not zero on entry (a function that adds into it is reported as
     *     {@link Mistake#GRADIENT_NOT_RESET})
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] gradient);
}
