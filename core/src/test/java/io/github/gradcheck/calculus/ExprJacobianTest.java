package io.github.gradcheck.calculus;

import static io.github.gradcheck.calculus.JacobianAssertions.assertJacobianPasses;
import static io.github.gradcheck.testing.Matrices.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Every operation's Jacobian, checked against finite differences by the toolkit itself, and its
 * transpose, columns and products checked against its dense form.
 */
class ExprJacobianTest extends QuietTest {

    private static final Expr X = Expr.variable("X");
    private static final Expr Y = Expr.variable("Y");

    /** Entries in [0.5, 1.5): away from the singularities of log, sqrt and 1/x. */
    private static DMatrixRMaj positive(int rows, int cols, long seed) {
        DMatrixRMaj m = random(rows, cols, 0.5, seed);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] += 1.0;
        }
        return m;
    }

    @Test
    void plusOfTwoVariables() {
        assertJacobianPasses(X.plus(Y), Inputs.of("X", random(3, 2, 1), "Y", random(3, 2, 2)), "X", "Y");
    }

    @Test
    void plusBroadcastsAScalar() {
        assertJacobianPasses(X.plus(Y), Inputs.of("X", random(3, 2, 3), "Y", random(1, 1, 4)), "X", "Y");
        assertJacobianPasses(Y.plus(X), Inputs.of("X", random(3, 2, 3), "Y", random(1, 1, 4)), "X", "Y");
    }

    @Test
    void plusBroadcastsARowOverTheRows() {
        assertJacobianPasses(X.plus(Y), Inputs.of("X", random(4, 3, 5), "Y", random(1, 3, 6)), "X", "Y");
    }

    @Test
    void plusBroadcastsAColumnOverTheColumns() {
        assertJacobianPasses(Y.plus(X), Inputs.of("X", random(4, 3, 7), "Y", random(4, 1, 8)), "X", "Y");
    }

    @Test
    void minusOfTwoVariables() {
        assertJacobianPasses(X.minus(Y), Inputs.of("X", random(2, 3, 9), "Y", random(2, 3, 10)), "X", "Y");
    }

    @Test
    void minusBroadcastsARowAndAColumn() {
        assertJacobianPasses(X.minus(Y), Inputs.of("X", random(4, 3, 11), "Y", random(1, 3, 12)), "X", "Y");
        assertJacobianPasses(Y.minus(X), Inputs.of("X", random(4, 3, 13), "Y", random(4, 1, 14)), "X", "Y");
    }

    @Test
    void timesWithRespectToBothFactors() {
        assertJacobianPasses(X.times(Y), Inputs.of("X", random(2, 3, 15), "Y", random(3, 4, 16)), "X", "Y");
    }

    @Test
    void timesOfAVariableWithItself() {
        assertJacobianPasses(X.times(X), random(3, 3, 17));
        assertJacobianPasses(X.times(X.transpose()), random(2, 3, 18));
    }

    @Test
    void timesByAOneByOneOperandIsAScalarProduct() {
        assertJacobianPasses(X.times(Y), Inputs.of("X", random(1, 1, 19), "Y", random(3, 2, 20)), "X", "Y");
        assertJacobianPasses(Y.times(X), Inputs.of("X", random(1, 1, 21), "Y", random(3, 2, 22)), "X", "Y");
    }

    @Test
    void scaleAndNegate() {
        assertJacobianPasses(X.scale(-2.5), random(2, 3, 23));
        assertJacobianPasses(X.negate(), random(2, 3, 24));
    }

    @Test
    void transpose() {
        assertJacobianPasses(X.transpose(), random(2, 3, 25));
    }

    @Test
    void trace() {
        assertJacobianPasses(X.trace(), random(3, 3, 26));
    }

    @Test
    void inverse() {
        assertJacobianPasses(X.inverse(), Matrices.withCondition(3, 5, 27));
    }

    @Test
    void det() {
        assertJacobianPasses(X.det(), Matrices.withCondition(3, 5, 28));
    }

    /** Rank 2 of 3: det X = 0 but its derivative tr(adj(X) dX) is not zero. */
    @Test
    void detAtASingularMatrixUsesTheAdjugate() {
        DMatrixRMaj singular = Matrices.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});
        assertJacobianPasses(X.det(), singular);
    }

    /**
     * Rank 1 of 3: the adjugate, and so the derivative of det, is zero (det(X + tH) = O(t²));
     * finite differences cannot judge a zero derivative, so it is checked directly.
     */
    @Test
    void detAtARankOneMatrixHasAZeroDerivative() {
        DMatrixRMaj rankOne = Matrices.mult(random(3, 1, 29), random(1, 3, 30));
        DMatrixRMaj j = X.det().jacobian(rankOne).toDense();
        assertEquals(9, j.getNumElements());
        assertTrue(CommonOps_DDRM.elementMaxAbs(j) < 1e-14, () -> j.toString());
    }

    @Test
    void logDetOfPositiveAndNegativeDeterminants() {
        DMatrixRMaj x = Matrices.withCondition(3, 5, 31);
        assertJacobianPasses(X.logDet(), x);
        DMatrixRMaj flipped = x.copy();
        for (int c = 0; c < 3; c++) {
            flipped.set(0, c, -x.get(0, c));
        }
        assertJacobianPasses(X.logDet(), flipped);
    }

    @Test
    void hadamardOfTwoVariables() {
        assertJacobianPasses(X.hadamard(Y), Inputs.of("X", random(3, 2, 32), "Y", random(3, 2, 33)), "X", "Y");
    }

    @Test
    void hadamardBroadcastsAScalarARowAndAColumn() {
        assertJacobianPasses(X.hadamard(Y), Inputs.of("X", random(3, 2, 34), "Y", random(1, 1, 35)), "X", "Y");
        assertJacobianPasses(X.hadamard(Y), Inputs.of("X", random(3, 2, 36), "Y", random(1, 2, 37)), "X", "Y");
        assertJacobianPasses(Y.hadamard(X), Inputs.of("X", random(3, 2, 38), "Y", random(3, 1, 39)), "X", "Y");
    }

    @Test
    void hadamardOfAVariableWithItself() {
        assertJacobianPasses(X.hadamard(X), random(2, 3, 40));
    }

    @Test
    void exp() {
        assertJacobianPasses(X.exp(), random(2, 3, 41));
    }

    @Test
    void log() {
        assertJacobianPasses(X.log(), positive(2, 3, 42));
    }

    @Test
    void sigmoid() {
        assertJacobianPasses(X.sigmoid(), random(2, 3, 4.0, 43));
    }

    @Test
    void tanh() {
        assertJacobianPasses(X.tanh(), random(2, 3, 2.0, 44));
    }

    @Test
    void square() {
        assertJacobianPasses(X.square(), random(2, 3, 45));
    }

    @Test
    void sqrt() {
        assertJacobianPasses(X.sqrt(), positive(2, 3, 46));
    }

    @Test
    void reciprocal() {
        assertJacobianPasses(X.reciprocal(), positive(2, 3, 47));
    }

    @Test
    void mapWithAGivenDerivative() {
        assertJacobianPasses(X.map("sin", Math::sin, Math::cos), random(2, 3, 48));
    }

    @Test
    void softmaxOfAColumnAndOfARow() {
        assertJacobianPasses(X.softmax(), random(4, 1, 2.0, 49));
        assertJacobianPasses(X.softmax(), random(1, 4, 2.0, 50));
    }

    @Test
    void softmaxRows() {
        assertJacobianPasses(X.softmaxRows(), random(3, 4, 2.0, 51));
    }

    @Test
    void softmaxCols() {
        assertJacobianPasses(X.softmaxCols(), random(3, 4, 2.0, 52));
    }

    @Test
    void kronWithRespectToBothFactors() {
        assertJacobianPasses(X.kron(Y), Inputs.of("X", random(2, 3, 53), "Y", random(3, 2, 54)), "X", "Y");
    }

    @Test
    void kronOfAVariableWithItself() {
        assertJacobianPasses(X.kron(X), random(2, 2, 55));
    }

    @Test
    void vec() {
        assertJacobianPasses(X.vec(), random(2, 3, 56));
    }

    @Test
    void reshape() {
        assertJacobianPasses(X.reshape(3, 4), random(2, 6, 57));
    }

    @Test
    void sum() {
        assertJacobianPasses(X.sum(), random(2, 3, 58));
    }

    @Test
    void sumRows() {
        assertJacobianPasses(X.sumRows(), random(3, 4, 59));
    }

    @Test
    void sumCols() {
        assertJacobianPasses(X.sumCols(), random(3, 4, 60));
    }

    @Test
    void dotWithRespectToBothOperands() {
        assertJacobianPasses(X.dot(Y), Inputs.of("X", random(3, 2, 61), "Y", random(3, 2, 62)), "X", "Y");
    }

    /** A two-layer network with a shared hidden layer h used twice: the sum rule over both paths. */
    @Test
    void aSharedSubexpressionContributesThroughEveryPath() {
        Expr w = Expr.variable("W");
        Expr h = w.times(Expr.constant("A", random(3, 4, 63))).tanh();
        Expr e = h.hadamard(h).plus(h.times(Expr.constant("B", random(4, 2, 64))).sumRows());
        assertJacobianPasses(e, random(2, 3, 65));
    }

    @Test
    void aDeepComposition() {
        Expr w = Expr.variable("W");
        Expr b = Expr.variable("b");
        Expr x = Expr.constant("x", random(5, 3, 66));
        Expr e = x.times(w).plus(b).sigmoid().softmaxRows().log().sumCols().transpose().kron(b).vec();
        assertJacobianPasses(e, Inputs.of("W", random(3, 2, 67), "b", random(1, 2, 68)), "W", "b");
    }

    @Test
    void aConstantExpressionHasAZeroJacobian() {
        Expr e = Expr.constant("A", random(2, 2, 69)).times(Y);
        assertJacobianPasses(e, Inputs.of("X", random(3, 1, 70), "Y", random(2, 3, 71)), "X");
    }

    /** Two variable expressions of one name are one variable: ∂vec(X + X)/∂vec X = 2I. */
    @Test
    void twoVariablesOfOneNameAreOneVariable() {
        Expr e = Expr.variable("X").plus(Expr.variable("X"));
        assertJacobianPasses(e, random(2, 2, 72));
        assertEquals(2.0, e.jacobian(random(2, 2, 73)).toDense().get(3, 3), 0);
    }
}
