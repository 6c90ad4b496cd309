package io.github.gradcheck.calculus;

import static io.github.gradcheck.calculus.JacobianAssertions.assertMatrixEquals;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.LinearMap;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Values: what each operation computes, evaluated once per node, without touching inputs or constants. */
class ExprEvaluationTest extends QuietTest {

    private static final Expr X = Expr.variable("X");
    private static final double TOL = 1e-14;

    @Test
    void sumRowsIsTheColumnOfRowSumsAndSumColsTheRowOfColumnSums() {
        DMatrixRMaj x = random(4, 3, 1);
        assertMatrixEquals(CommonOps_DDRM.sumRows(x, null), X.sumRows().evaluate(x), TOL);
        assertMatrixEquals(CommonOps_DDRM.sumCols(x, null), X.sumCols().evaluate(x), TOL);
        assertEquals(4, X.sumRows().evaluate(x).numRows);
        assertEquals(3, X.sumCols().evaluate(x).numCols);
        assertEquals(CommonOps_DDRM.elementSum(x), X.sum().evaluate(x).get(0), TOL);
    }

    @Test
    void aRowIsAddedToEveryRowAndAColumnToEveryColumn() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        DMatrixRMaj row = new DMatrixRMaj(new double[][] {{10, 20}});
        DMatrixRMaj column = new DMatrixRMaj(new double[][] {{100}, {200}, {300}});
        Expr b = Expr.variable("b");
        assertArrayEquals(new double[] {11, 22, 13, 24, 15, 26},
                X.plus(b).evaluate(Inputs.of("X", x, "b", row)).data, 0);
        assertArrayEquals(new double[] {101, 102, 203, 204, 305, 306},
                b.plus(X).evaluate(Inputs.of("X", x, "b", column)).data, 0);
        assertArrayEquals(new double[] {-9, -8, -7, -6, -5, -4},
                X.minus(Expr.scalar(10)).evaluate(x).data, 0);
        assertArrayEquals(new double[] {10, 40, 30, 80, 50, 120},
                X.hadamard(b).evaluate(Inputs.of("X", x, "b", row)).data, 0);
    }

    @Test
    void reshapeAndVecKeepTheColumnMajorOrder() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, X.vec().evaluate(x).data, 0);
        // vec order 1, 4, 2, 5, 3, 6 refilled as a 3×2 column by column
        assertArrayEquals(new double[] {1, 5, 4, 3, 2, 6}, X.reshape(3, 2).evaluate(x).data, 0);
    }

    @Test
    void timesByAOneByOneMatrixScales() {
        DMatrixRMaj x = random(2, 3, 2);
        DMatrixRMaj three = Matrices.scale(3, x);
        assertMatrixEquals(three, Expr.scalar(3).times(X).evaluate(x), TOL);
        assertMatrixEquals(three, X.times(Expr.scalar(3)).evaluate(x), TOL);
    }

    @Test
    void kronMatchesEjml() {
        DMatrixRMaj a = random(2, 3, 3);
        DMatrixRMaj b = random(3, 2, 4);
        assertMatrixEquals(CommonOps_DDRM.kron(a, b, null), X.kron(Expr.constant("B", b)).evaluate(a), TOL);
    }

    @Test
    void softmaxRowsAndColsSumToOne() {
        DMatrixRMaj z = random(3, 4, 50.0, 5);
        DMatrixRMaj rows = X.softmaxRows().evaluate(z);
        DMatrixRMaj cols = X.softmaxCols().evaluate(z);
        assertMatrixEquals(Matrices.softmaxRows(z), rows, TOL);
        for (int r = 0; r < 3; r++) {
            assertEquals(1.0, CommonOps_DDRM.sumRows(rows, null).get(r), 1e-14);
        }
        for (int c = 0; c < 4; c++) {
            assertEquals(1.0, CommonOps_DDRM.sumCols(cols, null).get(c), 1e-14);
        }
    }

    @Test
    void detLogDetInverseAndTraceMatchEjml() {
        DMatrixRMaj x = Matrices.withCondition(4, 10, 6);
        assertEquals(CommonOps_DDRM.det(x), X.det().evaluate(x).get(0), 1e-14);
        assertEquals(Math.log(Math.abs(CommonOps_DDRM.det(x))), X.logDet().evaluate(x).get(0), 1e-12);
        DMatrixRMaj inverse = x.copy();
        CommonOps_DDRM.invert(inverse);
        assertMatrixEquals(inverse, X.inverse().evaluate(x), 1e-12);
        assertEquals(CommonOps_DDRM.trace(x), X.trace().evaluate(x).get(0), TOL);
    }

    @Test
    void sigmoidDoesNotOverflow() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-800, 0, 800}});
        assertArrayEquals(new double[] {0, 0.5, 1}, X.sigmoid().evaluate(x).data, 0);
    }

    /** h = exp(X) is used three times but evaluated, and differentiated, once per call. */
    @Test
    void aSharedSubexpressionIsEvaluatedOncePerCall() {
        AtomicInteger values = new AtomicInteger();
        AtomicInteger slopes = new AtomicInteger();
        Expr h = X.map("counted", v -> {
            values.incrementAndGet();
            return Math.exp(v);
        }, v -> {
            slopes.incrementAndGet();
            return Math.exp(v);
        });
        Expr e = h.hadamard(h).plus(h).sum();
        DMatrixRMaj x = random(2, 3, 7);
        e.evaluate(x);
        assertEquals(6, values.get());
        values.set(0);
        e.gradient(x);
        assertEquals(6, values.get());
        assertEquals(6, slopes.get());
    }

    /**
     * y ← tanh(y ⊙ y + y), 60 times: 2⁶⁰ paths from the result to X, but the chain rule visits each
     * node once, so the gradient is quick and every local map is built once.
     */
    @Test
    void deeplySharedExpressionsAreDifferentiatedOncePerNode() {
        AtomicInteger slopes = new AtomicInteger();
        Expr y = X;
        for (int i = 0; i < 60; i++) {
            y = y.hadamard(y).plus(y).map("t", Math::tanh, v -> {
                slopes.incrementAndGet();
                double t = Math.tanh(v);
                return 1 - t * t;
            });
        }
        DMatrixRMaj x = random(2, 2, 0.3, 8);
        DMatrixRMaj g = y.sum().gradient(x);
        assertEquals(60 * 4, slopes.get());
        assertTrue(CommonOps_DDRM.elementMaxAbs(g) > 0);
        LinearMap j = y.jacobian(x);
        assertMatrixEquals(Matrices.transpose(j.toDense()), j.transpose().toDense(), 1e-12);
    }

    @Test
    void constantsAreCopied() {
        DMatrixRMaj a = random(2, 2, 9);
        Expr e = Expr.constant("A", a).times(X);
        DMatrixRMaj x = random(2, 2, 10);
        DMatrixRMaj before = e.evaluate(x);
        a.set(0, 0, 1e6);
        assertMatrixEquals(before, e.evaluate(x), 0);
    }

    @Test
    void inputsAreNotModifiedAndResultsAreNewMatrices() {
        DMatrixRMaj x = random(3, 3, 11);
        DMatrixRMaj copy = x.copy();
        Expr e = X.times(X).inverse().plus(X).logDet();
        e.evaluate(x);
        e.gradient(x);
        e.jacobian(x).toDense();
        assertMatrixEquals(copy, x, 0);
        DMatrixRMaj value = X.evaluate(x);
        assertNotSame(x, value);
        value.set(0, 0, 42);
        assertMatrixEquals(copy, x, 0);
    }

    /** Every operation returns a new expression; the operands do not change. */
    @Test
    void expressionsAreImmutable() {
        Expr base = X.times(Expr.variable("W"));
        Expr derived = base.plus(Expr.variable("b")).sigmoid();
        assertEquals("X·W", base.toString());
        assertEquals(List.of("X", "W"), List.copyOf(base.variables()));
        assertEquals(List.of("X", "W", "b"), List.copyOf(derived.variables()));
        assertThrows(UnsupportedOperationException.class, () -> derived.variables().add("Z"));
    }

    @Test
    void aVariableOnlyInTheInputsHasAZeroJacobianAndGradient() {
        Expr e = X.square().sum();
        Inputs at = Inputs.of("X", random(2, 2, 12), "Y", random(3, 1, 13));
        LinearMap j = e.jacobian("Y", at);
        assertEquals(1, j.rows());
        assertEquals(3, j.cols());
        assertEquals(0, CommonOps_DDRM.elementMaxAbs(j.toDense()));
        assertMatrixEquals(new DMatrixRMaj(3, 1), e.gradient("Y", at), 0);
    }

    @Test
    void theJacobianOfAVariableIsTheIdentity() {
        DMatrixRMaj x = random(2, 3, 14);
        assertMatrixEquals(CommonOps_DDRM.identity(6), X.jacobian(x).toDense(), 0);
        assertMatrixEquals(Matrices.mult(CommonOps_DDRM.identity(6), io.github.gradcheck.kron.Vec.vec(x)),
                X.jacobian(x).transpose().apply(io.github.gradcheck.kron.Vec.vec(x)), 0);
    }

    @Test
    void theGradientHasTheShapeOfTheVariable() {
        DMatrixRMaj a = random(3, 4, 15);
        DMatrixRMaj g = Expr.constant("A", a).dot(X).gradient(random(3, 4, 16));
        assertMatrixEquals(a, g, 0);
        assertEquals(3, mult(a, Matrices.transpose(g)).numRows);
    }

    /** s·X at s = ∞: the value and the Jacobian are non-finite, which is no reason to throw. */
    @Test
    void anInfiniteScalarFactorGivesANonFiniteJacobianWithoutAnError() {
        Expr e = Expr.variable("s").times(X);
        Inputs at = Inputs.of("s", new DMatrixRMaj(new double[][] {{Double.POSITIVE_INFINITY}}), "X", random(2, 2, 17));
        DMatrixRMaj j = e.jacobian("X", at).toDense();
        assertEquals(Double.POSITIVE_INFINITY, Math.abs(j.get(0, 0)));
    }
}
