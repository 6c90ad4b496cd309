package io.github.gradcheck.internal.calculus;

import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Factories of the nodes, one per operation of {@link io.github.gradcheck.calculus.Expr}, which
 * checks the arguments first.
 */
public final class Nodes {

    private Nodes() {
    }

    public static Node variable(String name) {
        return new Variable(name);
    }

    /** @param name null for an unnamed constant; the value is copied */
    public static Node constant(String name, DMatrixRMaj value) {
        return new Constant(name, value);
    }

    public static Node plus(Node a, Node b) {
        return new Addition(a, b, false);
    }

    public static Node minus(Node a, Node b) {
        return new Addition(a, b, true);
    }

    public static Node times(Node a, Node b) {
        return new MatrixProduct(a, b);
    }

    public static Node scale(Node x, double factor) {
        return new Scaling(x, factor, false);
    }

    public static Node negate(Node x) {
        return new Scaling(x, -1.0, true);
    }

    public static Node hadamard(Node a, Node b) {
        return new Hadamard(a, b);
    }

    public static Node kron(Node a, Node b) {
        return new KroneckerProduct(a, b);
    }

    public static Node dot(Node a, Node b) {
        return new Dot(a, b);
    }

    public static Node transpose(Node x) {
        return new Transpose(x);
    }

    public static Node trace(Node x) {
        return new Trace(x);
    }

    public static Node inverse(Node x) {
        return new Inverse(x);
    }

    public static Node det(Node x) {
        return new Determinant(x);
    }

    public static Node logDet(Node x) {
        return new LogDeterminant(x);
    }

    public static Node exp(Node x) {
        return new Elementwise(x, Elementwise.EXP);
    }

    public static Node log(Node x) {
        return new Elementwise(x, Elementwise.LOG);
    }

    public static Node sigmoid(Node x) {
        return new Elementwise(x, Elementwise.SIGMOID);
    }

    public static Node tanh(Node x) {
        return new Elementwise(x, Elementwise.TANH);
    }

    public static Node square(Node x) {
        return new Elementwise(x, Elementwise.SQUARE);
    }

    public static Node sqrt(Node x) {
        return new Elementwise(x, Elementwise.SQRT);
    }

    public static Node reciprocal(Node x) {
        return new Elementwise(x, Elementwise.RECIPROCAL);
    }

    /** An elementwise function f with its derivative f'. */
    public static Node map(Node x, String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        return new Elementwise(x, new Elementwise.ScalarFunction(name, f, (v, y) -> derivative.applyAsDouble(v)));
    }

    public static Node softmax(Node z) {
        return new Softmax(z, Softmax.Axis.VECTOR);
    }

    public static Node softmaxRows(Node z) {
        return new Softmax(z, Softmax.Axis.ROWS);
    }

    public static Node softmaxCols(Node z) {
        return new Softmax(z, Softmax.Axis.COLUMNS);
    }

    public static Node vec(Node x) {
        return new Reshape(x, -1, 1);
    }

    public static Node reshape(Node x, int rows, int cols) {
        return new Reshape(x, rows, cols);
    }

    public static Node sum(Node x) {
        return new Reduction(x, Reduction.Kind.ALL);
    }

    public static Node sumRows(Node x) {
        return new Reduction(x, Reduction.Kind.ROWS);
    }

    public static Node sumCols(Node x) {
        return new Reduction(x, Reduction.Kind.COLUMNS);
    }
}
