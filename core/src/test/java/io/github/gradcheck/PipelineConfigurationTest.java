package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Building a pipeline: every bad argument gets its own error, and derived pipelines never change the original. */
class PipelineConfigurationTest extends QuietTest {

    private static final Inputs POINT = Pipelines.softmaxRegressionPoint(3, 2, 3, 7);

    private static Inputs with(String name, DMatrixRMaj value) {
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>(POINT.asMap());
        m.put(name, value);
        return Inputs.of(m);
    }

    @Test
    void aPipelineWithoutALossCannotBeCheckedYet() {
        PipelineCheck noLoss = GradCheck.pipeline().stage("softmax", Pipelines.SOFTMAX);
        assertThrows(IllegalStateException.class, () -> noLoss.at(POINT));
        assertThrows(IllegalStateException.class, () -> noLoss.forAll(Pipelines.softmaxRegressionDomain()));
    }

    @Test
    void theLossEndsThePipeline() {
        PipelineCheck complete = Pipelines.softmaxRegression();
        assertThrows(IllegalStateException.class, () -> complete.stage("more", Pipelines.SOFTMAX));
        assertThrows(IllegalStateException.class, () -> complete.loss("again", Pipelines.CROSS_ENTROPY));
    }

    @Test
    void stagesAndLossesAreNotInterchangeable() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.pipeline().stage("ce", Pipelines.CROSS_ENTROPY));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.pipeline().loss("softmax", Pipelines.SOFTMAX));
        assertTrue(Pipelines.CROSS_ENTROPY.isLoss());
    }

    @Test
    void namesAreNonEmptyAndUnique() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.pipeline().stage("", Pipelines.SOFTMAX));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.pipeline().stage(null, Pipelines.SOFTMAX));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.pipeline().stage("s", Pipelines.SOFTMAX).stage("s", Pipelines.TANH));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.pipeline().stage("s", Pipelines.SOFTMAX).loss("s", Pipelines.CROSS_ENTROPY));
    }

    @Test
    void nullStagesAndFunctionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.pipeline().stage("s", null));
        assertThrows(IllegalArgumentException.class, () -> Stage.of(null, (in, g) -> in));
        assertThrows(IllegalArgumentException.class, () -> Stage.matrix(x -> x, null));
        assertThrows(IllegalArgumentException.class, () -> Stage.loss(null, in -> in));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().gradient("W", null));
    }

    @Test
    void thePointNeedsTheInputAndFiniteNonEmptyMatrices() {
        Map<String, DMatrixRMaj> noX = new LinkedHashMap<>(POINT.asMap());
        noX.remove("x");
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().at(Inputs.of(noX)));
        DMatrixRMaj nan = Matrices.random(3, 2, 1);
        nan.set(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().at(with("x", nan)));
        assertThrows(IllegalArgumentException.class,
                () -> Pipelines.softmaxRegression().at(with("W", new DMatrixRMaj(0, 3))));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().at(null));
    }

    @Test
    void gradientsAndConstantsNameInputsThatExist() {
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().gradient("V", in -> in.get("W"))
                .at(POINT));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().gradient("x", in -> in.get("x")));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().gradient("Y", in -> in.get("Y"))
                .at(POINT));
        assertThrows(IllegalStateException.class, () -> Pipelines.softmaxRegression().gradient("W", in -> in.get("W"))
                .gradient("W", in -> in.get("W")));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().constant("Z").at(POINT));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().constant("x"));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().tolerance(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().tolerance(1e-5, -1));
        assertThrows(IllegalArgumentException.class, () -> Pipelines.softmaxRegression().mode(null));
        assertThrows(IllegalArgumentException.class,
                () -> Pipelines.softmaxRegression().forAll(Pipelines.softmaxRegressionDomain()).trials(0));
    }

    @Test
    void aPipelineWithNothingToDifferentiateEndToEndIsRejected() {
        PipelineCheck noParameters = GradCheck.pipeline().stage("softmax", Pipelines.SOFTMAX)
                .loss("cross-entropy", Pipelines.CROSS_ENTROPY).constant("Y");
        Domain constantInput = Domain.dims("n=1..3", "k=2..3").input("x", "n", "k", Structure.SIMPLEX_ROWS)
                .input("Y", "n", "k", Structure.ONE_HOT_ROWS);
        assertTrue(noParameters.forAll(constantInput).trials(5).run().passed()); // the input is differentiated
        Domain allConstant = Domain.dims("n=1..3", "k=2..3").input("x", "n", "k", Structure.INTEGER)
                .input("Y", "n", "k", Structure.ONE_HOT_ROWS);
        assertThrows(IllegalArgumentException.class, () -> noParameters.forAll(allConstant));
    }

    @Test
    void askingForAStageThatDoesNotExistIsAnError() {
        PipelineResult r = Pipelines.softmaxRegression().at(POINT).check();
        assertThrows(IllegalArgumentException.class, () -> r.stage("relu"));
    }

    @Test
    void derivedPipelinesNeverChangeTheOriginal() {
        PipelineCheck base = GradCheck.pipeline().stage("affine", Pipelines.affine("W", "b")).constant("Y");
        PipelineCheck short1 = base.loss("loss", Pipelines.SOFTMAX_CROSS_ENTROPY);
        PipelineCheck long1 = base.stage("softmax", Pipelines.SOFTMAX).loss("loss", Pipelines.CROSS_ENTROPY).seed(9);
        assertEquals(List.of("affine", "loss"), List.copyOf(short1.at(POINT).check().stages().keySet()));
        assertEquals(List.of("affine", "softmax", "loss"), List.copyOf(long1.at(POINT).check().stages().keySet()));
        assertEquals(0, short1.at(POINT).check().seed());
        assertEquals(9, long1.at(POINT).check().seed());
        assertThrows(IllegalStateException.class, () -> base.at(POINT)); // still without a loss
    }

    @Test
    void thePointIsCopied() {
        DMatrixRMaj w = POINT.get("W").copy();
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>(POINT.asMap());
        m.put("W", w);
        PipelinePoint point = Pipelines.softmaxRegression().at(Inputs.of(m));
        PipelineResult before = point.check();
        w.set(0, 0, 1e6);
        PipelineResult after = point.check();
        assertEquals(before.endToEnd().maxAbsError(), after.endToEnd().maxAbsError());
    }
}
