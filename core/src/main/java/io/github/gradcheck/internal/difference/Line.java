package io.github.gradcheck.internal.difference;

/**
 * A function of one real parameter with values in ℝ^M: {@code t ↦ vec F(X₀ + t·B)} for a fixed
 * point X₀ and direction B. Finite differences only ever look at the function along such lines.
 */
@FunctionalInterface
public interface Line {

    /**
     * Evaluates the function at the parameter closest to {@code t} that the input can represent.
     *
     * @param t the requested parameter
     * @param out receives the M output values (vec order); may hold non-finite values
     * @return the parameter actually used: {@code fl(x₀ + t) − x₀} rather than {@code t}, so that
     *     difference quotients divide by the step the function really saw
     */
    double evaluate(double t, double[] out);
}
