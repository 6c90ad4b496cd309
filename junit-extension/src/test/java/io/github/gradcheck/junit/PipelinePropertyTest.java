package io.github.gradcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.PipelineCheck;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Pipelines inside {@code @GradientTest}: a right pipeline passes; a failing one is shrunk to the
 * smallest case where the same stage fails (told apart from another stage with the same status
 * and mistake), and the failure names the stage.
 */
class PipelinePropertyTest extends QuietTest {

    /**
     * affine's ∇W doubled for batches of 2 or more, the loss's gradient always doubled: both
     * MISMATCH and WRONG_SCALE, in different stages.
     */
    static PipelineCheck twoWrongStages() {
        Stage affine = Stage.of(in -> Networks.affine(in.get("x"), in.get("W"), in.get("b")), (in, g) -> {
            Inputs right = Networks.affineVjp(in.get("x"), in.get("W"), g, "W", "b", true);
            double factor = in.get("x").numRows >= 2 ? 2 : 1;
            return Inputs.of("x", right.get("x"), "W", Matrices.scale(factor, right.get("W")), "b", right.get("b"));
        });
        Stage loss = Stage.loss(in -> Networks.crossEntropy(in.get("x"), in.get("Y")),
                in -> Inputs.of("x", Matrices.scale(2, Networks.crossEntropyGradient(in.get("x"), in.get("Y")))));
        return Pipelines.softmaxRegression(affine, Pipelines.SOFTMAX, loss);
    }

    static class RightPipeline {
        @GradientTest(trials = 50, dims = {"n=1..4", "d=1..3", "k=2..4"})
        void softmaxRegression(@Shape(rows = "n", cols = "d") DMatrixRMaj x, @Shape(rows = "d", cols = "k") DMatrixRMaj w,
                               @Shape(rows = "1", cols = "k") DMatrixRMaj b,
                               @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
            Pipelines.softmaxRegression().at(Inputs.of("x", x, "W", w, "b", b, "Y", y)).assertPasses();
        }
    }

    static class TwoWrongStages {
        @GradientTest(trials = 50, seed = 3, dims = {"n=1..4", "d=1..3", "k=2..4"})
        void softmaxRegression(@Shape(rows = "n", cols = "d") DMatrixRMaj x, @Shape(rows = "d", cols = "k") DMatrixRMaj w,
                               @Shape(rows = "1", cols = "k") DMatrixRMaj b,
                               @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
            twoWrongStages().at(Inputs.of("x", x, "W", w, "b", b, "Y", y)).assertPasses();
        }
    }

    @Test
    void aRightPipelinePassesAllItsTrials() {
        EngineExecutionResults results = Fixtures.run(RightPipeline.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void aFailingPipelineShrinksToTheSmallestCaseWhereTheSameStageFails() {
        EngineExecutionResults results = Fixtures.run(TwoWrongStages.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class,
                Fixtures.failures(results).get("softmaxRegression"));
        String message = error.getMessage();
        Map<String, String> facts = Fixtures.facts(message);
        assertTrue(facts.get("original").startsWith("n=") && !facts.get("original").startsWith("n=1,"),
                "the first failing draw is in stage affine (n ≥ 2): " + message);
        assertEquals("affine", facts.get("failed stage"), message);
        assertTrue(facts.get("dims").startsWith("n=2,"), message); // n = 1 would fail in the loss instead
        assertEquals(Mistake.WRONG_SCALE, error.result().mistake(), message);
    }
}
