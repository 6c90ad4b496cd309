package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.PipelineResult.Entry;
import io.github.gradcheck.PipelineResult.Miswiring;
import io.github.gradcheck.PipelineResult.Wiring;
import io.github.gradcheck.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * When every stage is right but a gradient the user wired end to end is not: compares it with the
 * chain rule's gradient (right, since every stage's derivative is) entry by entry, and with the
 * gradients of candidate miswirings computed through the user's own derivatives at the recorded
 * values: one stage's derivative evaluated at another stage's input (a cached value of the wrong
 * stage), one stage's vjp given another stage's upstream gradient (a gradient passed to the wrong
 * stage), and a parameter several stages read without one stage's contribution. A candidate is
 * named only when the user's gradient equals it within the tolerance while it differs from the
 * right gradient beyond it.
 */
final class WiringAnalysis {

    /** At most this many miswirings are computed (each costs a partial backward pass, no forward call). */
    static final int MAX_CANDIDATES = 256;

    private record Candidate(Miswiring miswiring, Map<String, DMatrixRMaj> gradients) {
    }

    private final PipelineSpec spec;
    private final Recording recording;
    private final List<Recording.Step> steps;
    private List<Candidate> candidates;

    private WiringAnalysis(PipelineSpec spec, Recording recording) {
        this.spec = spec;
        this.recording = recording;
        this.steps = recording.steps();
    }

    /**
     * The wiring of every parameter with a user gradient, at a point where every stage passed.
     *
     * @param parameters the pipeline's parameters
     */
    static List<Wiring> analyse(PipelineSpec spec, Recording recording, List<String> parameters) {
        WiringAnalysis analysis = new WiringAnalysis(spec, recording);
        Map<String, DMatrixRMaj> right = recording.chainGradients(parameters);
        List<Wiring> out = new ArrayList<>();
        for (Map.Entry<String, Function<Inputs, DMatrixRMaj>> e : spec.gradients().entrySet()) {
            DMatrixRMaj given = analysis.userGradient(e.getValue());
            DMatrixRMaj correct = right.get(e.getKey());
            if (given != null && correct != null && Values.sameShape(given, correct) && Values.finite(given)) {
                analysis.compare(e.getKey(), given, correct).ifPresent(out::add);
            }
        }
        return out;
    }

    private DMatrixRMaj userGradient(Function<Inputs, DMatrixRMaj> gradient) {
        try {
            DMatrixRMaj g = gradient.apply(Values.copies(recording.point().asMap()));
            return g == null ? null : g.copy();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return null; // the end-to-end check reports the throw
        }
    }

    private double tolerance(DMatrixRMaj right) {
        double rtol = spec.toleranceSet() ? spec.rtol() : PipelineSpec.DEFAULT_RTOL;
        double atol = spec.toleranceSet() ? spec.atol() : 0;
        return atol + rtol * Values.maxAbs(right) + Double.MIN_NORMAL;
    }

    private Optional<Wiring> compare(String parameter, DMatrixRMaj given, DMatrixRMaj right) {
        double tol = tolerance(right);
        List<Entry> wrong = new ArrayList<>();
        for (int r = 0; r < right.numRows; r++) {
            for (int c = 0; c < right.numCols; c++) {
                if (Math.abs(given.get(r, c) - right.get(r, c)) > tol) {
                    wrong.add(new Entry(r, c));
                }
            }
        }
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        List<Candidate> tried = new ArrayList<>();
        for (Candidate c : candidates(parameter)) {
            DMatrixRMaj g = c.gradients.get(parameter);
            if (g != null && Values.sameShape(g, right) && Values.maxAbsDifference(g, right) > tol) {
                tried.add(c);
            }
        }
        Optional<Miswiring> match = Optional.empty();
        for (Candidate c : tried) {
            if (Values.maxAbsDifference(c.gradients.get(parameter), given) <= tol) {
                match = Optional.of(c.miswiring);
                break;
            }
        }
        return Optional.of(new Wiring(parameter, wrong, right.getNumElements(), match, tried.size()));
    }

    /** The shared candidates (computed once), then those that leave out one contribution to this parameter. */
    private List<Candidate> candidates(String parameter) {
        if (candidates == null) {
            candidates = shared();
        }
        List<Candidate> all = new ArrayList<>(candidates);
        Map<String, DMatrixRMaj> right = recording.chainGradients(List.of(parameter));
        List<Recording.Step> contributing = new ArrayList<>();
        for (Recording.Step step : steps) {
            if (step.ranBackward() && step.returned.contains(parameter)
                    && Values.sameShape(step.returned.get(parameter), right.get(parameter))) {
                contributing.add(step);
            }
        }
        if (contributing.size() < 2) {
            return all; // one term only: nothing to leave out of a sum
        }
        for (Recording.Step step : contributing) {
            Map<String, DMatrixRMaj> without = Map.of(parameter,
                    Values.minus(right.get(parameter), step.returned.get(parameter)));
            all.add(new Candidate(new Miswiring(Miswiring.Kind.CONTRIBUTION_MISSING, step.stage.name(),
                    Optional.empty()), without));
        }
        return all;
    }

    private List<Candidate> shared() {
        List<Candidate> out = new ArrayList<>();
        for (int j = 0; j < steps.size() && out.size() < MAX_CANDIDATES; j++) {
            Recording.Step at = steps.get(j);
            for (int k = 0; k < steps.size() && out.size() < MAX_CANDIDATES; k++) {
                Recording.Step other = steps.get(k);
                if (k != j && Values.sameShape(other.input, at.input) && !Values.identical(other.input, at.input)) {
                    add(out, new Miswiring(Miswiring.Kind.INPUT_OF_ANOTHER_STAGE, at.stage.name(),
                            Optional.of(other.stage.name())), rerun(j, other.input, null));
                }
                if (k != j && at.upstream != null && other.upstream != null
                        && Values.sameShape(other.upstream, at.upstream) && !Values.identical(other.upstream, at.upstream)) {
                    add(out, new Miswiring(Miswiring.Kind.UPSTREAM_OF_ANOTHER_STAGE, at.stage.name(),
                            Optional.of(other.stage.name())), rerun(j, null, other.upstream));
                }
            }
        }
        return out;
    }

    private static void add(List<Candidate> out, Miswiring miswiring, Map<String, DMatrixRMaj> gradients) {
        if (gradients != null) {
            out.add(new Candidate(miswiring, gradients));
        }
    }

    /**
     * The parameters' gradients when stage j's derivative is evaluated with its input replaced by
     * {@code input}, or its vjp given {@code upstream}; the chain continues from there. Stages after
     * j contribute as recorded. Null when a derivative throws or returns null on the way.
     */
    private Map<String, DMatrixRMaj> rerun(int j, DMatrixRMaj input, DMatrixRMaj upstream) {
        Map<String, DMatrixRMaj> sums = new LinkedHashMap<>();
        for (int i = steps.size() - 1; i > j; i--) {
            addParameters(sums, steps.get(i).returned);
        }
        DMatrixRMaj g = null;
        for (int i = j; i >= 0; i--) {
            Recording.Step step = steps.get(i);
            DMatrixRMaj x = i == j && input != null ? input : step.input;
            DMatrixRMaj upstreamHere = i == j ? (upstream != null ? upstream : step.upstream) : g;
            if (!step.stage.isLoss() && upstreamHere == null) {
                break;
            }
            Inputs out;
            try {
                out = step.stage.backward(Values.copies(recording.everything(x).asMap()),
                        upstreamHere == null ? null : upstreamHere.copy());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                return null;
            }
            if (out == null) {
                return null;
            }
            addParameters(sums, out);
            g = out.contains(Stage.INPUT) && Values.sameShape(out.get(Stage.INPUT), step.input)
                    ? out.get(Stage.INPUT) : null;
        }
        return sums;
    }

    private void addParameters(Map<String, DMatrixRMaj> sums, Inputs returned) {
        if (returned == null) {
            return;
        }
        for (String name : returned.names()) {
            DMatrixRMaj g = returned.get(name);
            if (!name.equals(Stage.INPUT) && Values.sameShape(g, recording.point().get(name))) {
                sums.merge(name, g.copy(), Values::plus);
            }
        }
    }
}
