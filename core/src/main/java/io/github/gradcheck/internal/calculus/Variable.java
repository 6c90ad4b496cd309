package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;

/** A variable, bound by name to an input at evaluation. Its Jacobian with respect to itself is I. */
final class Variable extends Node {

    private final String name;

    Variable(String name) {
        super(name);
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The input itself, not a copy: values are never modified. */
    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return ev.input(name);
    }

    @Override
    Operator local(int child, Evaluation ev) {
        throw new IllegalStateException("a variable has no operands");
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return name;
    }
}
