package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Structure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything a pipeline check needs except the point: the stages in forward order (the loss
 * last), the user's own end-to-end gradients, the constants, and the options every check of the
 * pipeline gets. Immutable: each {@code with…} returns a new spec.
 *
 * @param stages the stages, in forward order
 * @param gradients the user's end-to-end gradient of the loss per parameter, in the order given
 * @param constants inputs that are data, never differentiated
 * @param structures declared structure per input (from a random-trials domain)
 * @param mode the mode of every check
 * @param rtol the relative tolerance, when {@code toleranceSet}
 * @param atol the absolute tolerance, when {@code toleranceSet}
 * @param toleranceSet whether the user set the tolerances (else each check has its default)
 * @param seed the seed of every check
 */
public record PipelineSpec(List<StageSpec> stages, Map<String, Function<Inputs, DMatrixRMaj>> gradients,
                           Set<String> constants, Map<String, Structure> structures, Mode mode, double rtol,
                           double atol, boolean toleranceSet, long seed) {

    /** The relative tolerance the wiring diagnosis compares with when none is set (the checks' default). */
    static final double DEFAULT_RTOL = 1e-5;

    public PipelineSpec {
        stages = List.copyOf(stages);
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        constants = Collections.unmodifiableSet(new LinkedHashSet<>(constants));
        structures = Collections.unmodifiableMap(new LinkedHashMap<>(structures));
    }

    /** An empty pipeline with default options. */
    public static PipelineSpec empty() {
        return new PipelineSpec(List.of(), Map.of(), Set.of(), Map.of(), Mode.AUTO, DEFAULT_RTOL, 0, false, 0);
    }

    /** Whether the pipeline ends with its loss. */
    public boolean complete() {
        return !stages.isEmpty() && stages.get(stages.size() - 1).isLoss();
    }

    /**
     * @throws IllegalStateException after the loss
     * @throws IllegalArgumentException for a loss stage, or a name used twice
     */
    public PipelineSpec withStage(StageSpec stage) {
        if (complete()) {
            throw new IllegalStateException("stage(\"" + stage.name() + "\", …) after the loss: the loss ends the "
                    + "pipeline, add stages before it");
        }
        if (stage.isLoss()) {
            throw new IllegalArgumentException("stage(\"" + stage.name() + "\", …) is given a loss (Stage.loss): "
                    + "use loss(\"" + stage.name() + "\", …), which ends the pipeline");
        }
        return withAppended(stage);
    }

    /**
     * @throws IllegalStateException when the pipeline already has its loss
     * @throws IllegalArgumentException for a matrix stage, or a name used twice
     */
    public PipelineSpec withLoss(StageSpec loss) {
        if (complete()) {
            throw new IllegalStateException("loss(\"" + loss.name() + "\", …): the pipeline already ends with the loss "
                    + stages.get(stages.size() - 1).name());
        }
        if (!loss.isLoss()) {
            throw new IllegalArgumentException("loss(\"" + loss.name() + "\", …) is given a matrix stage: a loss is "
                    + "Stage.loss(value, gradient), a scalar of its inputs");
        }
        return withAppended(loss);
    }

    private PipelineSpec withAppended(StageSpec stage) {
        for (StageSpec s : stages) {
            if (s.name().equals(stage.name())) {
                throw new IllegalArgumentException("two stages are named \"" + stage.name() + "\": stage names must "
                        + "be unique");
            }
        }
        List<StageSpec> more = new ArrayList<>(stages);
        more.add(stage);
        return new PipelineSpec(more, gradients, constants, structures, mode, rtol, atol, toleranceSet, seed);
    }

    /**
     * @throws IllegalArgumentException for the pipeline's input or a null function
     * @throws IllegalStateException when that parameter already has a gradient
     */
    public PipelineSpec withGradient(String parameter, Function<Inputs, DMatrixRMaj> gradient) {
        if (Stage.INPUT.equals(parameter)) {
            throw new IllegalArgumentException("gradient(\"" + Stage.INPUT + "\", …): \"" + Stage.INPUT + "\" is the "
                    + "pipeline's input, not a parameter");
        }
        if (gradient == null) {
            throw new IllegalArgumentException("gradient(\"" + parameter + "\", …): the gradient function is null");
        }
        if (gradients.containsKey(parameter)) {
            throw new IllegalStateException("gradient(\"" + parameter + "\", …): that parameter already has a gradient");
        }
        Map<String, Function<Inputs, DMatrixRMaj>> more = new LinkedHashMap<>(gradients);
        more.put(parameter, gradient);
        return new PipelineSpec(stages, more, constants, structures, mode, rtol, atol, toleranceSet, seed);
    }

    /**
     * @throws IllegalArgumentException for the pipeline's input, or a name that has a gradient
     */
    public PipelineSpec withConstant(String name) {
        if (Stage.INPUT.equals(name)) {
            throw new IllegalArgumentException("constant(\"" + Stage.INPUT + "\"): \"" + Stage.INPUT + "\" is the "
                    + "pipeline's input, which is never differentiated end to end anyway");
        }
        Set<String> more = new LinkedHashSet<>(constants);
        more.add(name);
        return new PipelineSpec(stages, gradients, more, structures, mode, rtol, atol, toleranceSet, seed);
    }

    /** The structures of a random-trials domain's inputs. */
    public PipelineSpec withStructures(Map<String, Structure> declared) {
        return new PipelineSpec(stages, gradients, constants, declared, mode, rtol, atol, toleranceSet, seed);
    }

    /**
     * @throws IllegalArgumentException for a null mode
     */
    public PipelineSpec withMode(Mode newMode) {
        if (newMode == null) {
            throw new IllegalArgumentException("mode: the mode is null; use AUTO, FULL or FAST");
        }
        return new PipelineSpec(stages, gradients, constants, structures, newMode, rtol, atol, toleranceSet, seed);
    }

    /**
     * @throws IllegalArgumentException for a negative, NaN or infinite tolerance
     */
    public PipelineSpec withTolerance(double newRtol, double newAtol) {
        requireTolerance("rtol", newRtol);
        requireTolerance("atol", newAtol);
        return new PipelineSpec(stages, gradients, constants, structures, mode, newRtol, newAtol, true, seed);
    }

    public PipelineSpec withSeed(long newSeed) {
        return new PipelineSpec(stages, gradients, constants, structures, mode, rtol, atol, toleranceSet, newSeed);
    }

    /** Whether an input is data: declared constant, or of a constant structure (ONE_HOT_ROWS, INTEGER). */
    public boolean isConstant(String name) {
        Structure s = structures.get(name);
        return constants.contains(name) || (s != null && s.isConstant());
    }

    /**
     * The parameters among the named inputs: every input except the pipeline's input and the
     * constants, in order.
     */
    public List<String> parameters(Set<String> inputs) {
        List<String> out = new ArrayList<>();
        for (String name : inputs) {
            if (!name.equals(Stage.INPUT) && !isConstant(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Checks that the inputs fit the pipeline: it has its loss, the input {@value Stage#INPUT} is
     * there, and every end-to-end gradient and constant names an input (a gradient a parameter).
     *
     * @param where how messages name the inputs ("the inputs", "the domain's inputs")
     * @throws IllegalStateException when the pipeline has no loss
     * @throws IllegalArgumentException otherwise
     */
    public void requireFits(Set<String> inputs, String where) {
        if (!complete()) {
            throw new IllegalStateException("the pipeline has no loss: end it with loss(name, Stage.loss(…))");
        }
        if (!inputs.contains(Stage.INPUT)) {
            throw new IllegalArgumentException("the pipeline's input \"" + Stage.INPUT + "\" is missing: "
                    + where + " are " + String.join(", ", inputs));
        }
        for (String name : constants) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("constant(\"" + name + "\"): there is no such input; " + where
                        + " are " + String.join(", ", inputs));
            }
        }
        for (String name : gradients.keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("gradient(\"" + name + "\", …): there is no such input; " + where
                        + " are " + String.join(", ", inputs));
            }
            if (isConstant(name)) {
                throw new IllegalArgumentException("gradient(\"" + name + "\", …): " + name + " is a constant, never "
                        + "differentiated; remove its gradient");
            }
        }
    }

    private static void requireTolerance(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tolerance: " + name + " must be finite and ≥ 0, got " + value);
        }
    }
}
