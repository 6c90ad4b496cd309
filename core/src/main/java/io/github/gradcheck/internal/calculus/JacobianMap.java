package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.kron.LinearMap;
import org.ejml.data.DMatrixRMaj;

/**
 * An expression's Jacobian as the public {@link LinearMap} that {@code Expr.jacobian} returns:
 * the chain-rule operator behind it, which checks apply directly ({@link Backed}). Immutable.
 */
final class JacobianMap implements LinearMap, Backed {

    private final Operator operator;

    JacobianMap(Operator operator) {
        this.operator = operator;
    }

    @Override
    public Operator operator() {
        return operator;
    }

    @Override
    public int rows() {
        return operator.rows();
    }

    @Override
    public int cols() {
        return operator.cols();
    }

    @Override
    public DMatrixRMaj apply(DMatrixRMaj vecIn) {
        return operator.apply(vecIn);
    }

    @Override
    public LinearMap transpose() {
        return new JacobianMap(operator.transpose());
    }

    @Override
    public String toString() {
        return operator.toString();
    }
}
