package io.github.gradcheck.kron;

import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.Operators;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link LinearMap} built by this package: the public face of one of the toolkit's operators.
 * Immutable.
 */
final class KronMap implements LinearMap, Backed {

    private final Operator operator;

    private KronMap(Operator operator) {
        this.operator = operator;
    }

    /** The map of an operator. */
    static LinearMap of(Operator operator) {
        return new KronMap(operator);
    }

    /**
     * The operator behind any map: its own for a map built here (or by an expression), an adapter
     * for a map a user implemented.
     *
     * @param what how to name the argument when it is null
     * @throws IllegalArgumentException for null, or a map with non-positive dimensions
     */
    static Operator operator(LinearMap map, String what) {
        if (map == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (map instanceof Backed backed) {
            return backed.operator();
        }
        return Operators.foreign(map.rows(), map.cols(), map::apply, () -> {
            LinearMap t = map.transpose();
            return t == null ? null : operator(t, "the transpose of " + map);
        }, () -> String.valueOf(map));
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
        return new KronMap(operator.transpose());
    }

    @Override
    public String toString() {
        return operator.toString();
    }
}
