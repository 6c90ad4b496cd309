package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pipelines at fixed points: each right pipeline passes every stage and end to end; each wrong
 * stage is named as the failed stage, with the engine's diagnosis in that stage; the first of two
 * wrong stages is the one named.
 */
class PipelineTest extends QuietTest {

    private static void assertAllPass(PipelineResult r) {
        assertTrue(r.passed(), r::report);
        assertEquals(Optional.empty(), r.failedStage(), r::report);
        r.stages().forEach((name, check) -> assertEquals(Status.PASSED, check.status(), name));
        assertEquals(Status.PASSED, r.endToEnd().status(), r::report);
    }

    private static void assertFailsAt(PipelineResult r, String stage, Status status, Mistake mistake) {
        assertFalse(r.passed(), r::report);
        assertEquals(Optional.of(stage), r.failedStage(), r::report);
        assertEquals(status, r.stage(stage).status(), r::report);
        assertEquals(mistake, r.stage(stage).mistake(), r::report);
    }

    // ------------------------------------------------------------------ right pipelines pass

    @Test
    void softmaxRegressionPassesEveryStageAndEndToEnd() {
        PipelineResult r = Pipelines.softmaxRegression().at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertAllPass(r);
        assertEquals(List.of("affine", "softmax", "cross-entropy"), List.copyOf(r.stages().keySet()));
    }

    @Test
    void twoLayerTanhNetworkPassesEveryStageAndEndToEnd() {
        assertAllPass(Pipelines.twoLayer().at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check());
    }

    @Test
    void layerNormalisationPassesEveryStageAndEndToEnd() {
        assertAllPass(Pipelines.layerNormalisation().at(Pipelines.layerNormalisationPoint(3, 2, 4, 3)).check());
    }

    @Test
    void attentionBlockPassesEveryStageAndEndToEnd() {
        assertAllPass(Pipelines.attention().at(Pipelines.attentionPoint(3, 4, 2, 2, 4)).check());
    }

    // ------------------------------------------------------------------ one wrong stage at a time

    @Test
    void softmaxDifferentiatedAsElementwiseIsNamedInStageSoftmax() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX_AS_ELEMENTWISE,
                Pipelines.CROSS_ENTROPY).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertFailsAt(r, "softmax", Status.MISMATCH, Mistake.ELEMENTWISE_JACOBIAN);
        assertEquals(Status.PASSED, r.stage("affine").status());
        assertEquals(Status.PASSED, r.stage("cross-entropy").status());
        assertFalse(r.endToEnd().passed(), r::report);
    }

    @Test
    void biasNotSummedOverTheBatchIsNamedInStageAffine() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affineBiasNotSummed("W", "b"), Pipelines.SOFTMAX,
                Pipelines.CROSS_ENTROPY).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertFailsAt(r, "affine", Status.SHAPE_MISMATCH, Mistake.NOT_SUMMED_OVER_BATCH);
    }

    @Test
    void aLossGradientOfTheWrongSignIsNamedInTheLossStage() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX,
                Pipelines.CROSS_ENTROPY_WRONG_SIGN).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertFailsAt(r, "cross-entropy", Status.MISMATCH, Mistake.WRONG_SIGN);
        assertEquals(Status.PASSED, r.stage("softmax").status());
    }

    @Test
    void aMissingTanhDerivativeIsLocalisedToStageTanh() {
        PipelineResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH_WITHOUT_DERIVATIVE,
                Pipelines.affine("W2", "b2")).at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check();
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Status.MISMATCH, r.stage("tanh").status());
        assertEquals(Status.PASSED, r.stage("affine1").status());
        assertEquals(Status.PASSED, r.stage("affine2").status());
    }

    @Test
    void theSecondLayersBiasNotSummedIsNamedInStageAffine2() {
        PipelineResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH,
                Pipelines.affineBiasNotSummed("W2", "b2")).at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check();
        assertFailsAt(r, "affine2", Status.SHAPE_MISMATCH, Mistake.NOT_SUMMED_OVER_BATCH);
    }

    @Test
    void layerNormalisationDifferentiatedAsIfElementwiseIsLocalisedToStageLayernorm() {
        PipelineResult r = Pipelines.layerNormalisation(Pipelines.affine("W", "b"), Pipelines.layerNorm(true, true))
                .at(Pipelines.layerNormalisationPoint(3, 2, 4, 3)).check();
        assertEquals(Optional.of("layernorm"), r.failedStage(), r::report);
        assertEquals(Status.MISMATCH, r.stage("layernorm").status());
        assertEquals(Status.PASSED, r.stage("affine").status());
    }

    @Test
    void layerNormalisationsShiftNotSummedIsNamedInStageLayernorm() {
        PipelineResult r = Pipelines.layerNormalisation(Pipelines.affine("W", "b"), Pipelines.layerNorm(false, false))
                .at(Pipelines.layerNormalisationPoint(3, 2, 4, 3)).check();
        assertFailsAt(r, "layernorm", Status.SHAPE_MISMATCH, Mistake.NOT_SUMMED_OVER_BATCH);
    }

    @Test
    void attentionsSoftmaxAsElementwiseIsNamedInStageSoftmax() {
        PipelineResult r = Pipelines.attention(Pipelines.scores(true), Pipelines.SOFTMAX_AS_ELEMENTWISE)
                .at(Pipelines.attentionPoint(3, 4, 2, 2, 4)).check();
        assertFailsAt(r, "softmax", Status.MISMATCH, Mistake.ELEMENTWISE_JACOBIAN);
        assertEquals(Status.PASSED, r.stage("scores").status());
        assertEquals(Status.PASSED, r.stage("mix").status());
    }

    @Test
    void attentionScoresWithoutTheirScaleAreNamedInStageScores() {
        PipelineResult r = Pipelines.attention(Pipelines.scores(false), Pipelines.SOFTMAX)
                .at(Pipelines.attentionPoint(3, 4, 4, 2, 4)).check();
        assertFailsAt(r, "scores", Status.MISMATCH, Mistake.WRONG_SCALE);
        assertEquals(2.0, r.stage("scores").scaleFactor().orElseThrow(), 1e-6); // 1/√d missing, d = 4
    }

    @Test
    void theFirstFailingStageInForwardOrderIsNamedWhenTwoAreWrong() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affineBiasNotSummed("W", "b"),
                Pipelines.SOFTMAX_AS_ELEMENTWISE, Pipelines.CROSS_ENTROPY)
                .at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertEquals(Optional.of("affine"), r.failedStage(), r::report);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, r.stage("softmax").mistake(), r::report);
        assertEquals("affine", r.facts().get("failed stage"));
    }

    @Test
    void theFirstFailingStageIsNamedWhenALaterOneIsWrongToo() {
        PipelineResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH_WITHOUT_DERIVATIVE,
                Pipelines.affineBiasNotSummed("W2", "b2")).at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check();
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, r.stage("affine2").mistake(), r::report);
    }

    // ------------------------------------------------------------------ the report and the assertion

    @Test
    void theReportGivesOneVerdictAStageInForwardOrderThenEndToEndThenTheFailure() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX_AS_ELEMENTWISE,
                Pipelines.CROSS_ENTROPY).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        List<String> keys = List.copyOf(r.facts().keySet());
        assertEquals(List.of("stage affine", "stage softmax", "stage cross-entropy", "end to end", "failed stage",
                "details"), keys.subList(0, 6), r::report);
        assertEquals("ELEMENTWISE_JACOBIAN", r.facts().get("mistake"), r::report);
        assertEquals("x (4×3)", r.facts().get("input"), r::report);
        assertEquals(r.stage("softmax").headline(), r.facts().get("details"));
        assertTrue(r.facts().containsKey("evaluations"));
        assertTrue(r.headline().contains("\"softmax\""), r::headline);
    }

    @Test
    void assertPassesThrowsWithTheFailingStagesCheckAsItsResult() {
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX_AS_ELEMENTWISE,
                Pipelines.CROSS_ENTROPY).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        GradientMismatchError e = assertThrows(GradientMismatchError.class, r::assertPasses);
        assertSame(r.stage("softmax"), e.result());
        assertEquals(r.report(), e.getMessage());
    }

    @Test
    void assertPassesReturnsAPassingResult() {
        PipelineResult r = Pipelines.softmaxRegression().at(Pipelines.softmaxRegressionPoint(2, 2, 3, 5)).assertPasses();
        assertTrue(r.passed());
    }

    @Test
    void evaluationsCountEveryCallOfTheStagesByPhase() {
        PipelineResult r = Pipelines.softmaxRegression().at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        long stageChecks = 0;
        for (CheckResult c : r.stages().values()) {
            stageChecks += c.evaluations();
        }
        // the forward pass calls each of the 3 stages once; the end-to-end check calls some stages per evaluation
        assertTrue(r.evaluations() >= stageChecks + 3, r::report);
        assertNotEquals(0, r.endToEnd().evaluations());
    }

    @Test
    void theSeedOfThePipelineIsEveryChecksSeed() {
        PipelineResult r = Pipelines.softmaxRegression().seed(42).at(Pipelines.softmaxRegressionPoint(2, 2, 3, 5))
                .check();
        assertEquals(42, r.seed());
        r.stages().values().forEach(c -> assertEquals(42, c.seed()));
        assertEquals(42, r.endToEnd().seed());
    }

    @Test
    void theToleranceReachesEveryCheck() {
        // softmax as elementwise is off by 0.73 of the derivative's scale: within an rtol of 10
        PipelineResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX_AS_ELEMENTWISE,
                Pipelines.CROSS_ENTROPY).tolerance(10, 0).at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertEquals(Status.PASSED, r.stage("softmax").status(), r::report);
        assertEquals(Status.PASSED, r.endToEnd().status(), r::report);
    }

    @Test
    void theModeReachesEveryCheck() {
        PipelineResult right = Pipelines.twoLayer().mode(Mode.FAST).at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check();
        assertTrue(right.passed(), right::report);
        right.stages().forEach((name, c) -> assertTrue(c.facts().get("mode").startsWith("FAST"), c::report));
        assertTrue(right.endToEnd().facts().get("mode").startsWith("FAST"), right.endToEnd()::report);
        PipelineResult wrong = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH_WITHOUT_DERIVATIVE,
                Pipelines.affine("W2", "b2")).mode(Mode.FAST).at(Pipelines.twoLayerPoint(3, 4, 5, 3, 2)).check();
        assertEquals(Optional.of("tanh"), wrong.failedStage(), wrong::report);
    }

    @Test
    void aFirstStageWhoseVjpLeavesOutTheInputIsNotDifferentiatedWithRespectToIt() {
        Stage affineParametersOnly = Stage.of(in -> Networks.affine(in.get("x"), in.get("W"), in.get("b")), (in, g) -> {
            Inputs all = Networks.affineVjp(in.get("x"), in.get("W"), g, "W", "b", true);
            return Inputs.of("W", all.get("W"), "b", all.get("b"));
        });
        PipelineResult r = Pipelines.softmaxRegression(affineParametersOnly, Pipelines.SOFTMAX, Pipelines.CROSS_ENTROPY)
                .at(Pipelines.softmaxRegressionPoint(4, 3, 3, 1)).check();
        assertTrue(r.passed(), r::report);
        assertEquals(Set.of("W", "b"), r.stage("affine").analytic().keySet(), r::report);
    }
}
