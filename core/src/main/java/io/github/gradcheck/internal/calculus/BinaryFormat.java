package io.github.gradcheck.internal.calculus;

/**
 * Formulas of the associative product-level operations (·, ⊙, ⊗): an operand of the same
 * operation needs no parentheses ({@code A·X·B}), any other operand of product level or below does
 * ({@code (A ⊙ B)·C}, {@code (A + B)·X}, {@code A·(−X)}, {@code A·(2·X)}).
 */
final class BinaryFormat {

    private BinaryFormat() {
    }

    /** The node's two operands joined by the symbol, e.g. {@code "·"} or {@code " ⊗ "}. */
    static String of(Node node, String symbol) {
        return side(node.child(0), node) + symbol + side(node.child(1), node);
    }

    private static String side(Node operand, Node node) {
        String formula = operand.toString();
        boolean bare = operand.precedence() > Node.PRODUCT
                || (operand.precedence() == Node.PRODUCT && operand.getClass() == node.getClass());
        return bare ? formula : "(" + formula + ")";
    }
}
