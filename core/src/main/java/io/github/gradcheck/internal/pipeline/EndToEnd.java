package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.ScalarOfCheck;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Structure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * The end-to-end check: {@code GradCheck.scalarOf(whole forward pass).gradient(p, …)} for every
 * parameter p, the gradient being the user's {@code gradient(p, …)} where given, else the chain
 * rule through the stages' derivatives (recorded at the point).
 *
 * <p>The whole forward pass gives each stage only the inputs its check saw. A stage whose inputs
 * are bit for bit those of the forward pass at the point is not called again: its recorded output
 * is passed on. So perturbing a parameter of the last stage calls only the last stage, and the
 * check costs, in calls of the stages, far less than (evaluations × stages). This relies on the
 * stages being deterministic, which each stage's own check verifies.
 */
final class EndToEnd implements ToDoubleFunction<Inputs> {

    private final List<StageSpec> stages;
    private final Calls calls;
    /** Per stage: the inputs it reads, at the point; null for a stage the forward pass did not get past. */
    private final Inputs[] base;
    /** Per stage: the names of the inputs it reads. */
    private final List<List<String>> reads;
    private final DMatrixRMaj[] outputs;
    private final double loss;

    private EndToEnd(List<StageSpec> stages, Calls calls, Inputs[] base, List<List<String>> reads,
                     DMatrixRMaj[] outputs, double loss) {
        this.stages = stages;
        this.calls = calls;
        this.base = base;
        this.reads = reads;
        this.outputs = outputs;
        this.loss = loss;
    }

    /**
     * Runs the end-to-end check.
     *
     * @param differentiated the inputs whose gradient is checked: the parameters, or the input
     * @param verdicts the stages' checks, in forward order (fewer than the stages when the forward
     *     pass stopped)
     */
    static CheckResult check(PipelineSpec spec, Recording recording, List<StageVerdict> verdicts,
                             List<String> differentiated, Calls calls) {
        List<StageSpec> stages = spec.stages();
        Inputs[] base = new Inputs[stages.size()];
        DMatrixRMaj[] outputs = new DMatrixRMaj[stages.size()];
        List<List<String>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Recording.Step step = recording.steps().get(i);
            boolean checked = i < verdicts.size();
            Inputs seen = checked ? verdicts.get(i).inputs() : recording.point();
            reads.add(List.copyOf(seen.names()));
            if (checked && !step.forwardFailed) {
                base[i] = seen;
                outputs[i] = step.output;
            }
        }
        Recording.Step last = recording.steps().get(stages.size() - 1);
        EndToEnd whole = new EndToEnd(stages, calls, base, reads, outputs, last.loss);

        Map<String, DMatrixRMaj> chain = recording.chainGradients(differentiated);
        ScalarOfCheck check = GradCheck.scalarOf(whole);
        Map<String, Structure> structures = new LinkedHashMap<>();
        for (String name : differentiated) {
            Function<Inputs, DMatrixRMaj> given = spec.gradients().get(name);
            check = check.gradient(name, given != null ? given : in -> chainAt(spec, recording, in, differentiated,
                    chain, calls).get(name).copy());
            Structure s = spec.structures().get(name);
            if (s != null && !name.equals(Stage.INPUT)) {
                structures.put(name, s);
            }
        }
        return Configure.scalar(check, spec, structures).at(recording.point()).check();
    }

    /** The chain rule's gradients: the recorded ones at the point, a fresh forward and backward pass elsewhere. */
    private static Map<String, DMatrixRMaj> chainAt(PipelineSpec spec, Recording recording, Inputs in,
                                                    List<String> names, Map<String, DMatrixRMaj> atPoint, Calls calls) {
        boolean same = true;
        for (String name : recording.point().names()) {
            same = same && in.contains(name) && Values.identical(in.get(name), recording.point().get(name));
        }
        return same ? atPoint : Recording.at(spec, in, calls, Calls.Phase.END_TO_END).chainGradients(names);
    }

    /**
     * ℓ(F_{n−1}(…F_0(x))), each stage called only when its inputs differ from the point's. The
     * stages get the engine's own copies of the inputs (it detects a stage that modifies them) and
     * fresh intermediate values; a recorded output passed on is copied first.
     */
    @Override
    public double applyAsDouble(Inputs in) {
        DMatrixRMaj x = in.get(Stage.INPUT);
        boolean recorded = false;
        for (int i = 0; i < stages.size(); i++) {
            StageSpec stage = stages.get(i);
            Map<String, DMatrixRMaj> args = new LinkedHashMap<>();
            for (String name : reads.get(i)) {
                args.put(name, name.equals(Stage.INPUT) ? x : in.get(name));
            }
            if (base[i] != null && unchanged(args, base[i])) {
                if (stage.isLoss()) {
                    return loss;
                }
                x = outputs[i];
                recorded = true;
                continue;
            }
            if (recorded) {
                args.put(Stage.INPUT, x.copy());
            }
            if (stage.isLoss()) {
                return calls.loss(stage, Inputs.of(args), Calls.Phase.END_TO_END);
            }
            x = calls.forward(stage, Inputs.of(args), Calls.Phase.END_TO_END);
            recorded = false;
            if (x == null) {
                throw new IllegalStateException("stage \"" + stage.name() + "\" returned null instead of a matrix");
            }
        }
        throw new IllegalStateException("a pipeline ends with its loss");
    }

    private static boolean unchanged(Map<String, DMatrixRMaj> args, Inputs at) {
        for (Map.Entry<String, DMatrixRMaj> e : args.entrySet()) {
            if (!Values.identical(e.getValue(), at.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
