package io.github.gradcheck.calculus;

import static io.github.gradcheck.testing.Matrices.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gradcheck.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** toString is a readable formula, with parentheses exactly where the grouping needs them. */
class ExprFormatTest extends QuietTest {

    private static final Expr X = Expr.variable("X");
    private static final Expr A = Expr.constant("A", random(3, 3, 1));
    private static final Expr B = Expr.constant("B", random(3, 3, 2));
    private static final Expr C = Expr.constant("C", random(3, 3, 3));

    @Test
    void traceOfAProductChain() {
        assertEquals("tr(A·X·B·Xᵀ)", A.times(X).times(B).times(X.transpose()).trace().toString());
    }

    @Test
    void logDetAndDet() {
        assertEquals("log det(X)", X.logDet().toString());
        assertEquals("det(X⁻¹)", X.inverse().det().toString());
    }

    @Test
    void softmaxOfAProduct() {
        Expr w = Expr.variable("W");
        Expr x = Expr.variable("x");
        assertEquals("softmax(W·x)", w.times(x).softmax().toString());
        assertEquals("softmaxRows(X)", X.softmaxRows().toString());
        assertEquals("softmaxCols(X)", X.softmaxCols().toString());
    }

    @Test
    void sumsInsideProductsArePutInParentheses() {
        assertEquals("(A + B)·X", A.plus(B).times(X).toString());
        assertEquals("A·X + B", A.times(X).plus(B).toString());
    }

    @Test
    void aDifferenceOnTheRightOfAMinusKeepsItsParentheses() {
        assertEquals("A − (B − C)", A.minus(B.minus(C)).toString());
        assertEquals("A − B − C", A.minus(B).minus(C).toString());
        assertEquals("A + B − C", A.plus(B.minus(C)).toString());
    }

    @Test
    void postfixOperatorsParenthesizeCompoundOperands() {
        assertEquals("(A·X)ᵀ", A.times(X).transpose().toString());
        assertEquals("(X + A)⁻¹", X.plus(A).inverse().toString());
        assertEquals("(Xᵀ)⁻¹", X.transpose().inverse().toString());
    }

    @Test
    void negationsAndScalings() {
        assertEquals("−(A + X)", A.plus(X).negate().toString());
        assertEquals("A·(−X)", A.times(X.negate()).toString());
        assertEquals("2·X", X.scale(2).toString());
        assertEquals("(-0.5)·(A + X)", A.plus(X).scale(-0.5).toString());
        assertEquals("2·X", Expr.scalar(2).times(X).toString());
    }

    @Test
    void differentProductsAreParenthesized() {
        assertEquals("(X ⊙ A)·B", X.hadamard(A).times(B).toString());
        assertEquals("X ⊙ A ⊙ B", X.hadamard(A).hadamard(B).toString());
        assertEquals("A ⊗ (X·B)", A.kron(X.times(B)).toString());
    }

    @Test
    void functionsAndReductions() {
        assertEquals("sum(square(X − A))", X.minus(A).square().sum().toString());
        assertEquals("⟨X, A⟩", X.dot(A).toString());
        assertEquals("sumRows(exp(X)) + sumCols(sigmoid(X))ᵀ",
                X.exp().sumRows().plus(X.sigmoid().sumCols().transpose()).toString());
        assertEquals("vec(tanh(X))", X.tanh().vec().toString());
        assertEquals("reshape(sqrt(X), 2×3)", X.sqrt().reshape(2, 3).toString());
        assertEquals("relu(X)", X.map("relu", v -> Math.max(0, v), v -> v > 0 ? 1 : 0).toString());
        assertEquals("reciprocal(log(X))", X.log().reciprocal().toString());
    }

    @Test
    void unnamedConstantsShowTheirValueOrShape() {
        assertEquals("[2×3]·X", Expr.constant(random(2, 3, 4)).times(X).toString());
        assertEquals("X + 1.5", X.plus(Expr.scalar(1.5)).toString());
        assertEquals("X·(-2)", X.times(Expr.scalar(-2)).toString());
    }

    /** y ← y ⊙ y, 80 times: written out, 2⁸⁰ copies of X; shown cut to 400 characters. */
    @Test
    void aFormulaIsCutToFourHundredCharacters() {
        Expr y = X;
        for (int i = 0; i < 80; i++) {
            y = y.hadamard(y);
        }
        String formula = y.toString();
        assertEquals(400, formula.length());
        assertEquals("X ⊙ X ⊙ X", formula.substring(0, 9));
        assertEquals("…", formula.substring(399));
    }
}
