package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Stages that misbehave get the engine's status in their own stage, never a false pass: a stage
 * that throws, returns values that are not finite, modifies its input, reads a parameter its vjp
 * leaves out; and a shape error between stages is a configuration error naming both stages and
 * both shapes.
 */
class PipelineBadStagesTest extends QuietTest {

    private static final Inputs POINT = Pipelines.twoLayerPoint(3, 4, 5, 3, 2);

    /** The two-layer network with its middle stage replaced. */
    private static PipelineResult withMiddle(Stage middle) {
        return Pipelines.twoLayer(Pipelines.affine("W1", "b1"), middle, Pipelines.affine("W2", "b2")).at(POINT).check();
    }

    @Test
    void aStageWhoseForwardThrowsIsThrewInThatStageAndTheStagesAfterItAreNotChecked() {
        PipelineResult r = withMiddle(Stage.matrix(x -> {
            throw new IllegalStateException("broken tanh");
        }, Networks::tanhVjp));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.THREW, r.stage("tanh").status());
        assertInstanceOf(IllegalStateException.class, r.stage("tanh").cause().orElseThrow());
        assertEquals(Status.PASSED, r.stage("affine1").status());
        assertEquals(List.of("affine1", "tanh"), List.copyOf(r.stages().keySet()));
        assertThrows(IllegalStateException.class, () -> r.stage("affine2"));
        assertEquals(Status.THREW, r.endToEnd().status());
        assertFalse(r.passed());
    }

    @Test
    void aStageWhoseVjpThrowsIsThrewInThatStage() {
        PipelineResult r = withMiddle(Stage.matrix(Networks::tanh, (x, g) -> {
            throw new ArithmeticException("broken backward");
        }));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.THREW, r.stage("tanh").status());
        assertInstanceOf(ArithmeticException.class, r.stage("tanh").cause().orElseThrow());
        assertEquals(Status.PASSED, r.stage("affine2").status(), r::report);
    }

    @Test
    void aStageThatReturnsNaNIsNonFiniteInThatStage() {
        PipelineResult r = withMiddle(Stage.matrix(x -> {
            DMatrixRMaj y = Networks.tanh(x);
            y.set(0, 0, Double.NaN);
            return y;
        }, Networks::tanhVjp));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.NON_FINITE, r.stage("tanh").status());
    }

    @Test
    void aStageWhoseVjpReturnsNaNIsNonFiniteInThatStage() {
        PipelineResult r = withMiddle(Stage.matrix(Networks::tanh, (x, g) -> {
            DMatrixRMaj d = Networks.tanhVjp(x, g);
            d.set(0, 0, Double.NaN);
            return d;
        }));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.NON_FINITE, r.stage("tanh").status());
    }

    @Test
    void aStageThatModifiesItsInputIsInputMutatedInThatStage() {
        PipelineResult r = withMiddle(Stage.matrix(x -> {
            DMatrixRMaj y = Networks.tanh(x);
            x.set(0, 0, 0);
            return y;
        }, Networks::tanhVjp));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.INPUT_MUTATED, r.stage("tanh").status());
        assertEquals(Status.PASSED, r.stage("affine1").status());
    }

    @Test
    void aParameterTheForwardReadsButTheVjpLeavesOutFailsItsStage() {
        Stage noBiasGradient = Stage.of(in -> Networks.affine(in.get("x"), in.get("W2"), in.get("b2")),
                (in, g) -> Inputs.of("x", Matrices.mult(g, transpose(in.get("W2"))),
                        "W2", Matrices.mult(transpose(in.get("x")), g)));
        PipelineResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH, noBiasGradient)
                .at(POINT).check();
        assertEquals(Optional.of("affine2"), r.failedStage(), r::report);
        assertEquals(Status.MISMATCH, r.stage("affine2").status(), r::report);
        assertTrue(r.facts().get("input").startsWith("b2 "), r::report);
        assertTrue(r.facts().containsKey("no gradient for b2"), r::report);
        assertFalse(r.endToEnd().passed(), r::report);
    }

    @Test
    void dataTheLossReadsMustBeDeclaredConstant() {
        PipelineCheck undeclared = GradCheck.pipeline().stage("affine", Pipelines.affine("W", "b"))
                .stage("softmax", Pipelines.SOFTMAX).loss("cross-entropy", Pipelines.CROSS_ENTROPY);
        Inputs point = Pipelines.softmaxRegressionPoint(3, 2, 3, 7);
        PipelineResult r = undeclared.at(point).check();
        assertEquals(Optional.of("cross-entropy"), r.failedStage(), r::report);
        assertTrue(r.facts().containsKey("no gradient for Y"), r::report);
        assertTrue(undeclared.constant("Y").at(point).check().passed());
    }

    @Test
    void aMiddleStageWhoseVjpReturnsNoGradientForItsInputFails() {
        PipelineResult r = withMiddle(Stage.of(in -> Networks.tanh(in.get("x")), (in, g) -> Inputs.of()));
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.MISMATCH, r.stage("tanh").status());
        assertTrue(r.facts().containsKey("no gradient for x"), r::report);
    }

    @Test
    void aShapeErrorBetweenStagesNamesBothStagesAndBothShapes() {
        Stage transposing = Stage.matrix(x -> transpose(Networks.tanh(x)), (x, g) -> Networks.tanhVjp(x, transpose(g)));
        PipelinePoint p = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), transposing, Pipelines.affine("W2", "b2"))
                .at(POINT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::check);
        String message = e.getMessage();
        assertTrue(message.contains("stage \"tanh\" outputs 5×3"), message);
        assertTrue(message.contains("stage \"affine2\" takes 3×5"), message);
    }

    @Test
    void anInputOfTheWrongShapeForTheFirstStageIsAShapeError() {
        Inputs wrong = Pipelines.softmaxRegressionPoint(3, 2, 3, 7);
        java.util.Map<String, DMatrixRMaj> m = new java.util.LinkedHashMap<>(wrong.asMap());
        m.put("x", Matrices.random(3, 4, 1));
        PipelinePoint p = Pipelines.softmaxRegression().at(Inputs.of(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::check);
        assertTrue(e.getMessage().contains("input x is 3×4"), e.getMessage());
        assertTrue(e.getMessage().contains("stage \"affine\" takes 3×2"), e.getMessage());
    }

    @Test
    void aStageThatThrowsOnEveryShapeIsNotCalledAShapeError() {
        PipelineResult r = withMiddle(Stage.matrix(x -> {
            throw new org.ejml.MatrixDimensionException("always");
        }, Networks::tanhVjp));
        assertEquals(Status.THREW, r.stage("tanh").status(), r::report);
    }

    @Test
    void aVjpThatNamesAnInputThePipelineDoesNotHaveIsAConfigurationError() {
        Stage typo = Stage.of(in -> Networks.tanh(in.get("x")),
                (in, g) -> Inputs.of("x", Networks.tanhVjp(in.get("x"), g), "w", g));
        PipelinePoint p = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), typo, Pipelines.affine("W2", "b2")).at(POINT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::check);
        assertTrue(e.getMessage().contains("\"w\""), e.getMessage());
    }
}
