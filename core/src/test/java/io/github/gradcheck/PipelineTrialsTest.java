package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Pipelines on random inputs: each right pipeline passes 100 trials; a wrong stage is shrunk to the
 * smallest dimensions where the same stage fails the same way, and the result names it.
 */
class PipelineTrialsTest extends QuietTest {

    private static void assertPasses100Trials(PipelineCheck pipeline, Domain domain) {
        PipelineTrialsResult r = pipeline.forAll(domain).trials(100).run();
        assertTrue(r.passed(), r::report);
        assertEquals(100, r.trials());
        assertEquals(Optional.empty(), r.failure());
    }

    @Test
    void softmaxRegressionPasses100Trials() {
        assertPasses100Trials(Pipelines.softmaxRegression(), Pipelines.softmaxRegressionDomain());
    }

    @Test
    void twoLayerTanhNetworkPasses100Trials() {
        assertPasses100Trials(Pipelines.twoLayer(), Pipelines.twoLayerDomain());
    }

    @Test
    void twoLayerTanhNetworkWiredRightByTheUserPasses100Trials() {
        assertPasses100Trials(Pipelines.twoLayerWithGradients(Pipelines.Wiring.RIGHT), Pipelines.twoLayerDomain());
    }

    @Test
    void layerNormalisationPasses100Trials() {
        assertPasses100Trials(Pipelines.layerNormalisation(), Pipelines.layerNormalisationDomain());
    }

    @Test
    void attentionBlockPasses100Trials() {
        assertPasses100Trials(Pipelines.attention(), Pipelines.attentionDomain());
    }

    @Test
    void softmaxAsElementwiseShrinksToOneRowOfTwoInStageSoftmax() {
        for (long seed = 0; seed < 3; seed++) {
            PipelineTrialsResult r = Pipelines.softmaxRegression(Pipelines.affine("W", "b"),
                    Pipelines.SOFTMAX_AS_ELEMENTWISE, Pipelines.CROSS_ENTROPY)
                    .forAll(Pipelines.softmaxRegressionDomain()).seed(seed).run();
            assertFalse(r.passed(), r::report);
            assertEquals(Optional.of("softmax"), r.failedStage(), r::report);
            Counterexample c = r.counterexample().orElseThrow();
            assertEquals(Map.of("n", 1, "d", 1, "k", 2), c.dims(), r::report);
            assertEquals(Mistake.ELEMENTWISE_JACOBIAN, c.result().mistake(), r::report);
            assertEquals("softmax", r.facts().get("failed stage"), r::report);
        }
    }

    @Test
    void aBiasNotSummedShrinksToABatchOfTwoInItsStage() {
        PipelineTrialsResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH,
                Pipelines.affineBiasNotSummed("W2", "b2")).forAll(Pipelines.twoLayerDomain()).run();
        assertEquals(Optional.of("affine2"), r.failedStage(), r::report);
        Counterexample c = r.counterexample().orElseThrow();
        assertEquals(2, c.dims().get("n"), r::report);
        assertEquals(Mistake.NOT_SUMMED_OVER_BATCH, c.result().mistake(), r::report);
    }

    @Test
    void attentionsMissingScaleShrinksInStageScores() {
        PipelineTrialsResult r = Pipelines.attention(Pipelines.scores(false), Pipelines.SOFTMAX)
                .forAll(Pipelines.attentionDomain()).run();
        assertEquals(Optional.of("scores"), r.failedStage(), r::report);
        assertEquals(Mistake.WRONG_SCALE, r.counterexample().orElseThrow().result().mistake(), r::report);
    }

    /**
     * affine's ∇W doubled only for batches of 3 or more, the loss's gradient always doubled: both
     * MISMATCH and WRONG_SCALE, told apart only by their stage. A failure found in stage affine must
     * not shrink below n = 3, where the first failing stage would be the loss.
     */
    @Test
    void shrinkingKeepsTheFailureInTheSameStage() {
        Stage doubledForLargeBatches = Stage.of(in -> Networks.affine(in.get("x"), in.get("W"), in.get("b")), (in, g) -> {
            Inputs right = Networks.affineVjp(in.get("x"), in.get("W"), g, "W", "b", true);
            double factor = in.get("x").numRows >= 3 ? 2 : 1;
            return Inputs.of("x", right.get("x"), "W", Matrices.scale(factor, right.get("W")), "b", right.get("b"));
        });
        Stage doubledLoss = Stage.loss(in -> Networks.crossEntropy(in.get("x"), in.get("Y")),
                in -> Inputs.of("x", Matrices.scale(2, Networks.crossEntropyGradient(in.get("x"), in.get("Y")))));
        PipelineCheck pipeline = Pipelines.softmaxRegression(doubledForLargeBatches, Pipelines.SOFTMAX, doubledLoss);
        int inAffine = 0;
        for (long seed = 0; seed < 6; seed++) {
            PipelineTrialsResult r = pipeline.forAll(Pipelines.softmaxRegressionDomain()).seed(seed).run();
            Counterexample c = r.counterexample().orElseThrow(() -> new AssertionError(r.report()));
            if (c.originalDims().get("n") >= 3) {
                inAffine++;
                assertEquals(Optional.of("affine"), r.failedStage(), r::report);
                assertEquals(3, c.dims().get("n"), r::report);
                assertEquals(Mistake.WRONG_SCALE, c.result().mistake(), r::report);
            } else {
                assertEquals(Optional.of("cross-entropy"), r.failedStage(), r::report);
                assertEquals(1, c.dims().get("n"), r::report);
                assertEquals(Mistake.WRONG_SCALE, c.result().mistake(), r::report);
            }
        }
        assertTrue(inAffine > 0, "some seed must find the failure in stage affine first");
    }

    @Test
    void theSameSeedReproducesTheShrunkCase() {
        PipelineCheck wrong = Pipelines.layerNormalisation(Pipelines.affine("W", "b"), Pipelines.layerNorm(true, true));
        PipelineTrialsResult first = wrong.forAll(Pipelines.layerNormalisationDomain()).seed(11).run();
        PipelineTrialsResult second = wrong.forAll(Pipelines.layerNormalisationDomain()).seed(11).run();
        assertEquals(Optional.of("layernorm"), first.failedStage(), first::report);
        assertEquals(first.counterexample().orElseThrow().dims(), second.counterexample().orElseThrow().dims());
        assertEquals(first.facts().get("inputs"), second.facts().get("inputs"));
    }

    @Test
    void assertPassesThrowsTheFailingStagesCheckWithTheTrialsReport() {
        PipelineTrials trials = Pipelines.softmaxRegression(Pipelines.affine("W", "b"), Pipelines.SOFTMAX_AS_ELEMENTWISE,
                Pipelines.CROSS_ENTROPY).forAll(Pipelines.softmaxRegressionDomain());
        GradientMismatchError e = assertThrows(GradientMismatchError.class, trials::assertPasses);
        assertEquals(Mistake.ELEMENTWISE_JACOBIAN, e.result().mistake());
        assertEquals(trials.run().report(), e.getMessage());
    }

    @Test
    void aShapeErrorAtSomeDimensionsIsAFailedTrialNamingTheStages() {
        DMatrixRMaj fixed = Matrices.random(3, 3, 5);
        Stage threeWide = Stage.matrix(x -> Matrices.mult(x, fixed), (x, g) -> Matrices.mult(g, Matrices.transpose(fixed)));
        PipelineCheck pipeline = io.github.gradcheck.GradCheck.pipeline().stage("affine", Pipelines.affine("W", "b"))
                .stage("mix", threeWide).stage("softmax", Pipelines.SOFTMAX).loss("cross-entropy", Pipelines.CROSS_ENTROPY)
                .constant("Y");
        Domain domain = Domain.dims("n=1..3", "d=1..3", "k=2..4")
                .input("x", "n", "d", Structure.GAUSSIAN)
                .input("W", "d", "k", Structure.GAUSSIAN)
                .input("b", "1", "k", Structure.GAUSSIAN)
                .input("Y", "n", "3", Structure.ONE_HOT_ROWS);
        PipelineTrialsResult r = pipeline.forAll(domain).run();
        assertFalse(r.passed(), r::report);
        assertEquals(Optional.empty(), r.failure());
        assertEquals("CONFIGURATION_ERROR", r.facts().get("status"), r::report);
        assertTrue(r.facts().get("message").contains("stage \"mix\""), r::report);
        assertEquals(2, r.counterexample().orElseThrow().dims().get("k"), r::report);
    }

    @Test
    void aDomainWithoutThePipelinesInputIsRejected() {
        Domain noX = Domain.dims("n=1..3").input("W", "n", "n", Structure.GAUSSIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipelines.softmaxRegression().forAll(noX));
        assertTrue(e.getMessage().contains("\"x\""), e.getMessage());
    }
}
