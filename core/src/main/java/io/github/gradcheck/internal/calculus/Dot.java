package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import org.ejml.data.DMatrixRMaj;

/**
 * ⟨A, B⟩ = tr(AᵀB) = Σ aᵢⱼ bᵢⱼ for A and B of one shape (1×1): d⟨A, B⟩ = ⟨dA, B⟩ + ⟨A, dB⟩, so
 * ∂/∂vec A = vec(B)ᵀ and ∂/∂vec B = vec(A)ᵀ.
 */
final class Dot extends Node {

    Dot(Node a, Node b) {
        super(a, b);
    }

    @Override
    DMatrixRMaj compute(Evaluation ev) {
        DMatrixRMaj a = ev.value(child(0));
        DMatrixRMaj b = ev.value(child(1));
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("dot: " + this + " needs operands of one shape: " + bracketed(a) + ", "
                    + bracketed(b));
        }
        double sum = 0;
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            sum += a.data[i] * b.data[i];
        }
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        out.data[0] = sum;
        return out;
    }

    @Override
    Operator local(int child, Evaluation ev) {
        return LocalMaps.vecRow(ev.value(child(1 - child)));
    }

    @Override
    int precedence() {
        return ATOM;
    }

    @Override
    String format() {
        return "⟨" + child(0) + ", " + child(1) + "⟩";
    }
}
