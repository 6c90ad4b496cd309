package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;

/**
 * A ± B, with broadcasting ({@link Broadcast}). d(A ± B) = dA ± dB, so the local Jacobians are
 * the broadcasts' Jacobians, the second negated for a difference.
 */
final class Addition extends Node {

    private final boolean subtract;

    Addition(Node a, Node b, boolean subtract) {
        super(a, b);
        this.subtract = subtract;
    }

    private Broadcast broadcast(Evaluation ev) {
        return Broadcast.of(subtract ? "minus" : "plus", toString(), subtract ? "−" : "+",
                ev.value(child(0)), ev.value(child(1)));
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return broadcast(ev).combine(ev.value(child(0)), ev.value(child(1)),
                subtract ? (a, b) -> a - b : (a, b) -> a + b);
    }

    @Override
    Operator local(int child, Evaluation ev) {
        Operator expansion = broadcast(ev).jacobian(child);
        return child == 1 && subtract ? LocalMaps.times(-1.0, expansion) : expansion;
    }

    @Override
    int precedence() {
        return SUM;
    }

    @Override
    String format() {
        // a − (b − c) keeps its parentheses; a + (b + c) and a + (b − c) need none
        String right = subtract ? operand(child(1), SUM + 1) : operand(child(1), SUM);
        return operand(child(0), SUM) + (subtract ? " − " : " + ") + right;
    }
}
