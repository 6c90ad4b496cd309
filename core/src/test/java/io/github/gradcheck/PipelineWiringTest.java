package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.PipelineResult.Miswiring;
import io.github.gradcheck.PipelineResult.Wiring;
import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The user's own end-to-end gradient, wired through right stages: right wiring passes; a wrong one
 * is reported as "stages right, wiring wrong", with the entries and the miswiring it equals, and
 * with none when it equals none. Weight tying: a parameter several stages read gets the sum.
 */
class PipelineWiringTest extends QuietTest {

    private static final Inputs POINT = Pipelines.twoLayerPoint(3, 4, 5, 3, 2);

    private static Wiring onlyWiring(PipelineResult r, String parameter) {
        assertFalse(r.passed(), r::report);
        assertEquals(Optional.empty(), r.failedStage(), r::report);
        r.stages().values().forEach(c -> assertTrue(c.passed(), r::report));
        Wiring w = r.wiring().stream().filter(x -> x.parameter().equals(parameter)).findFirst()
                .orElseThrow(() -> new AssertionError(r.report()));
        return w;
    }

    @Test
    void rightWiringPassesEndToEnd() {
        PipelineResult r = Pipelines.twoLayerWithGradients(Pipelines.Wiring.RIGHT).at(POINT).check();
        assertTrue(r.passed(), r::report);
        assertEquals(List.of(), r.wiring());
    }

    @Test
    void aGradientPassedToTheWrongStageIsNamed() {
        PipelineResult r = Pipelines.twoLayerWithGradients(Pipelines.Wiring.W1_SKIPS_TANH).at(POINT).check();
        Wiring w = onlyWiring(r, "W1");
        assertEquals(Optional.of(new Miswiring(Miswiring.Kind.UPSTREAM_OF_ANOTHER_STAGE, "affine1", Optional.of("tanh"))),
                w.matches(), r::report);
        assertEquals(20, w.entries());
        assertEquals(1, r.wiring().size(), r::report); // W2, b1, b2 are wired right
        assertEquals(Status.MISMATCH, r.endToEnd().status());
    }

    @Test
    void aCachedValueOfTheWrongStageIsNamed() {
        PipelineResult r = Pipelines.twoLayerWithGradients(Pipelines.Wiring.W2_FROM_PRE_ACTIVATION).at(POINT).check();
        Wiring w = onlyWiring(r, "W2");
        assertEquals(Optional.of(new Miswiring(Miswiring.Kind.INPUT_OF_ANOTHER_STAGE, "affine2", Optional.of("tanh"))),
                w.matches(), r::report);
        assertEquals(15, w.wrongEntries().size(), r::report);
    }

    @Test
    void anActivationDerivativeAtTheWrongCachedValueIsNamedForEveryParameterItReaches() {
        PipelineResult r = Pipelines.twoLayerWithGradients(Pipelines.Wiring.TANH_AT_ACTIVATION).at(POINT).check();
        Miswiring expected = new Miswiring(Miswiring.Kind.INPUT_OF_ANOTHER_STAGE, "tanh", Optional.of("affine2"));
        assertEquals(Optional.of(expected), onlyWiring(r, "W1").matches(), r::report);
        assertEquals(Optional.of(expected), onlyWiring(r, "b1").matches(), r::report);
    }

    @Test
    void aWrongGradientThatIsNoMiswiringMatchesNone() {
        PipelineResult r = Pipelines.twoLayerWithGradients(Pipelines.Wiring.W1_DOUBLED).at(POINT).check();
        Wiring w = onlyWiring(r, "W1");
        assertEquals(Optional.empty(), w.matches(), r::report);
        assertTrue(w.candidates() > 0, r::report);
        assertEquals(Mistake.WRONG_SCALE, r.endToEnd().mistake(), r::report);
        assertTrue(r.facts().get("matches W1").startsWith("none of the"), r::report);
    }

    @Test
    void theWiringReportListsTheWrongEntries() {
        DMatrixRMaj right = Pipelines.twoLayerGradient(POINT, "W1", Pipelines.Wiring.RIGHT);
        PipelineResult r = Pipelines.twoLayer()
                .gradient("W1", in -> {
                    DMatrixRMaj g = right.copy();
                    g.set(1, 2, g.get(1, 2) + 1);
                    return g;
                }).at(POINT).check();
        Wiring w = onlyWiring(r, "W1");
        assertEquals(List.of(new PipelineResult.Entry(1, 2)), w.wrongEntries());
        assertTrue(r.facts().get("wiring W1").startsWith("1 of 20 entries"), r::report);
    }

    @Test
    void aWrongStageIsReportedBeforeAnyWiring() {
        PipelineResult r = Pipelines.twoLayer(Pipelines.affine("W1", "b1"), Pipelines.TANH_WITHOUT_DERIVATIVE,
                Pipelines.affine("W2", "b2")).gradient("W1",
                        in -> Pipelines.twoLayerGradient(in, "W1", Pipelines.Wiring.W1_SKIPS_TANH)).at(POINT).check();
        assertEquals(Optional.of("tanh"), r.failedStage(), r::report);
        assertEquals(List.of(), r.wiring());
    }

    // ------------------------------------------------------------------ weight tying

    @Test
    void aTiedParameterGetsTheSumOfItsStagesContributions() {
        PipelineResult r = Pipelines.autoencoder().at(Pipelines.autoencoderPoint(3, 4, 2, 1)).check();
        assertTrue(r.passed(), r::report);
        assertTrue(r.stage("encode").analytic().containsKey("W"), r::report); // each stage's own term, checked
        assertTrue(r.stage("decode").analytic().containsKey("W"), r::report);
        assertTrue(r.endToEnd().analytic().containsKey("W"), r::report);      // and their sum, end to end
    }

    @Test
    void aTiedGradientMissingOneStagesContributionIsNamed() {
        Inputs point = Pipelines.autoencoderPoint(3, 4, 2, 1);
        PipelineResult r = Pipelines.autoencoder().gradient("W", in -> {
            DMatrixRMaj x = in.get("x");
            DMatrixRMaj h = mult(x, in.get("W"));
            DMatrixRMaj a = Networks.tanh(h);
            DMatrixRMaj out = mult(a, transpose(in.get("W")));
            DMatrixRMaj dOut = Networks.squaredErrorGradient(out, in.get("T"));
            DMatrixRMaj dh = Networks.tanhVjp(h, mult(dOut, in.get("W")));
            return mult(transpose(x), dh); // the encoder's term only: the decoder's dOutᵀ a is missing
        }).at(point).check();
        Wiring w = onlyWiring(r, "W");
        assertEquals(Optional.of(new Miswiring(Miswiring.Kind.CONTRIBUTION_MISSING, "decode", Optional.empty())),
                w.matches(), r::report);
    }

    @Test
    void aTiedParameterOneStageForgetsIsCaughtAtThatStage() {
        Stage decodeWithoutW = Stage.of(in -> mult(in.get("x"), transpose(in.get("W"))),
                (in, g) -> Inputs.of("x", mult(g, in.get("W"))));
        Stage encode = Stage.of(in -> mult(in.get("x"), in.get("W")),
                (in, g) -> Inputs.of("x", mult(g, transpose(in.get("W"))), "W", mult(transpose(in.get("x")), g)));
        PipelineResult r = GradCheck.pipeline().stage("encode", encode).stage("tanh", Pipelines.TANH)
                .stage("decode", decodeWithoutW).loss("squared error", Pipelines.SQUARED_ERROR).constant("T")
                .at(Pipelines.autoencoderPoint(3, 4, 2, 1)).check();
        assertEquals(Optional.of("decode"), r.failedStage(), r::report);
        assertTrue(r.facts().containsKey("no gradient for W"), r::report);
        assertEquals(Status.PASSED, r.stage("encode").status());
    }
}
