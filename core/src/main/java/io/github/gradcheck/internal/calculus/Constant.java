package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.text.Numbers;
import org.ejml.data.DMatrixRMaj;

/** A constant matrix (a copy of the one given), shown by its name, its value (1×1) or its shape. */
final class Constant extends Node {

    private final DMatrixRMaj value;
    private final String name;

    /** @param name null for an unnamed constant */
    Constant(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value.copy();
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        return value;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        throw new IllegalStateException("a constant has no operands");
    }

    @Override
    int precedence() {
        return name == null && value.getNumElements() == 1 && value.get(0) < 0 ? PREFIX : ATOM;
    }

    @Override
    String format() {
        if (name != null) {
            return name;
        }
        return value.getNumElements() == 1 ? Numbers.format(value.get(0)) : bracketed(value);
    }
}
