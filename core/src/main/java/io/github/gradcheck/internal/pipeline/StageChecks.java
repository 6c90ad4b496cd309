package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.MatrixOfCheck;
import io.github.gradcheck.ScalarOfCheck;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Status;
import io.github.gradcheck.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks each stage's derivative with the engine, at the values the forward pass fed the stage:
 * a matrix stage's vjp with {@code GradCheck.matrixOf(F).vjp(name, …)}, the loss's gradient with
 * {@code GradCheck.scalarOf(ℓ).gradient(name, …)}, one check per stage for all its inputs.
 *
 * <p>Which inputs a stage is differentiated with respect to: the names its derivative returned in
 * the recorded backward pass, and always its input {@value Stage#INPUT} after the first stage (an
 * intermediate value the chain rule must pass through: a derivative that leaves it out is checked
 * as returning zero). The first stage's input is differentiated when its derivative returns a
 * gradient for it and it is not a constant. A stage is checked seeing only its input, those
 * parameters and the constants; when its check throws because the forward or the derivative
 * reads another parameter, the parameters it reads are found by leaving them out one at a time,
 * and the stage is checked again with them, its derivative taken as zero for them.
 */
final class StageChecks {

    private final PipelineSpec spec;
    private final Recording recording;
    private final Calls calls;

    StageChecks(PipelineSpec spec, Recording recording, Calls calls) {
        this.spec = spec;
        this.recording = recording;
        this.calls = calls;
    }

    /**
     * Checks stage {@code index}, which the forward pass reached.
     *
     * @throws IllegalArgumentException when the stage is differentiated with respect to nothing
     */
    StageVerdict check(int index) {
        Recording.Step step = recording.steps().get(index);
        List<String> differentiated = new ArrayList<>();
        List<String> unreturned = new ArrayList<>();
        boolean xDifferentiable = index > 0 || !spec.isConstant(Stage.INPUT);
        if (step.forwardFailed || !step.ranBackward()) {
            // the stage's own failure, which its check reproduces: any input it is differentiated for will do
            Inputs everything = recording.everything(step.input);
            if (xDifferentiable) {
                differentiated.add(Stage.INPUT);
            } else {
                differentiated.addAll(spec.parameters(everything.names()));
            }
            requireSomething(step, differentiated);
            return new StageVerdict(step.stage, run(step.stage, everything, differentiated), everything, differentiated,
                    unreturned);
        }
        if (xDifferentiable && (index > 0 || step.returned.contains(Stage.INPUT))) {
            differentiated.add(Stage.INPUT);
            if (!step.returned.contains(Stage.INPUT)) {
                unreturned.add(Stage.INPUT);
            }
        }
        for (String name : step.returned.names()) {
            if (!name.equals(Stage.INPUT)) {
                differentiated.add(name);
            }
        }
        requireSomething(step, differentiated);
        Inputs at = restricted(step, differentiated);
        CheckResult result = run(step.stage, at, differentiated);
        if (result.status() == Status.THREW) {
            List<String> read = unlistedReads(step, at);
            if (!read.isEmpty()) {
                differentiated.addAll(read);
                unreturned.addAll(read);
                at = restricted(step, differentiated);
                result = run(step.stage, at, differentiated);
            }
        }
        return new StageVerdict(step.stage, result, at, differentiated, unreturned);
    }

    private static void requireSomething(Recording.Step step, List<String> differentiated) {
        if (differentiated.isEmpty()) {
            throw new IllegalArgumentException("stage \"" + step.stage.name() + "\" is differentiated with respect to "
                    + "nothing: its " + step.stage.derivative() + " returns no gradient and its input "
                    + Stage.INPUT + " is a constant");
        }
    }

    /** The stage's input, the parameters it is differentiated with respect to, and the constants. */
    private Inputs restricted(Recording.Step step, List<String> differentiated) {
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
        Inputs point = recording.point();
        for (String name : point.names()) {
            if (name.equals(Stage.INPUT)) {
                m.put(name, step.input);
            } else if (differentiated.contains(name) || spec.isConstant(name)) {
                m.put(name, point.get(name));
            }
        }
        return Inputs.of(m);
    }

    private CheckResult run(StageSpec stage, Inputs at, List<String> differentiated) {
        if (stage.isLoss()) {
            ScalarOfCheck check = GradCheck.scalarOf(in -> calls.loss(stage, in, Calls.Phase.STAGE_CHECKS));
            for (String name : differentiated) {
                check = check.gradient(name, in -> pick(stage.lossGradient().apply(in), name, in));
            }
            return Configure.scalar(check, spec, structures(differentiated)).at(at).check();
        }
        MatrixOfCheck check = GradCheck.matrixOf(in -> calls.forward(stage, in, Calls.Phase.STAGE_CHECKS));
        for (String name : differentiated) {
            check = check.vjp(name, (in, g) -> pick(stage.vjp().apply(in, g), name, in));
        }
        return Configure.matrix(check, spec, structures(differentiated)).at(at).check();
    }

    /** Declared structures of the differentiated point inputs (an intermediate value has none). */
    private Map<String, Structure> structures(List<String> differentiated) {
        Map<String, Structure> out = new LinkedHashMap<>();
        for (String name : differentiated) {
            Structure s = spec.structures().get(name);
            if (s != null && !name.equals(Stage.INPUT)) {
                out.put(name, s);
            }
        }
        return out;
    }

    /** The gradient a derivative returned for {@code name}; zero when it returned none (null stays null). */
    static DMatrixRMaj pick(Inputs returned, String name, Inputs in) {
        if (returned == null) {
            return null;
        }
        if (returned.contains(name)) {
            return returned.get(name);
        }
        DMatrixRMaj shape = in.get(name);
        return new DMatrixRMaj(shape.numRows, shape.numCols);
    }

    /**
     * The parameters outside {@code at} that the stage's functions read: none when they also throw
     * with every input there, or run without them (then the throw was the stage's own).
     */
    private List<String> unlistedReads(Recording.Step step, Inputs at) {
        Inputs everything = recording.everything(step.input);
        if (runs(step, at) || !runs(step, everything)) {
            return List.of();
        }
        List<String> read = new ArrayList<>();
        for (String name : everything.names()) {
            if (!at.contains(name)) {
                read.add(name);
            }
        }
        for (String candidate : List.copyOf(read)) {
            List<String> without = new ArrayList<>(read);
            without.remove(candidate);
            if (runs(step, with(at, without))) {
                read = without;
            }
        }
        return read;
    }

    private Inputs with(Inputs at, List<String> more) {
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>(at.asMap());
        for (String name : more) {
            m.put(name, recording.point().get(name));
        }
        return Inputs.of(m);
    }

    /** Whether the stage's forward and derivative run on these inputs without throwing. */
    private boolean runs(Recording.Step step, Inputs in) {
        try {
            if (step.stage.isLoss()) {
                calls.loss(step.stage, Values.copies(in.asMap()), Calls.Phase.PROBES);
            } else {
                calls.forward(step.stage, Values.copies(in.asMap()), Calls.Phase.PROBES);
            }
            step.stage.backward(Values.copies(in.asMap()), step.upstream == null ? null : step.upstream.copy());
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return false;
        }
    }
}
