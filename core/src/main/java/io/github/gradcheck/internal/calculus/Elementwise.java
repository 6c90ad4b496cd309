package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * f(X) applied to every entry: d f(X) = f'(X) ⊙ dX, so the local Jacobian is diag(vec f'(X)).
 */
final class Elementwise extends Node {

    /**
     * A scalar function with its derivative.
     *
     * @param name shown in formulas: {@code name(X)}
     * @param derivative (x, f(x)) ↦ f'(x): f(x) is given because f' is cheaper from it for exp,
     *     sigmoid and tanh
     */
    record ScalarFunction(String name, DoubleUnaryOperator value, DoubleBinaryOperator derivative) {
    }

    static final ScalarFunction EXP = new ScalarFunction("exp", Math::exp, (x, y) -> y);
    static final ScalarFunction LOG = new ScalarFunction("log", Math::log, (x, y) -> 1 / x);
    static final ScalarFunction SIGMOID = new ScalarFunction("sigmoid", Elementwise::sigmoid, (x, y) -> y * (1 - y));
    static final ScalarFunction TANH = new ScalarFunction("tanh", Math::tanh, (x, y) -> 1 - y * y);
    static final ScalarFunction SQUARE = new ScalarFunction("square", x -> x * x, (x, y) -> 2 * x);
    static final ScalarFunction SQRT = new ScalarFunction("sqrt", Math::sqrt, (x, y) -> 0.5 / y);
    static final ScalarFunction RECIPROCAL = new ScalarFunction("reciprocal", x -> 1 / x, (x, y) -> -y * y);

    /** 1/(1 + e^−x), without overflow for large |x|. */
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    private final ScalarFunction f;

    Elementwise(Node x, ScalarFunction f) {
        super(x);
        this.f = f;
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        int size = x.getNumElements();
        DoubleUnaryOperator value = f.value();
        for (int i = 0; i < size; i++) {
            out.data[i] = value.applyAsDouble(x.data[i]);
        }
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        DMatrixRMaj x = ev.value(child(0));
        DMatrixRMaj y = ev.value(this);
        DMatrixRMaj slope = new DMatrixRMaj(x.numRows, x.numCols);
        int size = x.getNumElements();
        DoubleBinaryOperator derivative = f.derivative();
        for (int i = 0; i < size; i++) {
            slope.data[i] = derivative.applyAsDouble(x.data[i], y.data[i]);
        }
        return StructuralOperators.diagonal(slope);
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return f.name() + "(" + child(0) + ")";
    }
}
