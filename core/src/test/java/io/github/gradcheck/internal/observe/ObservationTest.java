package io.github.gradcheck.internal.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.Structure;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every check made through the API reaches the observers as one typed record: a check at one
 * point, trials as one record with their shrunk dims, nothing inside a capture.
 */
class ObservationTest extends QuietTest {

    private static final DMatrixRMaj X0 = new DMatrixRMaj(new double[][] {{0.3, -1.2}, {0.8, 0.5}, {-0.4, 1.1}});

    private final List<CheckRecord> seen = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    // records come on the thread that made the check: tests running beside this one are not seen
    private final Consumer<CheckRecord> observer = r -> {
        if (Thread.currentThread() == owner) {
            seen.add(r);
        }
    };

    @BeforeEach
    void observe() {
        Observation.addObserver(observer);
    }

    @AfterEach
    void stopObserving() {
        Observation.removeObserver(observer);
    }

    private static double squaredNorm(DMatrixRMaj x) {
        return Matrices.sumOfSquares(x);
    }

    @Test
    void aCheckAtOnePointIsOneRecordWithItsResultAndWhatWasChecked() {
        CheckResult r = GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x))
                .tolerance(1e-6, 1e-9).seed(11).at(X0).check();
        assertEquals(1, seen.size());
        CheckRecord record = seen.get(0);
        assertEquals(CheckRecord.Kind.CHECK, record.kind());
        assertSame(r, record.result().orElseThrow());
        assertEquals(11, record.seed());
        CheckRecord.Subject subject = record.subject().orElseThrow();
        assertEquals(CheckRecord.FunctionType.SCALAR, subject.function());
        assertEquals(CheckRecord.Reference.NUMERIC, subject.reference());
        assertEquals(List.of(new CheckRecord.Input("X", 3, 2, Structure.GAUSSIAN, List.of(CheckRecord.Form.GRADIENT))),
                subject.inputs());
        assertEquals(1e-6, subject.rtol());
        assertEquals(1e-9, subject.atol());
        assertEquals(Mode.FULL, subject.mode()); // the mode that ran (AUTO chose FULL for a small input)
        assertTrue(record.trials().isEmpty());
        assertFalse(record.duration().isNegative());
    }

    @Test
    void aFailedAssertionIsRecordedBeforeItThrows() {
        assertThrows(GradientMismatchError.class, () -> GradCheck.scalar(ObservationTest::squaredNorm)
                .gradient(x -> x.copy()).at(X0).assertPasses());
        assertEquals(1, seen.size());
        assertEquals(Mistake.WRONG_SCALE, seen.get(0).result().orElseThrow().mistake());
    }

    @Test
    void namedInputsKeepTheirFormsAndAConstantHasNone() {
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 2}});
        GradCheck.matrixOf(in -> Matrices.plus(in.get("W"), in.get("b"))).vjp("W", (in, g) -> g.copy())
                .mode(Mode.FULL).at(Inputs.of("W", new DMatrixRMaj(1, 2), "b", b)).check();
        CheckRecord.Subject subject = seen.get(0).subject().orElseThrow();
        assertEquals(CheckRecord.FunctionType.MATRIX, subject.function());
        assertEquals(Mode.FULL, subject.mode());
        assertEquals(List.of(CheckRecord.Form.VJP), subject.inputs().get(0).forms());
        assertEquals(List.of(), subject.inputs().get(1).forms());
    }

    @Test
    void aHessianBesideItsGradientIsOneRecordWithBothForms() {
        GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x))
                .hessian(x -> Matrices.scale(2, CommonOps_DDRM.identity(x.getNumElements()))).at(X0).check();
        assertEquals(1, seen.size());
        assertEquals(List.of(CheckRecord.Form.GRADIENT, CheckRecord.Form.HESSIAN),
                seen.get(0).subject().orElseThrow().inputs().get(0).forms());
    }

    @Test
    void anExactReferenceIsNamedWithItsOwnTolerance() {
        Expr x = Expr.variable("X");
        GradCheck.scalar(m -> CommonOps_DDRM.trace(m)).gradient(m -> CommonOps_DDRM.identity(2))
                .exactly(x.trace()).at(CommonOps_DDRM.identity(2)).check();
        CheckRecord.Subject subject = seen.get(0).subject().orElseThrow();
        assertEquals(CheckRecord.Reference.EXACT, subject.reference());
        assertEquals(1e-8, subject.rtol());
    }

    @Test
    void failingTrialsAreOneRecordWithTheShrunkDimsAndShapes() {
        TrialsResult t = GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> x.copy())
                .forAll(Domain.dims("n=1..4", "k=1..3").input("X", "n", "k", Structure.GAUSSIAN))
                .trials(20).seed(5).run();
        assertEquals(1, seen.size(), "the trials' own checks are not recorded one by one");
        CheckRecord record = seen.get(0);
        assertEquals(CheckRecord.Kind.TRIALS, record.kind());
        assertSame(t, record.trials().orElseThrow());
        assertEquals(Map.of("n", 1, "k", 1), record.shrunkDims());
        assertEquals("n=1..4, k=1..3", record.domain().orElseThrow());
        assertEquals(Status.MISMATCH, record.result().orElseThrow().status());
        CheckRecord.Input input = record.subject().orElseThrow().inputs().get(0);
        assertEquals(1, input.rows());
        assertEquals(1, input.cols());
        assertEquals(5, record.seed());
    }

    @Test
    void passingTrialsHaveShapesThatVaried() {
        GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x))
                .forAll(Domain.dims("n=1..4").input("S", "n", "n", Structure.SYMMETRIC)).trials(5).run();
        CheckRecord record = seen.get(0);
        assertTrue(record.result().isEmpty());
        assertEquals(Map.of(), record.shrunkDims());
        CheckRecord.Input input = record.subject().orElseThrow().inputs().get(0);
        assertFalse(input.shapeKnown());
        assertEquals(Structure.SYMMETRIC, input.structure());
    }

    @Test
    void aCaptureTakesTheRecordsOfItsThreadAndFindsAResultByIdentity() {
        CheckResult second;
        try (Observation.Capture capture = Observation.capture()) {
            GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x)).at(X0).check();
            second = GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> x.copy()).at(X0).check();
            GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x)).at(X0).check();
            assertEquals(3, capture.count());
            assertSame(second, capture.about(second).orElseThrow().result().orElseThrow());
            assertTrue(capture.first().orElseThrow().result().orElseThrow().passed());
        }
        assertEquals(List.of(), seen);
        GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x)).at(X0).check();
        assertEquals(1, seen.size(), "closed: records reach the observers again");
    }

    @Test
    void aThrowingObserverChangesNothing() {
        Consumer<CheckRecord> broken = r -> {
            throw new IllegalStateException("broken observer");
        };
        Observation.addObserver(broken);
        try {
            CheckResult r = GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x)).at(X0)
                    .check();
            assertTrue(r.passed());
            assertEquals(1, seen.size());
        } finally {
            Observation.removeObserver(broken);
        }
    }

    @Test
    void withoutObserversNothingIsObserved() {
        Observation.removeObserver(observer);
        assertFalse(Observation.observed());
        GradCheck.scalar(ObservationTest::squaredNorm).gradient(x -> Matrices.scale(2, x)).at(X0).check();
        assertEquals(List.of(), seen);
    }
}
