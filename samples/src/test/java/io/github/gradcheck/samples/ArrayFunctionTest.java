package io.github.gradcheck.samples;

import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Checking functions written over {@code double[]}: a scalar function with its gradient, a vector
 * map with its Jacobian ({@code J[i][j] = ∂F_i/∂x_j}, by rows), and a map with a jvp and a vjp,
 * which are then also checked against each other. The functions are in {@link Vectors}.
 */
class ArrayFunctionTest {

    private static final double[] X0 = {0.5, -1, 2};

    // f(x) = ‖Ax − b‖², ∇f = 2Aᵀ(Ax − b)
    @Test
    void leastSquaresGradient() {
        GradCheck.vector(Vectors::leastSquares)
                .gradient(x -> Vectors.leastSquaresGradient(x, 1))
                .at(X0)
                .assertPasses();
    }

    // log Σ exp(xᵢ) has the gradient softmax(x), in every dimension from 1 to 8
    @Test
    void logSumExpGradientOnRandomVectors() {
        GradCheck.vector(Vectors::logSumExp)
                .gradient(Vectors::softmax)
                .forAll(Domain.dims("n=1..8").input("x", "n", 1, Structure.GAUSSIAN))
                .assertPasses();
    }

    // softmax's Jacobian is diag(s) − ssᵀ
    @Test
    void softmaxJacobian() {
        GradCheck.vectorMap(Vectors::softmax)
                .jacobian(Vectors::softmaxJacobian)
                .at(X0)
                .assertPasses();
    }

    // F(x) = tanh(Ax): its jvp v ↦ Jv and its vjp u ↦ Jᵀu, and ⟨u, Jv⟩ = ⟨Jᵀu, v⟩
    @Test
    void tanhLayerJvpAndVjp() {
        GradCheck.vectorMap(Vectors::tanhLayer)
                .jvp(Vectors::tanhLayerJvp)
                .vjp(Vectors::tanhLayerVjp)
                .at(X0)
                .assertPasses();
    }
}
