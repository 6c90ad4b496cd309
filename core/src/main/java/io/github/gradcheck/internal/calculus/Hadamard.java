package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import org.ejml.data.DMatrixRMaj;

/**
 * A ⊙ B, the entrywise product, with broadcasting ({@link Broadcast}). d(A ⊙ B) = dA ⊙ B + A ⊙ dB,
 * so ∂vec/∂vec A = diag(vec B')·E_A, with B' the expanded B and E_A the Jacobian of A's expansion
 * (the identity when A is not expanded), and likewise for B.
 */
final class Hadamard extends Node {

    Hadamard(Node a, Node b) {
        super(a, b);
    }

    private Broadcast broadcast(Evaluation ev) {
        return Broadcast.of("hadamard", toString(), "⊙", ev.value(child(0)), ev.value(child(1)));
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return broadcast(ev).combine(ev.value(child(0)), ev.value(child(1)), (a, b) -> a * b);
    }

    @Override
    Operator local(int child, Evaluation ev) {
        Broadcast shape = broadcast(ev);
        int other = 1 - child;
        Operator scaling = StructuralOperators.diagonal(shape.expand(other, ev.value(child(other))));
        return shape.expands(child) ? Operators.product(scaling, shape.jacobian(child)) : scaling;
    }

    @Override
    int precedence() {
        return PRODUCT;
    }

    @Override
    String format() {
        return BinaryFormat.of(this, " ⊙ ");
    }
}
