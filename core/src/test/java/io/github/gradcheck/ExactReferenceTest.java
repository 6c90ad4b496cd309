package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.inverseTranspose;
import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.plus;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.kron.Kron;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Checks against the exact derivative of a reference expression, instead of or beside finite differences. */
class ExactReferenceTest extends QuietTest {

    private static final DMatrixRMaj A = random(3, 3, 41);
    private static final DMatrixRMaj B = random(4, 4, 42);
    private static final DMatrixRMaj X0 = random(3, 4, 43);
    private static final Expr X = Expr.variable("X");
    /** f(X) = tr(A X B Xᵀ), ∇f = AᵀXBᵀ + AXB. */
    private static final Expr TRACE = Expr.constant("A", A).times(X).times(Expr.constant("B", B))
            .times(X.transpose()).trace();

    private static double trace(DMatrixRMaj x) {
        return CommonOps_DDRM.trace(mult(mult(mult(A, x), B), transpose(x)));
    }

    private static DMatrixRMaj traceGradient(DMatrixRMaj x) {
        return plus(mult(mult(transpose(A), x), transpose(B)), mult(mult(A, x), B));
    }

    @Test
    void rightGradientMatchesTheExactReference() {
        CheckResult r = GradCheck.scalar(ExactReferenceTest::trace).gradient(ExactReferenceTest::traceGradient)
                .exactly(TRACE).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        assertTrue(r.headline().contains("the exact derivative"), r::report);
        assertEquals("exact derivative of tr(A·X·B·Xᵀ)", r.facts().get("reference"), r::report);
        assertTrue(r.maxRelError() < 1e-12, r::report);
        assertEquals(2, r.evaluations(), "f is evaluated only at the point: twice, for determinism");
    }

    /**
     * An error of 1e-7 of the gradient's scale is far below what finite differences resolve (their
     * tolerance is 1e-5) but far above rounding: the exact reference catches it.
     */
    @Test
    void exactReferenceCatchesAnErrorFiniteDifferencesCannotSee() {
        CheckResult numeric = GradCheck.scalar(ExactReferenceTest::trace)
                .gradient(x -> scale(1 + 1e-7, traceGradient(x))).at(X0).check();
        assertEquals(Status.PASSED, numeric.status(), numeric::report);
        CheckResult exact = GradCheck.scalar(ExactReferenceTest::trace)
                .gradient(x -> scale(1 + 1e-7, traceGradient(x))).exactly(TRACE).at(X0).check();
        assertEquals(Status.MISMATCH, exact.status(), exact::report);
        assertEquals(Mistake.WRONG_SCALE, exact.mistake(), exact::report);
        assertTrue(exact.facts().containsKey("exact"), exact::report);
        assertTrue(exact.facts().get("tolerance").contains("1.0e-8 (rtol)"), exact::report);
        assertTrue(!exact.facts().get("tolerance").contains("FD"), exact::report);
    }

    @Test
    void transposedGradientIsDiagnosedAgainstTheExactReference() {
        DMatrixRMaj x0 = random(3, 3, 44);
        Expr f = X.logDet();
        CheckResult r = GradCheck.scalar(Matrices::logAbsDet).gradient(x -> transpose(inverseTranspose(x)))
                .exactly(f).at(x0).check();
        assertEquals(Status.MISMATCH, r.status(), r::report);
        assertEquals(Mistake.TRANSPOSED, r.mistake(), r::report);
    }

    /** With numerically(), both references are compared; the report says how the other went. */
    @Test
    void exactAndNumericTogether() {
        CheckResult both = GradCheck.scalar(ExactReferenceTest::trace).gradient(ExactReferenceTest::traceGradient)
                .exactly(TRACE).numerically().at(X0).check();
        assertEquals(Status.PASSED, both.status(), both::report);
        assertTrue(both.evaluations() > 2, "finite differences evaluate f");
        CheckResult wrong = GradCheck.scalar(ExactReferenceTest::trace).numerically()
                .gradient(x -> scale(2, traceGradient(x))).exactly(TRACE).at(X0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
        assertEquals(Mistake.WRONG_SCALE, wrong.mistake(), wrong::report);
        assertTrue(wrong.facts().get("against finite differences").startsWith("MISMATCH"), wrong::report);
    }

    /** An expression that is not f is a mistake in the test, not in the derivative: an exception. */
    @Test
    void expressionThatIsNotFIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCheck
                .scalar(ExactReferenceTest::trace).gradient(ExactReferenceTest::traceGradient)
                .exactly(TRACE.scale(2)).at(X0).check());
        assertTrue(e.getMessage().contains("does not describe f"), e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> GradCheck
                .matrix(x -> mult(A, x)).jvp((x, h) -> mult(A, h)).exactly(X.transpose()).at(X0).check());
        assertTrue(shape.getMessage().contains("4×3 at the point but F is 3×4"), shape.getMessage());
    }

    @Test
    void expressionWithTwoVariablesForOneInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCheck
                .scalar(ExactReferenceTest::trace).exactly(X.times(Expr.variable("Y")).trace()));
        assertTrue(e.getMessage().contains("X, Y"), e.getMessage());
    }

    /** The one variable of a one-input check's expression stands for X whatever its name. */
    @Test
    void singleVariableIsBoundToXWhateverItsName() {
        Expr w = Expr.variable("W");
        CheckResult r = GradCheck.scalar(x -> Matrices.sumOfSquares(x)).gradient(x -> scale(2, x))
                .exactly(w.square().sum()).at(X0).check();
        assertEquals(Status.PASSED, r.status(), r::report);
    }

    /** F(X) = X⁻¹: DF[X](H) = −X⁻¹HX⁻¹; the sign forgotten is WRONG_SIGN. */
    @Test
    void jvpOfTheInverse() {
        DMatrixRMaj x0 = random(3, 3, 45);
        CheckResult right = GradCheck.matrix(ExactReferenceTest::inverse)
                .jvp((x, h) -> scale(-1, mult(mult(inverse(x), h), inverse(x)))).exactly(X.inverse()).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult sign = GradCheck.matrix(ExactReferenceTest::inverse)
                .jvp((x, h) -> mult(mult(inverse(x), h), inverse(x))).exactly(X.inverse()).at(x0).check();
        assertEquals(Status.MISMATCH, sign.status(), sign::report);
        assertEquals(Mistake.WRONG_SIGN, sign.mistake(), sign::report);
    }

    private static DMatrixRMaj inverse(DMatrixRMaj x) {
        return transpose(inverseTranspose(x));
    }

    /** Row softmax's vjp against the exact Jacobian: the elementwise version is ELEMENTWISE_JACOBIAN. */
    @Test
    void softmaxVjpAgainstTheExactJacobian() {
        DMatrixRMaj z0 = random(3, 4, 46);
        CheckResult right = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjp)
                .exactly(X.softmaxRows()).at(z0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult elementwise = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjpAsIfElementwise).exactly(X.softmaxRows()).at(z0).check();
        assertEquals(Status.MISMATCH, elementwise.status(), elementwise::report);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, elementwise.mistake(), elementwise::report);
    }

    /** The Kronecker form and dense Jacobian forms against the exact reference. */
    @Test
    void kroneckerAndJacobianFormsAgainstTheExactReference() {
        Expr axb = Expr.constant("A", A).times(X).times(Expr.constant("B", B));
        CheckResult kron = GradCheck.matrix(x -> mult(mult(A, x), B)).kronecker(x -> Kron.of(transpose(B), A))
                .exactly(axb).at(X0).check();
        assertEquals(Status.PASSED, kron.status(), kron::report);
        CheckResult swapped = GradCheck.matrix(x -> mult(mult(A, x), B)).kronecker(x -> Kron.of(B, A))
                .exactly(axb).at(X0).check();
        assertEquals(Status.MISMATCH, swapped.status(), swapped::report);
        CheckResult dense = GradCheck.matrix(x -> mult(mult(A, x), B))
                .jacobian(x -> Kron.of(transpose(B), A).toDense()).exactly(axb).at(X0).check();
        assertEquals(Status.PASSED, dense.status(), dense::report);
    }

    /** Named inputs bind by name; an input the expression does not read has a zero derivative. */
    @Test
    void namedInputsBindByName() {
        DMatrixRMaj w0 = random(2, 3, 47);
        DMatrixRMaj b0 = random(1, 3, 48);
        Expr loss = Expr.variable("W").plus(Expr.variable("b")).square().sum();
        CheckResult r = GradCheck.scalarOf(in -> Matrices.sumOfSquares(broadcastPlus(in.get("W"), in.get("b"))))
                .gradient("W", in -> scale(2, broadcastPlus(in.get("W"), in.get("b"))))
                .gradient("b", in -> CommonOps_DDRM.sumCols(scale(2, broadcastPlus(in.get("W"), in.get("b"))), null))
                .exactly(loss).at(Inputs.of("W", w0, "b", b0)).check();
        assertEquals(Status.PASSED, r.status(), r::report);
        CheckResult batch = GradCheck.scalarOf(in -> Matrices.sumOfSquares(broadcastPlus(in.get("W"), in.get("b"))))
                .gradient("b", in -> scale(2, broadcastPlus(in.get("W"), in.get("b"))))
                .exactly(loss).at(Inputs.of("W", w0, "b", b0)).check();
        assertEquals(Status.SHAPE_MISMATCH, batch.status(), batch::report);
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, batch.mistake(), batch::report);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> GradCheck
                .scalarOf(in -> 0.0).gradient("W", in -> in.get("W")).exactly(Expr.variable("V").sum())
                .at(Inputs.of("W", w0)));
        assertTrue(unknown.getMessage().contains("'V'"), unknown.getMessage());
    }

    private static DMatrixRMaj broadcastPlus(DMatrixRMaj w, DMatrixRMaj b) {
        DMatrixRMaj out = w.copy();
        for (int i = 0; i < w.numRows; i++) {
            for (int j = 0; j < w.numCols; j++) {
                out.add(i, j, b.get(0, j));
            }
        }
        return out;
    }

    /** On a symmetric input the textbook G + Gᵀ − G∘I is recognised against the exact reference too. */
    @Test
    void symmetricGradientFormulaAgainstTheExactReference() {
        DMatrixRMaj s0 = Matrices.withCondition(3, 5, 49);
        CommonOps_DDRM.multTransB(s0, s0, s0 = s0.copy());
        DMatrixRMaj spd = s0;
        CheckResult right = GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD)
                .gradient(ExactReferenceTest::inverse).exactly(X.logDet()).at(spd).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult textbook = GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD).gradient(x -> {
            DMatrixRMaj g = scale(2, inverse(x));
            for (int i = 0; i < g.numRows; i++) {
                g.set(i, i, g.get(i, i) / 2);
            }
            return g;
        }).exactly(X.logDet()).at(spd).check();
        assertEquals(Status.MISMATCH, textbook.status(), textbook::report);
        assertEquals(Mistake.SYMMETRIC_GRADIENT_FORMULA, textbook.mistake(), textbook::report);
    }

    /** Where the reference is undefined (a singular inverse), the check is NON_FINITE, not a mismatch. */
    @Test
    void referenceUndefinedAtThePointIsNonFinite() {
        DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}});
        CheckResult r = GradCheck.matrix(x -> x.copy()).jvp((x, h) -> h.copy())
                .exactly(X.inverse().inverse()).at(singular).check();
        assertEquals(Status.NON_FINITE, r.status(), r::report);
        assertTrue(r.headline().contains("not defined at the point"), r::report);
    }

    /** Random trials with an exact reference: f(X) = ‖XXᵀ‖², ∇f = 4XXᵀX; 2XXᵀX is caught and shrunk. */
    @Test
    void trialsAgainstTheExactReference() {
        Expr gram = X.times(X.transpose()).square().sum();
        Domain domain = Domain.dims("n=1..4", "k=1..4").input("X", "n", "k", Structure.GAUSSIAN);
        TrialsResult right = GradCheck.scalar(x -> Matrices.sumOfSquares(mult(x, transpose(x))))
                .gradient(x -> scale(4, mult(mult(x, transpose(x)), x))).exactly(gram).forAll(domain).trials(20).run();
        assertTrue(right.passed(), right::report);
        assertEquals(20, right.trials());
        TrialsResult wrong = GradCheck.scalar(x -> Matrices.sumOfSquares(mult(x, transpose(x))))
                .gradient(x -> scale(2, mult(mult(x, transpose(x)), x))).exactly(gram).forAll(domain).trials(20).run();
        assertTrue(!wrong.passed(), wrong::report);
        assertEquals(Mistake.WRONG_SCALE, wrong.counterexample().orElseThrow().result().mistake(), wrong::report);
    }
}
