package io.github.gradcheck.calculus;

import static io.github.gradcheck.testing.Matrices.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Errors say which operation, why, and name both shapes or the missing variable. */
class ExprErrorsTest extends QuietTest {

    private static final Expr X = Expr.variable("X");
    private static final DMatrixRMaj SINGULAR = Matrices.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});

    @Test
    void timesWithMismatchedInnerDimensionsNamesBothShapes() {
        Expr e = Expr.variable("W").times(Expr.variable("x"));
        Inputs at = Inputs.of("W", random(2, 4, 1), "x", random(3, 3, 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> e.evaluate(at));
        assertEquals("times: W·x needs the rows of x (3) to equal the columns of W (4): [2×4] · [3×3]",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.jacobian("W", at));
    }

    @Test
    void plusOfShapesThatDoNotBroadcastNamesBothShapes() {
        Expr e = X.plus(Expr.variable("b"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(Inputs.of("X", random(4, 3, 3), "b", random(2, 3, 4))));
        assertEquals("plus: X + b needs operands of one shape, or one of them broadcast against the other (a 1×1 "
                + "scalar, a 1×k row against n×k, an n×1 column against n×k): [4×3] + [2×3]", error.getMessage());
    }

    /** A row against a column is not broadcast to an outer sum. */
    @Test
    void hadamardOfARowAndAColumnIsRejected() {
        Expr e = X.hadamard(Expr.variable("b"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(Inputs.of("X", random(1, 3, 5), "b", random(4, 1, 6))));
        assertTrue(error.getMessage().startsWith("hadamard: X ⊙ b needs operands of one shape"), error::getMessage);
        assertTrue(error.getMessage().endsWith("[1×3] ⊙ [4×1]"), error::getMessage);
    }

    @Test
    void dotOfDifferentShapesNamesBothShapes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.dot(Expr.constant("A", random(3, 2, 7))).evaluate(random(2, 3, 8)));
        assertEquals("dot: ⟨X, A⟩ needs operands of one shape: [2×3], [3×2]", error.getMessage());
    }

    @Test
    void traceOfANonSquareMatrix() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.trace().evaluate(random(2, 3, 9)));
        assertEquals("trace: tr(X) needs a square matrix, but X is 2×3", error.getMessage());
    }

    @Test
    void inverseOfANonSquareMatrixIsAShapeError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.inverse().evaluate(random(2, 3, 10)));
        assertEquals("inverse: X⁻¹ needs a square matrix, but X is 2×3", error.getMessage());
    }

    @Test
    void inverseOfASingularMatrixIsAnArithmeticError() {
        ArithmeticException error = assertThrows(ArithmeticException.class, () -> X.inverse().evaluate(SINGULAR));
        assertTrue(error.getMessage().startsWith("inverse: X⁻¹ does not exist: X (3×3) is singular to working "
                + "precision (smallest LU pivot 0, largest "), error::getMessage);
        assertThrows(ArithmeticException.class, () -> X.inverse().jacobian(SINGULAR));
    }

    @Test
    void logDetOfASingularMatrixIsAnArithmeticError() {
        ArithmeticException error = assertThrows(ArithmeticException.class, () -> X.logDet().evaluate(SINGULAR));
        assertTrue(error.getMessage().startsWith("logDet: log det(X) is −∞: X (3×3) is singular"), error::getMessage);
    }

    /** det is defined everywhere: no error at a singular matrix. */
    @Test
    void detOfASingularMatrixIsZero() {
        assertEquals(0.0, X.det().evaluate(SINGULAR).get(0), 1e-12);
    }

    @Test
    void reshapeToTheWrongNumberOfEntries() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.reshape(5, 2).evaluate(random(3, 4, 11)));
        assertEquals("reshape: reshape(X, 5×2) needs 5×2 = 10 entries, but X is 3×4 (12 entries)", error.getMessage());
    }

    @Test
    void softmaxOfAMatrixThatIsNotAVector() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.softmax().evaluate(random(3, 4, 12)));
        assertEquals("softmax: softmax(X) needs a row or a column vector, but X is 3×4; use softmaxRows() or "
                + "softmaxCols() for a matrix", error.getMessage());
    }

    @Test
    void aMissingVariableIsNamedAndTheInputsListed() {
        Expr e = Expr.variable("W").times(X);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(Inputs.of("W", random(2, 2, 13), "b", random(1, 2, 14))));
        assertEquals("no input for the variable 'X'; the inputs are W, b", error.getMessage());
    }

    /** The variable of a Jacobian must be an input even when the expression does not depend on it. */
    @Test
    void aJacobianWithRespectToAVariableThatIsNoInput() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.square().jacobian("Y", Inputs.of("X", random(2, 2, 15))));
        assertEquals("no input for the variable 'Y'; the inputs are X", error.getMessage());
    }

    @Test
    void theSingleVariableFormsNeedExactlyOneVariable() {
        Expr two = X.plus(Expr.variable("Y"));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> two.evaluate(random(2, 2, 16)));
        assertEquals("evaluate(x) needs an expression of exactly one variable, but X + Y has 2 (X, Y); use "
                + "evaluate(…, Inputs) with named inputs", error.getMessage());
        assertThrows(IllegalStateException.class, () -> two.jacobian(random(2, 2, 17)));
        assertThrows(IllegalStateException.class, () -> Expr.scalar(1).gradient(random(1, 1, 18)));
    }

    @Test
    void aGradientNeedsAOneByOneExpression() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.square().gradient(random(2, 3, 19)));
        assertEquals("gradient: square(X) is 2×3, not 1×1; a gradient needs a scalar expression (use jacobian for a "
                + "matrix one)", error.getMessage());
    }

    @Test
    void badArgumentsWhenBuilding() {
        assertEquals("variable: the name must be a non-empty String, got \"\"",
                assertThrows(IllegalArgumentException.class, () -> Expr.variable("")).getMessage());
        assertEquals("plus: the other expression is null",
                assertThrows(IllegalArgumentException.class, () -> X.plus(null)).getMessage());
        assertEquals("constant: the matrix is empty (0×3)",
                assertThrows(IllegalArgumentException.class, () -> Expr.constant(new DMatrixRMaj(0, 3))).getMessage());
        assertEquals("scale: the number must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> X.scale(Double.NaN)).getMessage());
        assertEquals("reshape: the shape must be positive, got 0×4",
                assertThrows(IllegalArgumentException.class, () -> X.reshape(0, 4)).getMessage());
        assertEquals("map: its derivative is null",
                assertThrows(IllegalArgumentException.class, () -> X.map("f", Math::sin, null)).getMessage());
    }

    @Test
    void anEmptyInputIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> X.sum().evaluate(new DMatrixRMaj(0, 2)));
        assertEquals("the input for the variable 'X' is empty (0×2)", error.getMessage());
    }
}
