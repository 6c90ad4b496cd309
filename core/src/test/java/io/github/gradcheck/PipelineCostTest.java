package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.mult;
import static io.github.gradcheck.testing.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.Networks;
import io.github.gradcheck.testing.Pipelines;
import io.github.gradcheck.testing.QuietTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The cost of a pipeline check, counted by the user's own functions: at most what a user pays
 * checking each stage on its own (at the same values, with the same engine) plus one end-to-end
 * check of the whole forward pass; and {@code evaluations()} is exactly the count.
 */
class PipelineCostTest extends QuietTest {

    /** A stage as a user would check it on its own: counted functions and the parameters it reads. */
    private record Layer(String name, Function<Inputs, DMatrixRMaj> forward, BiFunction<Inputs, DMatrixRMaj, Inputs> vjp,
                         ToDoubleFunction<Inputs> loss, Function<Inputs, Inputs> gradient, List<String> reads) {

        Stage stage() {
            return loss == null ? Stage.of(forward, vjp) : Stage.loss(loss, gradient);
        }
    }

    private static Layer affine(String w, String b, AtomicLong calls) {
        return new Layer("affine " + w, in -> {
            calls.incrementAndGet();
            return Networks.affine(in.get("x"), in.get(w), in.get(b));
        }, (in, g) -> Networks.affineVjp(in.get("x"), in.get(w), g, w, b, true), null, null, List.of(w, b));
    }

    private static Layer matrix(String name, java.util.function.UnaryOperator<DMatrixRMaj> f,
                                java.util.function.BinaryOperator<DMatrixRMaj> vjp, AtomicLong calls) {
        return new Layer(name, in -> {
            calls.incrementAndGet();
            return f.apply(in.get("x"));
        }, (in, g) -> Inputs.of("x", vjp.apply(in.get("x"), g)), null, null, List.of());
    }

    private static Layer loss(String name, ToDoubleFunction<Inputs> f, Function<Inputs, Inputs> gradient, String data,
                              AtomicLong calls) {
        return new Layer(name, null, null, in -> {
            calls.incrementAndGet();
            return f.applyAsDouble(in);
        }, gradient, List.of(data));
    }

    /** The pipeline's own calls of the stages, and the cost of the same checks written one by one. */
    private record Cost(long pipeline, long reported, long standalone) {
    }

    private static Cost measure(List<Layer> layers, Inputs point, List<String> parameters, String constant,
                                AtomicLong calls, Map<String, Function<Inputs, DMatrixRMaj>> rightGradients) {
        PipelineCheck pipeline = GradCheck.pipeline();
        for (Layer l : layers) {
            pipeline = l.loss == null ? pipeline.stage(l.name, l.stage()) : pipeline.loss(l.name, l.stage());
        }
        calls.set(0);
        PipelineResult result = pipeline.constant(constant).at(point).check();
        assertTrue(result.passed(), result::report);
        long pipelineCalls = calls.get();

        // each stage on its own, at the values the forward pass feeds it
        List<Inputs> atStage = new ArrayList<>();
        DMatrixRMaj x = point.get("x");
        for (Layer l : layers) {
            Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
            m.put("x", x);
            l.reads.forEach(name -> m.put(name, point.get(name)));
            atStage.add(Inputs.of(m));
            if (l.loss == null) {
                x = l.forward.apply(Inputs.of(m));
            }
        }
        calls.set(0);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.loss != null) {
                GradCheck.scalarOf(l.loss).gradient("x", in -> l.gradient.apply(in).get("x")).at(atStage.get(i)).check();
                continue;
            }
            MatrixOfCheck check = GradCheck.matrixOf(l.forward).vjp("x", (in, g) -> l.vjp.apply(in, g).get("x"));
            for (String p : l.reads) {
                check = check.vjp(p, (in, g) -> l.vjp.apply(in, g).get(p));
            }
            check.at(atStage.get(i)).check();
        }
        // plus one end-to-end check of the whole forward pass
        ScalarOfCheck endToEnd = GradCheck.scalarOf(in -> {
            DMatrixRMaj h = in.get("x");
            for (Layer l : layers) {
                Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
                m.put("x", h);
                l.reads.forEach(name -> m.put(name, in.get(name)));
                if (l.loss != null) {
                    return l.loss.applyAsDouble(Inputs.of(m));
                }
                h = l.forward.apply(Inputs.of(m));
            }
            throw new IllegalStateException();
        });
        for (String p : parameters) {
            endToEnd = endToEnd.gradient(p, rightGradients.get(p));
        }
        assertTrue(endToEnd.at(point).check().passed());
        return new Cost(pipelineCalls, result.evaluations(), calls.get());
    }

    @Test
    void aTwoLayerNetworkCostsLessThanItsStagesChecksPlusOneEndToEndCheck() {
        AtomicLong calls = new AtomicLong();
        List<Layer> layers = List.of(affine("W1", "b1", calls), matrix("tanh", Networks::tanh, Networks::tanhVjp, calls),
                affine("W2", "b2", calls), loss("cross-entropy", in -> Networks.softmaxCrossEntropy(in.get("x"), in.get("Y")),
                        in -> Inputs.of("x", Networks.softmaxCrossEntropyGradient(in.get("x"), in.get("Y"))), "Y", calls));
        Map<String, Function<Inputs, DMatrixRMaj>> right = new LinkedHashMap<>();
        for (String p : List.of("W1", "b1", "W2", "b2")) {
            right.put(p, in -> Pipelines.twoLayerGradient(in, p, Pipelines.Wiring.RIGHT));
        }
        Cost cost = measure(layers, Pipelines.twoLayerPoint(6, 5, 8, 4, 3), List.of("W1", "b1", "W2", "b2"), "Y", calls,
                right);
        assertEquals(cost.pipeline(), cost.reported());
        assertTrue(cost.pipeline() <= cost.standalone(), cost::toString);
    }

    @Test
    void softmaxRegressionCostsAtMostItsStagesChecksPlusOneEndToEndCheck() {
        AtomicLong calls = new AtomicLong();
        List<Layer> layers = List.of(affine("W", "b", calls),
                matrix("softmax", Matrices::softmaxRows, Matrices::softmaxRowsVjp, calls),
                loss("cross-entropy", in -> Networks.crossEntropy(in.get("x"), in.get("Y")),
                        in -> Inputs.of("x", Networks.crossEntropyGradient(in.get("x"), in.get("Y"))), "Y", calls));
        Function<Inputs, DMatrixRMaj> residual = in -> Matrices.minus(
                Matrices.softmaxRows(Networks.affine(in.get("x"), in.get("W"), in.get("b"))), in.get("Y"));
        Map<String, Function<Inputs, DMatrixRMaj>> right = Map.of(
                "W", in -> mult(transpose(in.get("x")), residual.apply(in)),
                "b", in -> Networks.columnSums(residual.apply(in)));
        Cost cost = measure(layers, Pipelines.softmaxRegressionPoint(6, 5, 4, 3), List.of("W", "b"), "Y", calls, right);
        assertEquals(cost.pipeline(), cost.reported());
        assertTrue(cost.pipeline() <= cost.standalone(), cost::toString);
    }
}
