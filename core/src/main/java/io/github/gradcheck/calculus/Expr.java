package io.github.gradcheck.calculus;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.LinearMap;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A matrix expression built from variables and constants by the operations of matrix calculus.
 * It evaluates at given inputs, and gives its exact Jacobian {@code ∂vec E / ∂vec Vᵀ} with
 * respect to any variable V as a matrix-free {@link LinearMap}, assembled from the vec/Kronecker
 * form of each operation's differential by the chain and sum rules; for a 1×1 expression, also
 * its gradient. Immutable; shapes are those of the inputs given at evaluation.
 *
 * <pre>{@code
 * Expr X = Expr.variable("X");
 * Expr f = Expr.constant("A", A).times(X).times(X.transpose()).trace();   // tr(A X Xᵀ)
 * DMatrixRMaj g = f.gradient(X0);                                         // Aᵀ X + A X
 * }</pre>
 *
 * <p>Placeholder: the operations are being implemented.
 */
public final class Expr {

    private Expr() {
    }

    /** A variable, bound by name to an input at evaluation. */
    public static Expr variable(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The variables the expression depends on. */
    public Set<String> variables() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The value at the inputs. */
    public DMatrixRMaj evaluate(Inputs at) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The Jacobian ∂vec E / ∂vec Vᵀ at the inputs. */
    public LinearMap jacobian(String variable, Inputs at) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** An elementwise function with its derivative. */
    public Expr map(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
