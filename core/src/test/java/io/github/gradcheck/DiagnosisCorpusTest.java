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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A labelled corpus: wrong derivatives across the forms, each with the mistake that must be
 * named (UNKNOWN where no label applies), and right derivatives, which must pass with NONE.
 */
class DiagnosisCorpusTest extends QuietTest {

    private record Labelled(String name, Mistake mistake, Supplier<CheckResult> check) {
    }

    private static final DMatrixRMaj A3 = random(3, 3, 1);
    private static final DMatrixRMaj A23 = random(2, 3, 2);
    private static final DMatrixRMaj B4 = random(4, 1, 3);
    private static final DMatrixRMaj A43 = random(4, 3, 4);
    private static final DMatrixRMaj X33 = random(3, 3, 5);
    private static final DMatrixRMaj X32 = random(3, 2, 6);
    private static final DMatrixRMaj Z = random(3, 4, 7);
    private static final DMatrixRMaj S0;

    static {
        DMatrixRMaj m = random(3, 3, 8);
        S0 = scale(0.5, plus(m, transpose(m)));
        for (int i = 0; i < 3; i++) {
            S0.add(i, i, 3);
        }
    }

    private static double traceAX(DMatrixRMaj x) {
        return CommonOps_DDRM.trace(mult(A3, x));
    }

    private static double leastSquares(DMatrixRMaj x) {
        return Matrices.sumOfSquares(minus(mult(A43, x), B4));
    }

    private static DMatrixRMaj leastSquaresGradient(DMatrixRMaj x) {
        return scale(2, mult(transpose(A43), minus(mult(A43, x), B4)));
    }

    private static double smooth(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += Math.sin(x.data[i]) * (i + 1);
        }
        return s + CommonOps_DDRM.trace(mult(A3, x));
    }

    private static DMatrixRMaj smoothGradient(DMatrixRMaj x) {
        DMatrixRMaj g = transpose(A3);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] += Math.cos(x.data[i]) * (i + 1);
        }
        return g;
    }

    /** Rows of softmax: elementwise Jacobian blocks diag(s∘(1−s)), a (rows·cols)² matrix in vec layout. */
    private static DMatrixRMaj softmaxJacobian(DMatrixRMaj z, boolean elementwise) {
        DMatrixRMaj s = Matrices.softmaxRows(z);
        int n = z.numRows;
        int k = z.numCols;
        DMatrixRMaj j = new DMatrixRMaj(n * k, n * k);
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double v = (a == b ? s.get(r, a) : 0) - (elementwise && a != b ? 0 : s.get(r, a) * s.get(r, b));
                    j.set(a * n + r, b * n + r, v);
                }
            }
        }
        return j;
    }

    private static DMatrixRMaj rowNormalize(DMatrixRMaj x) {
        DMatrixRMaj y = x.copy();
        for (int r = 0; r < y.numRows; r++) {
            double norm = 0;
            for (int c = 0; c < y.numCols; c++) {
                norm += y.get(r, c) * y.get(r, c);
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < y.numCols; c++) {
                y.set(r, c, y.get(r, c) / norm);
            }
        }
        return y;
    }

    /** d(x/‖x‖) = (I − yyᵀ)h/‖x‖ per row; "elementwise" keeps only 1/‖x‖ − yᵢ²/‖x‖ on the diagonal. */
    private static DMatrixRMaj rowNormalizeJvp(DMatrixRMaj x, DMatrixRMaj h, boolean elementwise) {
        DMatrixRMaj y = rowNormalize(x);
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int r = 0; r < x.numRows; r++) {
            double norm = 0;
            double dot = 0;
            for (int c = 0; c < x.numCols; c++) {
                norm += x.get(r, c) * x.get(r, c);
                dot += y.get(r, c) * h.get(r, c);
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < x.numCols; c++) {
                double v = elementwise ? (1 - y.get(r, c) * y.get(r, c)) * h.get(r, c) : h.get(r, c) - y.get(r, c) * dot;
                out.set(r, c, v / norm);
            }
        }
        return out;
    }

    private static List<Labelled> wrong() {
        List<Labelled> list = new ArrayList<>();
        // ---- gradients
        list.add(new Labelled("tr(AX): A instead of Aᵀ", Mistake.TRANSPOSED,
                () -> GradCheck.scalar(DiagnosisCorpusTest::traceAX).gradient(x -> A3.copy()).at(X33).check()));
        list.add(new Labelled("tr(AX), X 3×2 after A 2×3: A (2×3) instead of Aᵀ", Mistake.TRANSPOSED,
                () -> GradCheck.scalar(x -> CommonOps_DDRM.trace(mult(A23, x))).gradient(x -> A23.copy()).at(X32).check()));
        list.add(new Labelled("smooth f: gradient transposed", Mistake.TRANSPOSED,
                () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(x -> transpose(smoothGradient(x))).at(X33).check()));
        list.add(new Labelled("least squares: missing 2", Mistake.WRONG_SCALE,
                () -> GradCheck.scalar(DiagnosisCorpusTest::leastSquares).gradient(x -> scale(0.5, leastSquaresGradient(x)))
                        .at(random(3, 1, 9)).check()));
        list.add(new Labelled("least squares: mean over 4 rows instead of sum", Mistake.WRONG_SCALE,
                () -> GradCheck.scalar(DiagnosisCorpusTest::leastSquares).gradient(x -> scale(0.25, leastSquaresGradient(x)))
                        .at(random(3, 1, 10)).check()));
        list.add(new Labelled("least squares: an extra 2", Mistake.WRONG_SCALE,
                () -> GradCheck.scalar(DiagnosisCorpusTest::leastSquares).gradient(x -> scale(2, leastSquaresGradient(x)))
                        .at(random(3, 1, 11)).check()));
        list.add(new Labelled("least squares: sign flipped", Mistake.WRONG_SIGN,
                () -> GradCheck.scalar(DiagnosisCorpusTest::leastSquares).gradient(x -> scale(-1, leastSquaresGradient(x)))
                        .at(random(3, 1, 12)).check()));
        list.add(new Labelled("smooth f: sign flipped", Mistake.WRONG_SIGN,
                () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(x -> scale(-1, smoothGradient(x))).at(X33).check()));
        list.add(new Labelled("smooth f: 1% off everywhere", Mistake.WRONG_SCALE,
                () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(x -> scale(1.01, smoothGradient(x))).at(X33).check()));
        list.add(new Labelled("xᵀAx with A nonsymmetric: 2Ax", Mistake.UNKNOWN,
                () -> GradCheck.scalar(x -> CommonOps_DDRM.dot(x, mult(A3, x))).gradient(x -> scale(2, mult(A3, x)))
                        .at(random(3, 1, 13)).check()));
        list.add(new Labelled("log det: X⁻¹ instead of X⁻ᵀ", Mistake.TRANSPOSED,
                () -> GradCheck.scalar(Matrices::logAbsDet).gradient(x -> transpose(Matrices.inverseTranspose(x)))
                        .at(Matrices.withCondition(3, 10, 14)).check()));
        list.add(new Labelled("log det: −X⁻ᵀ", Mistake.WRONG_SIGN,
                () -> GradCheck.scalar(Matrices::logAbsDet).gradient(x -> scale(-1, Matrices.inverseTranspose(x)))
                        .at(Matrices.withCondition(3, 10, 15)).check()));
        list.add(new Labelled("smooth f: one entry wrong", Mistake.UNKNOWN,
                () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(x -> {
                    DMatrixRMaj g = smoothGradient(x);
                    g.add(1, 2, 0.7);
                    return g;
                }).at(X33).check()));
        list.add(new Labelled("smooth f: gradient of another function", Mistake.UNKNOWN,
                () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(x -> map(x, Math::cos)).at(X33).check()));
        list.add(new Labelled("tr(AS) on symmetric S: G + Gᵀ − G∘I", Mistake.SYMMETRIC_GRADIENT_FORMULA,
                () -> GradCheck.scalar(DiagnosisCorpusTest::traceAX).structure(Structure.SYMMETRIC)
                        .gradient(s -> {
                            DMatrixRMaj g = transpose(A3);
                            DMatrixRMaj f = plus(g, transpose(g));
                            for (int i = 0; i < 3; i++) {
                                f.add(i, i, -g.get(i, i));
                            }
                            return f;
                        }).at(S0).check()));
        list.add(new Labelled("log det on SPD: 2S⁻¹ − S⁻¹∘I", Mistake.SYMMETRIC_GRADIENT_FORMULA,
                () -> GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD).gradient(s -> {
                    DMatrixRMaj inv = Matrices.inverseTranspose(s);
                    DMatrixRMaj f = scale(2, inv);
                    for (int i = 0; i < 3; i++) {
                        f.add(i, i, -inv.get(i, i));
                    }
                    return f;
                }).at(S0).check()));
        list.add(new Labelled("log det on SPD: −S⁻¹", Mistake.WRONG_SIGN,
                () -> GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD)
                        .gradient(s -> scale(-1, Matrices.inverseTranspose(s))).at(S0).check()));
        // ---- named inputs, broadcast biases
        list.add(new Labelled("bias gradient not summed over the batch", Mistake.NOT_SUMMED_OVER_BATCH,
                () -> linear().gradient("W", DiagnosisCorpusTest::gW).gradient("b", in -> scale(2, residual(in)))
                        .at(layer()).check()));
        list.add(new Labelled("column bias gradient not summed", Mistake.NOT_SUMMED_OVER_BATCH,
                () -> GradCheck.scalarOf(in -> Matrices.sumOfSquares(plus(in.get("Y"), broadcastColumn(in.get("c"), 3))))
                        .gradient("c", in -> scale(2, plus(in.get("Y"), broadcastColumn(in.get("c"), 3))))
                        .at(Inputs.of("Y", random(4, 3, 16), "c", random(4, 1, 17))).check()));
        list.add(new Labelled("bias gradient of the batch's shape, and wrong", Mistake.UNKNOWN,
                () -> linear().gradient("W", DiagnosisCorpusTest::gW).gradient("b", in -> scale(3, residual(in)))
                        .at(layer()).check()));
        list.add(new Labelled("weights gradient transposed (W square)", Mistake.TRANSPOSED,
                () -> square().gradient("W", in -> transpose(squareGW(in))).at(squareLayer()).check()));
        list.add(new Labelled("only the bias off by 2", Mistake.WRONG_SCALE,
                () -> linear().gradient("W", DiagnosisCorpusTest::gW).gradient("b", in -> scale(0.5, gb(in)))
                        .at(layer()).check()));
        list.add(new Labelled("gradient of the wrong shape, not transposed", Mistake.UNKNOWN,
                () -> GradCheck.scalar(DiagnosisCorpusTest::traceAX).gradient(x -> new DMatrixRMaj(2, 2)).at(X33).check()));
        // ---- matrix maps
        list.add(new Labelled("softmax vjp as if elementwise", Mistake.ELEMENTWISE_JACOBIAN,
                () -> GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjpAsIfElementwise).at(Z).check()));
        list.add(new Labelled("softmax Jacobian as if elementwise", Mistake.ELEMENTWISE_JACOBIAN,
                () -> GradCheck.matrix(Matrices::softmaxRows).jacobian(z -> softmaxJacobian(z, true)).at(Z).check()));
        list.add(new Labelled("row normalization jvp as if elementwise", Mistake.ELEMENTWISE_JACOBIAN,
                () -> GradCheck.matrix(DiagnosisCorpusTest::rowNormalize).jvp((x, h) -> rowNormalizeJvp(x, h, true))
                        .at(Z).check()));
        list.add(new Labelled("AX vjp applying A instead of Aᵀ", Mistake.TRANSPOSED,
                () -> GradCheck.matrix(x -> mult(A3, x)).vjp((x, g) -> mult(A3, g)).at(random(3, 3, 18)).check()));
        list.add(new Labelled("AX Jacobian A ⊗ I instead of I ⊗ A", Mistake.UNKNOWN,
                () -> GradCheck.matrix(x -> mult(A3, x)).jacobian(x -> CommonOps_DDRM.kron(A3, CommonOps_DDRM.identity(3), null))
                        .at(X33).check()));
        list.add(new Labelled("X² jvp returning (XH + HX)ᵀ", Mistake.TRANSPOSED,
                () -> GradCheck.matrix(x -> mult(x, x)).jvp((x, h) -> transpose(plus(mult(x, h), mult(h, x)))).at(X33).check()));
        list.add(new Labelled("X² jvp 2XH", Mistake.UNKNOWN,
                () -> GradCheck.matrix(x -> mult(x, x)).jvp((x, h) -> scale(2, mult(x, h))).at(X33).check()));
        list.add(new Labelled("X² vjp with a flipped sign", Mistake.WRONG_SIGN,
                () -> GradCheck.matrix(x -> mult(x, x)).vjp((x, g) -> scale(-1, plus(mult(g, transpose(x)), mult(transpose(x), g))))
                        .at(X33).check()));
        list.add(new Labelled("XXᵀ vjp missing a factor 2 (G symmetric part)", Mistake.WRONG_SCALE,
                () -> GradCheck.matrix(x -> mult(x, transpose(x))).vjp((x, g) -> scale(0.5, mult(plus(g, transpose(g)), x)))
                        .at(X32).check()));
        list.add(new Labelled("vjp of the transposed shape (XA, A 2×3)", Mistake.TRANSPOSED,
                () -> GradCheck.matrix(x -> mult(x, A23)).vjp((x, g) -> transpose(mult(g, transpose(A23)))).at(X32).check()));
        list.add(new Labelled("jvp of the transposed shape", Mistake.TRANSPOSED,
                () -> GradCheck.matrix(x -> mult(x, A23)).jvp((x, h) -> transpose(mult(h, A23))).at(X32).check()));
        list.add(new Labelled("Jacobian given transposed (non-square)", Mistake.TRANSPOSED,
                () -> GradCheck.matrix(x -> mult(A23, x)).jacobian(x -> transpose(CommonOps_DDRM.kron(CommonOps_DDRM.identity(2), A23, null)))
                        .at(random(3, 2, 19)).check()));
        list.add(new Labelled("tanh(X) jvp missing 1 − t²", Mistake.UNKNOWN,
                () -> GradCheck.matrix(x -> map(x, Math::tanh)).jvp((x, h) -> h.copy()).at(X33).check()));
        list.add(new Labelled("relu(X) + X² jvp scaled by 3", Mistake.WRONG_SCALE,
                () -> GradCheck.matrix(x -> map(x, v -> 2 * v + v * v * v)).jvp((x, h) -> {
                    DMatrixRMaj d = new DMatrixRMaj(h.numRows, h.numCols);
                    for (int i = 0; i < d.getNumElements(); i++) {
                        d.data[i] = 3 * (2 + 3 * x.data[i] * x.data[i]) * h.data[i];
                    }
                    return d;
                }).at(X33).check()));
        return list;
    }

    private static List<Labelled> right() {
        List<Labelled> list = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            DMatrixRMaj x = random(3, 3, 100 + seed);
            DMatrixRMaj x1 = random(3, 1, 200 + seed);
            DMatrixRMaj z = random(2, 3, 300 + seed);
            list.add(new Labelled("tr(AX) #" + seed, Mistake.NONE,
                    () -> GradCheck.scalar(DiagnosisCorpusTest::traceAX).gradient(y -> transpose(A3)).at(x).check()));
            list.add(new Labelled("least squares #" + seed, Mistake.NONE,
                    () -> GradCheck.scalar(DiagnosisCorpusTest::leastSquares).gradient(DiagnosisCorpusTest::leastSquaresGradient)
                            .at(x1).check()));
            list.add(new Labelled("smooth f #" + seed, Mistake.NONE,
                    () -> GradCheck.scalar(DiagnosisCorpusTest::smooth).gradient(DiagnosisCorpusTest::smoothGradient).at(x).check()));
            list.add(new Labelled("softmax vjp #" + seed, Mistake.NONE,
                    () -> GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjp).at(z).check()));
            list.add(new Labelled("X² jvp #" + seed, Mistake.NONE,
                    () -> GradCheck.matrix(y -> mult(y, y)).jvp((y, h) -> plus(mult(y, h), mult(h, y))).at(x).check()));
            list.add(new Labelled("linear layer #" + seed, Mistake.NONE,
                    () -> linear().gradient("W", DiagnosisCorpusTest::gW).gradient("b", DiagnosisCorpusTest::gb).at(layer()).check()));
        }
        list.add(new Labelled("softmax Jacobian", Mistake.NONE,
                () -> GradCheck.matrix(Matrices::softmaxRows).jacobian(z -> softmaxJacobian(z, false)).at(Z).check()));
        list.add(new Labelled("row normalization jvp", Mistake.NONE,
                () -> GradCheck.matrix(DiagnosisCorpusTest::rowNormalize).jvp((x, h) -> rowNormalizeJvp(x, h, false)).at(Z).check()));
        list.add(new Labelled("log det on SPD", Mistake.NONE,
                () -> GradCheck.scalar(Matrices::logAbsDet).structure(Structure.SPD).gradient(Matrices::inverseTranspose)
                        .at(S0).check()));
        return list;
    }

    @TestFactory
    Stream<DynamicTest> everyWrongDerivativeGetsItsLabel() {
        List<Labelled> corpus = wrong();
        assertTrue(corpus.size() >= 30, "at least 30 wrong derivatives: " + corpus.size());
        return corpus.stream().map(l -> DynamicTest.dynamicTest(l.name, () -> {
            CheckResult r = l.check.get();
            assertTrue(!r.passed(), r::report);
            assertEquals(l.mistake, r.mistake(), r::report);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRightDerivativePassesWithNoMistake() {
        List<Labelled> corpus = right();
        assertTrue(corpus.size() >= 30, "at least 30 right derivatives: " + corpus.size());
        return corpus.stream().map(l -> DynamicTest.dynamicTest(l.name, () -> {
            CheckResult r = l.check.get();
            assertEquals(Status.PASSED, r.status(), r::report);
            assertEquals(Mistake.NONE, r.mistake());
        }));
    }

    // ---- a linear layer loss ‖XW + 1bᵀ − Y‖², X 5×3, W 3×2, b 1×2

    private static final DMatrixRMaj BATCH = random(5, 3, 20);
    private static final DMatrixRMaj TARGET = random(5, 2, 21);

    private static Inputs layer() {
        return Inputs.of("W", random(3, 2, 22), "b", random(1, 2, 23));
    }

    private static DMatrixRMaj residual(Inputs in) {
        DMatrixRMaj out = mult(BATCH, in.get("W"));
        DMatrixRMaj b = in.get("b");
        for (int r = 0; r < out.numRows; r++) {
            for (int c = 0; c < out.numCols; c++) {
                out.add(r, c, b.get(0, c));
            }
        }
        return minus(out, TARGET);
    }

    private static ScalarOfCheck linear() {
        return GradCheck.scalarOf(in -> Matrices.sumOfSquares(residual(in)));
    }

    private static DMatrixRMaj gW(Inputs in) {
        return scale(2, mult(transpose(BATCH), residual(in)));
    }

    private static DMatrixRMaj gb(Inputs in) {
        return scale(2, CommonOps_DDRM.sumCols(residual(in), null));
    }

    private static Inputs squareLayer() {
        return Inputs.of("W", random(3, 3, 24));
    }

    private static ScalarOfCheck square() {
        DMatrixRMaj x = random(4, 3, 25);
        DMatrixRMaj c = random(4, 3, 26);
        return GradCheck.scalarOf(in -> Matrices.inner(c, mult(x, in.get("W"))));
    }

    /** ∇_W ⟨C, XW⟩ = XᵀC with the same X and C as {@link #square()}. */
    private static DMatrixRMaj squareGW(Inputs in) {
        return mult(transpose(random(4, 3, 25)), random(4, 3, 26));
    }

    private static DMatrixRMaj broadcastColumn(DMatrixRMaj c, int cols) {
        DMatrixRMaj out = new DMatrixRMaj(c.numRows, cols);
        for (int r = 0; r < c.numRows; r++) {
            for (int j = 0; j < cols; j++) {
                out.set(r, j, c.get(r, 0));
            }
        }
        return out;
    }

    private static DMatrixRMaj map(DMatrixRMaj x, java.util.function.DoubleUnaryOperator op) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            y.data[i] = op.applyAsDouble(x.data[i]);
        }
        return y;
    }
}
