package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Stage;
import io.github.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass at a point, then the chain rule back through the user's derivatives: each
 * stage's input (the value its derivative is checked at), the upstream gradient its vjp was fed
 * and what its backward returned. Every stage gets private copies of all the point's inputs here,
 * since which parameters a stage reads is known only from what its vjp returns.
 *
 * <p>The forward pass stops at the first stage whose forward throws, returns null or a value that
 * is not finite; a stage that throws on a matrix of the wrong shape is a configuration error
 * ({@link ShapeProbe}). Stages the chain cannot reach (below a stage whose backward threw or gave
 * its input a gradient of the wrong shape) get a stand-in upstream gradient drawn from the seed, so
 * that the inputs they are differentiated with respect to are still known.
 */
final class Recording {

    /** One stage's part of the two passes. */
    static final class Step {
        final StageSpec stage;
        /** The stage's input; null when the forward pass stopped before it. */
        DMatrixRMaj input;
        /** What the stage's forward returned (a matrix stage whose forward ran without failing). */
        DMatrixRMaj output;
        double loss = Double.NaN;
        /** Whether the forward threw, returned null or a value that is not finite. */
        boolean forwardFailed;
        /** What the backward returned, copied; null when it threw, returned null or did not run. */
        Inputs returned;
        /** The upstream gradient the vjp was given; null for the loss. */
        DMatrixRMaj upstream;
        /** Whether {@link #upstream} is the chain's own (else a stand-in). */
        boolean onChain;

        Step(StageSpec stage) {
            this.stage = stage;
        }

        boolean reached() {
            return input != null;
        }

        boolean ranBackward() {
            return returned != null;
        }
    }

    private final PipelineSpec spec;
    private final Inputs point;
    private final List<Step> steps = new ArrayList<>();
    private int stop = -1;

    private Recording(PipelineSpec spec, Inputs point) {
        this.spec = spec;
        this.point = point;
        for (StageSpec s : spec.stages()) {
            steps.add(new Step(s));
        }
    }

    /**
     * Runs both passes at {@code point}.
     *
     * @param point every input, validated; not modified
     * @throws IllegalArgumentException for a shape error between stages, or a backward that returns
     *     a gradient for an input the pipeline does not have or for a constant
     */
    static Recording at(PipelineSpec spec, Inputs point, Calls calls, Calls.Phase phase) {
        Recording r = new Recording(spec, point);
        r.forward(calls, phase);
        r.backward();
        return r;
    }

    List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    Inputs point() {
        return point;
    }

    /** The stage whose forward failed, or −1 when the forward pass reached the loss's value. */
    int stop() {
        return stop;
    }

    /** Every input of the point, with {@value Stage#INPUT} replaced by {@code x}. */
    Inputs everything(DMatrixRMaj x) {
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>(point.asMap());
        m.put(Stage.INPUT, x);
        return Inputs.of(m);
    }

    private void forward(Calls calls, Calls.Phase phase) {
        DMatrixRMaj x = point.get(Stage.INPUT).copy();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            step.input = x;
            Inputs in = everything(x);
            DMatrixRMaj out = null;
            try {
                if (step.stage.isLoss()) {
                    step.loss = calls.loss(step.stage, Values.copies(in.asMap()), phase);
                } else {
                    out = calls.forward(step.stage, Values.copies(in.asMap()), phase);
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                ShapeProbe.requireFits(spec.stages(), i, in, t, calls);
                step.forwardFailed = true;
                stop = i;
                return;
            }
            if (step.stage.isLoss()) {
                step.forwardFailed = !Double.isFinite(step.loss);
            } else {
                if (out != null && out.getNumElements() == 0) {
                    throw new IllegalArgumentException("stage \"" + step.stage.name() + "\" returns an empty matrix ("
                            + Numbers.shape(out.numRows, out.numCols) + "): there is nothing to pass on");
                }
                step.forwardFailed = out == null || !Values.finite(out);
                step.output = out == null ? null : out.copy();
            }
            if (step.forwardFailed) {
                stop = i;
                return;
            }
            x = step.output;
        }
    }

    private void backward() {
        int last = stop >= 0 ? stop - 1 : steps.size() - 1;
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        DMatrixRMaj g = null;
        boolean onChain = stop < 0;
        for (int i = last; i >= 0; i--) {
            Step step = steps.get(i);
            if (!step.stage.isLoss()) {
                onChain = onChain && g != null;
                step.upstream = onChain ? g : Values.gaussian(step.output.numRows, step.output.numCols, random);
                step.onChain = onChain;
            } else {
                step.onChain = true;
            }
            step.returned = backwardOf(step);
            g = null;
            if (step.returned != null && step.returned.contains(Stage.INPUT)) {
                DMatrixRMaj gx = step.returned.get(Stage.INPUT);
                g = Values.sameShape(gx, step.input) ? gx : null;
            }
        }
    }

    private Inputs backwardOf(Step step) {
        Inputs out;
        try {
            out = step.stage.backward(Values.copies(everything(step.input).asMap()),
                    step.upstream == null ? null : step.upstream.copy());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return null; // the stage's check calls it again and reports the throw
        }
        if (out == null) {
            return null;
        }
        Map<String, DMatrixRMaj> copies = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : out.asMap().entrySet()) {
            String name = e.getKey();
            if (!point.contains(name)) {
                throw new IllegalArgumentException("stage \"" + step.stage.name() + "\": its " + step.stage.derivative()
                        + " returns a gradient for \"" + name + "\", which is not an input of the pipeline; the inputs "
                        + "are " + String.join(", ", point.names()));
            }
            if (!name.equals(Stage.INPUT) && spec.isConstant(name)) {
                throw new IllegalArgumentException("stage \"" + step.stage.name() + "\": its " + step.stage.derivative()
                        + " returns a gradient for \"" + name + "\", which is a constant (never differentiated); "
                        + "remove that gradient or do not declare " + name + " constant");
            }
            copies.put(name, e.getValue().copy());
        }
        return Inputs.of(copies);
    }

    /**
     * The chain rule's gradient of the loss with respect to each named input: the sum of what the
     * backward of every stage on the chain returned for it (a parameter several stages read gets
     * the sum of their contributions). A contribution of the wrong shape is passed on as the
     * gradient (its check diagnoses it); an input no stage on the chain returns gets zero.
     */
    Map<String, DMatrixRMaj> chainGradients(List<String> names) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (String name : names) {
            DMatrixRMaj shape = point.get(name);
            DMatrixRMaj sum = new DMatrixRMaj(shape.numRows, shape.numCols);
            DMatrixRMaj misshapen = null;
            for (Step step : steps) {
                boolean returnedOnChain = step.onChain && step.ranBackward() && step.returned.contains(name);
                // the pipeline's input is the first stage's x; a later stage's x is an intermediate value
                boolean thisInput = !name.equals(Stage.INPUT) || step == steps.get(0);
                if (returnedOnChain && thisInput) {
                    DMatrixRMaj g = step.returned.get(name);
                    if (Values.sameShape(g, sum)) {
                        sum = Values.plus(sum, g);
                    } else if (misshapen == null) {
                        misshapen = g;
                    }
                }
            }
            out.put(name, misshapen != null ? misshapen.copy() : sum);
        }
        return out;
    }
}
