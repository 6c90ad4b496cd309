package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The report says where a confined error lives and, in its headline, what to do. */
class DiagnosisReportTest extends QuietTest {

    private static final DMatrixRMaj A = random(3, 3, 1);
    private static final DMatrixRMaj X = random(3, 3, 2);

    private static CheckResult traceWithGradient(Consumer<DMatrixRMaj> spoil) {
        return GradCheck.scalar(x -> CommonOps_DDRM.trace(mult(A, x))).gradient(x -> {
            DMatrixRMaj g = transpose(A);
            spoil.accept(g);
            return g;
        }).at(X).check();
    }

    @Test
    void aSingleWrongEntryIsLocated() {
        CheckResult r = traceWithGradient(g -> g.add(1, 2, 0.5));
        assertEquals("only entry (1, 2)", r.facts().get("where"));
        assertTrue(r.headline().endsWith("(only entry (1, 2))"), r.headline());
        assertEquals(Mistake.UNKNOWN, r.mistake());
    }

    @Test
    void aWrongDiagonalIsLocated() {
        CheckResult r = traceWithGradient(g -> {
            for (int i = 0; i < 3; i++) {
                g.add(i, i, 0.5);
            }
        });
        assertEquals("the diagonal", r.facts().get("where"));
    }

    @Test
    void aWrongRowOrColumnIsLocated() {
        assertEquals("row 1", traceWithGradient(g -> {
            for (int j = 0; j < 3; j++) {
                g.add(1, j, 0.5);
            }
        }).facts().get("where"));
        assertEquals("columns 0, 2", traceWithGradient(g -> {
            for (int i = 0; i < 3; i++) {
                g.add(i, 0, 0.5);
                g.add(i, 2, -0.5);
            }
        }).facts().get("where"));
    }

    @Test
    void aTransposedGradientIsWrongOffTheDiagonalAndTheHeadlineSaysToTransposeIt() {
        CheckResult r = GradCheck.scalar(x -> CommonOps_DDRM.trace(mult(A, x))).gradient(x -> A.copy()).at(X).check();
        assertEquals(Mistake.TRANSPOSED, r.mistake());
        assertEquals("every entry off the diagonal (the diagonal is right)", r.facts().get("where"));
        assertTrue(r.headline().contains("transpose of the right one: return its transpose"), r.headline());
    }

    @Test
    void oneWrongInputOfSeveralIsNamed() {
        CheckResult r = GradCheck.scalarOf(in -> CommonOps_DDRM.trace(mult(A, in.get("W"))) + CommonOps_DDRM.elementSum(in.get("b")))
                .gradient("W", in -> transpose(A))
                .gradient("b", in -> {
                    DMatrixRMaj g = new DMatrixRMaj(1, 3);
                    CommonOps_DDRM.fill(g, 2);
                    return g;
                }).at(Inputs.of("W", X, "b", random(1, 3, 3))).check();
        assertEquals("only b (the others match)", r.facts().get("wrong inputs"));
        assertEquals(Mistake.WRONG_SCALE, r.mistake());
        assertEquals(2.0, r.scaleFactor().orElseThrow(), 1e-6);
        assertTrue(r.headline().contains("multiply it by 0.5"), r.headline());
    }

    @Test
    void theElementwiseHeadlineExplainsSoftmax() {
        CheckResult r = GradCheck.matrix(Matrices::softmaxRows).vjp(Matrices::softmaxRowsVjpAsIfElementwise).at(random(2, 3, 4)).check();
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, r.mistake());
        assertTrue(r.headline().contains("diag(s) − ssᵀ"), r.headline());
    }

    @Test
    void aBatchShapedBiasGradientSaysToSumIt() {
        CheckResult r = GradCheck.scalarOf(in -> CommonOps_DDRM.elementSum(in.get("b")) * 4)
                .gradient("b", in -> {
                    DMatrixRMaj g = new DMatrixRMaj(4, 3);
                    CommonOps_DDRM.fill(g, 1);
                    return g;
                }).at(Inputs.of("b", random(1, 3, 5))).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status());
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, r.mistake());
        assertTrue(r.headline().contains("sum it over the batch (its rows) to 1×3"), r.headline());
        assertEquals("gradient for b is 4×3 but input b is 1×3", r.facts().get("shapes"));
    }

    @Test
    void aShapeThatMendsButStillDiffersIsUnknown() {
        CheckResult r = GradCheck.scalar(x -> CommonOps_DDRM.trace(mult(random(2, 3, 6), x)))
                .gradient(x -> random(2, 3, 7)).at(random(3, 2, 8)).check();
        assertEquals(Status.SHAPE_MISMATCH, r.status());
        assertEquals(Mistake.UNKNOWN, r.mistake());
        assertTrue(r.facts().get("mended").startsWith("even transposed, it differs"), r.report());
    }
}
