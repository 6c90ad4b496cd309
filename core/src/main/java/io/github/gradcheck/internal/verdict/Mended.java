package io.github.gradcheck.internal.verdict;

/**
 * A derivative of the wrong shape that the check mended to learn its mistake (transposed, or
 * summed over a batch), and the shapes that were wrong.
 *
 * @param input the input it is the derivative for
 * @param repair what was done to it
 * @param shape what it returned and what it must be
 */
public record Mended(String input, Repair repair, Problem.WrongShape shape) {
}
