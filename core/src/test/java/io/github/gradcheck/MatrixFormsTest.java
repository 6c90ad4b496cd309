package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.minus;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Matrix maps (jvp, vjp, Jacobian) and named inputs: right derivatives pass, wrong ones fail. */
class MatrixFormsTest extends QuietTest {

    private static DMatrixRMaj square(DMatrixRMaj x) {
        return mult(x, x);
    }

    /** F(X) = X²: DF[X](H) = XH + HX, not 2XH (X and H need not commute). */
    @Test
    void jvpOfSquareIsXHPlusHXNotTwoXH() {
        DMatrixRMaj x0 = random(3, 3, 1);
        CheckResult right = GradCheck.matrix(MatrixFormsTest::square)
                .jvp((x, h) -> plus(mult(x, h), mult(h, x))).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.matrix(MatrixFormsTest::square)
                .jvp((x, h) -> scale(2, mult(x, h))).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertTrue(wrong.facts().get("worst entry").startsWith("∂F("), wrong::report);
    }

    /** F(X) = XXᵀ: DF*(G) = (G + Gᵀ)X; 2GX is right only for symmetric G. */
    @Test
    void vjpOfXXTransposed() {
        DMatrixRMaj x0 = random(2, 3, 2);
        CheckResult right = GradCheck.matrix(x -> mult(x, transpose(x)))
                .vjp((x, g) -> mult(plus(g, transpose(g)), x)).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.matrix(x -> mult(x, transpose(x)))
                .vjp((x, g) -> scale(2, mult(g, x))).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /** Row softmax: its VJP couples each row; differentiating it as if elementwise fails. */
    @Test
    void softmaxVjpComputedAsIfElementwiseFails() {
        DMatrixRMaj z0 = random(3, 4, 3);
        CheckResult right = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjp).at(z0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult elementwise = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjpAsIfElementwise).at(z0).check();
        assertEquals(Status.MISMATCH, elementwise.status(), elementwise::report);
    }

    /** F(X) = AX: J = I ⊗ A (vec stacks columns). The swapped A ⊗ I fails. */
    @Test
    void jacobianOfAXIsIdentityKroneckerA() {
        DMatrixRMaj a = random(2, 2, 4);
        DMatrixRMaj x0 = random(2, 3, 5);
        DMatrixRMaj right = kron(CommonOps_DDRM.identity(3), a);
        DMatrixRMaj swapped = kron(a, CommonOps_DDRM.identity(3));
        CheckResult pass = GradCheck.matrix(x -> mult(a, x)).jacobian(x -> right).at(x0).check();
        assertEquals(Status.PASSED, pass.status(), pass::report);
        assertEquals(Status.MISMATCH, GradCheck.matrix(x -> mult(a, x)).jacobian(x -> swapped).at(x0).check().status());
    }

    /** The whole Jacobian is compared: one wrong entry among 36 is found and located. */
    @Test
    void oneWrongJacobianEntryIsFoundAndLocated() {
        DMatrixRMaj a = random(2, 2, 4);
        DMatrixRMaj x0 = random(2, 3, 5);
        DMatrixRMaj j = kron(CommonOps_DDRM.identity(3), a);
        j.set(4, 5, j.get(4, 5) + 0.3);
        CheckResult r = GradCheck.matrix(x -> mult(a, x)).jacobian(x -> j).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("1 of 36", r.facts().get("failed entries"));
        // row 4 of vec F is F(0, 2); column 5 of vec X is X(1, 2)
        assertEquals("∂F(0, 2)/∂X(1, 2)", r.facts().get("worst entry"));
    }

    private static DMatrixRMaj kron(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.kron(a, b, null);
    }

    /** A vjp is called once per entry of F and a jvp once per entry of X: no dense Jacobian is built. */
    @Test
    void vjpIsCalledOncePerOutputEntryAndJvpOncePerInputEntry() {
        // plus two vjp calls with random upstream gradients, which tell a vjp that ignores G
        DMatrixRMaj a = random(4, 2, 6);
        DMatrixRMaj x0 = random(2, 5, 7);
        AtomicInteger vjpCalls = new AtomicInteger();
        AtomicInteger jvpCalls = new AtomicInteger();
        CheckResult v = GradCheck.matrix(x -> mult(a, x)).vjp((x, g) -> {
            vjpCalls.incrementAndGet();
            return mult(transpose(a), g);
        }).at(x0).check();
        CheckResult j = GradCheck.matrix(x -> mult(a, x)).jvp((x, h) -> {
            jvpCalls.incrementAndGet();
            return mult(a, h);
        }).at(x0).check();
        assertEquals(Status.PASSED, v.status(), v::report);
        assertEquals(Status.PASSED, j.status(), j::report);
        assertEquals(4 * 5 + 2, vjpCalls.get());
        assertEquals(2 * 5, jvpCalls.get());
    }

    /** A vjp that applies J instead of Jᵀ (A where Aᵀ is right, for F = AX with square A) fails. */
    @Test
    void vjpApplyingJacobianInsteadOfItsTransposeFails() {
        DMatrixRMaj a = random(3, 3, 8);
        CheckResult r = GradCheck.matrix(x -> mult(a, x)).vjp((x, g) -> mult(a, g)).at(random(3, 2, 9)).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
    }

    /** loss(W, b) = ‖XW + 1bᵀ − Y‖², with the batch X and targets Y held constant. */
    private static final DMatrixRMaj BATCH = random(5, 3, 10);
    private static final DMatrixRMaj TARGETS = random(5, 2, 11);

    private static DMatrixRMaj residual(Inputs in) {
        DMatrixRMaj out = mult(in.get("X"), in.get("W"));
        DMatrixRMaj b = in.get("b");
        for (int r = 0; r < out.numRows; r++) {
            for (int c = 0; c < out.numCols; c++) {
                out.add(r, c, b.get(0, c));
            }
        }
        return minus(out, in.get("Y"));
    }

    private static double loss(Inputs in) {
        return Matrices.sumOfSquares(residual(in));
    }

    private static DMatrixRMaj lossGradientW(Inputs in) {
        return scale(2, mult(transpose(in.get("X")), residual(in)));
    }

    private static DMatrixRMaj lossGradientB(Inputs in) {
        DMatrixRMaj r = residual(in);
        DMatrixRMaj sum = new DMatrixRMaj(1, r.numCols);
        CommonOps_DDRM.sumCols(r, sum);
        return scale(2, sum);
    }

    private static Inputs layerPoint() {
        return Inputs.of("W", random(3, 2, 12), "b", random(1, 2, 13), "X", BATCH, "Y", TARGETS);
    }

    @Test
    void namedInputsWithRightGradientsPass() {
        CheckResult r = GradCheck.scalarOf(MatrixFormsTest::loss)
                .gradient("W", MatrixFormsTest::lossGradientW)
                .gradient("b", MatrixFormsTest::lossGradientB)
                .at(layerPoint()).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertEquals("W (3×2), b (1×2)", r.facts().get("inputs"));
    }

    /** Only the wrong input's entries fail, and the report says which input it is. */
    @Test
    void aWrongGradientForOneNamedInputFailsThatInputOnly() {
        CheckResult r = GradCheck.scalarOf(MatrixFormsTest::loss)
                .gradient("W", MatrixFormsTest::lossGradientW)
                .gradient("b", in -> scale(0.5, lossGradientB(in)))
                .at(layerPoint()).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals("b (1×2)", r.facts().get("input"));
        assertEquals("W 0 of 6, b 2 of 2", r.facts().get("failed per input"));
    }

    /** A bias gradient not summed over the batch has the batch's shape: a shape mismatch naming both. */
    @Test
    void aBiasGradientNotSummedOverTheBatchIsAShapeMismatch() {
        CheckResult r = GradCheck.scalarOf(MatrixFormsTest::loss)
                .gradient("W", MatrixFormsTest::lossGradientW)
                .gradient("b", in -> scale(2, residual(in)))
                .at(layerPoint()).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status(), r::report);
        assertEquals("gradient for b is 5×2 but input b is 1×2", r.facts().get("shapes"));
    }

    /** Inputs without a derivative are held constant: f never sees them perturbed. */
    @Test
    void inputsWithoutADerivativeAreHeldConstant() {
        Inputs point = layerPoint();
        DMatrixRMaj batch = point.get("X").copy();
        CheckResult r = GradCheck.scalarOf(in -> {
            if (!org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(in.get("X"), batch, 0)) {
                throw new AssertionError("X was perturbed");
            }
            return loss(in);
        }).gradient("W", MatrixFormsTest::lossGradientW).at(point).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** F(W, b) = XW + 1bᵀ with a vjp for W and a jvp for b. */
    @Test
    void namedMatrixMapWithAVjpAndAJvp() {
        java.util.function.Function<Inputs, DMatrixRMaj> layer = in -> plus(residual(in), in.get("Y"));
        CheckResult right = GradCheck.matrixOf(layer)
                .vjp("W", (in, g) -> mult(transpose(in.get("X")), g))
                .jvp("b", (in, h) -> {
                    DMatrixRMaj out = new DMatrixRMaj(BATCH.numRows, h.numCols);
                    for (int r = 0; r < out.numRows; r++) {
                        for (int c = 0; c < out.numCols; c++) {
                            out.set(r, c, h.get(0, c));
                        }
                    }
                    return out;
                })
                .at(layerPoint()).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.matrixOf(layer)
                .vjp("W", (in, g) -> mult(transpose(in.get("X")), g))
                .jvp("b", (in, h) -> new DMatrixRMaj(BATCH.numRows, h.numCols))
                .at(layerPoint()).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertEquals("b (1×2)", wrong.facts().get("input"));
    }

    /** A jvp or hvp may return its direction itself (the derivative of the identity is H ↦ H). */
    @Test
    void productReturningItsDirectionItselfIsRead() {
        DMatrixRMaj x0 = random(2, 3, 21);
        CheckResult jvp = GradCheck.matrix(x -> x.copy()).jvp((x, h) -> h).at(x0).check();
        assertEquals(Status.PASSED, jvp.status(), jvp::report);
        CheckResult hvp = GradCheck.scalar(x -> 0.5 * Matrices.sumOfSquares(x)).gradient(x -> x.copy())
                .hvp((x, v) -> v).at(x0).check();
        assertEquals(Status.PASSED, hvp.status(), hvp::report);
        CheckResult wrong = GradCheck.matrix(x -> scale(2, x)).jvp((x, h) -> h).at(x0).check();
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
    }
}
