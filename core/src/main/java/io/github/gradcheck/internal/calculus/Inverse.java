package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.KroneckerOperator;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import org.ejml.data.DMatrixRMaj;

/**
 * X⁻¹ for a square, non-singular X: dX⁻¹ = −X⁻¹ dX X⁻¹, so
 * ∂vec X⁻¹/∂vec X = −(X⁻ᵀ ⊗ X⁻¹), applied as vec(H) ↦ −vec(X⁻¹ H X⁻¹).
 */
final class Inverse extends Node {

    Inverse(Node x) {
        super(x);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return SquareMatrices.inverse("inverse", this, child(0), ev.value(child(0)));
    }

    @Override
    Operator local(int child, Evaluation ev) {
        Operator y = Operators.dense(ev.value(this));
        return LocalMaps.times(-1.0, KroneckerOperator.of(y.transpose(), y));
    }

    @Override
    int precedence() {
        return POSTFIX;
    }

    @Override
    String format() {
        return operand(child(0), ATOM) + "⁻¹";
    }
}
