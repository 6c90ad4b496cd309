package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.internal.report.Report;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link PipelineResult} of one pipeline check. Immutable; the report is rendered on first use. */
final class PipelineOutcome implements PipelineResult {

    /** Calls of the stages by phase, for the report and {@link #evaluations()}. */
    record Cost(long forwardPass, long stageChecks, long endToEnd, long probes) {
        long total() {
            return forwardPass + stageChecks + endToEnd + probes;
        }
    }

    private final PipelineSpec spec;
    private final List<StageVerdict> verdicts;
    private final int stop;
    private final CheckResult endToEnd;
    private final List<String> endToEndInputs;
    private final List<Wiring> wiring;
    private final Cost cost;
    private volatile Report report;

    PipelineOutcome(PipelineSpec spec, List<StageVerdict> verdicts, int stop, CheckResult endToEnd,
                    List<String> endToEndInputs, List<Wiring> wiring, Cost cost) {
        this.spec = spec;
        this.verdicts = List.copyOf(verdicts);
        this.stop = stop;
        this.endToEnd = endToEnd;
        this.endToEndInputs = List.copyOf(endToEndInputs);
        this.wiring = List.copyOf(wiring);
        this.cost = cost;
    }

    PipelineSpec spec() {
        return spec;
    }

    List<StageVerdict> verdicts() {
        return verdicts;
    }

    /** The stage whose forward failed in the forward pass, or −1. */
    int stop() {
        return stop;
    }

    List<String> endToEndInputs() {
        return endToEndInputs;
    }

    Cost cost() {
        return cost;
    }

    /** The first failing stage's verdict, if any. */
    Optional<StageVerdict> firstFailure() {
        for (StageVerdict v : verdicts) {
            if (!v.result().passed()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The check that decides the pipeline's verdict: the first failing stage's, else the end-to-end one. */
    CheckResult decisive() {
        return firstFailure().map(StageVerdict::result).orElse(endToEnd);
    }

    /** Where the decisive failure lies, as a value. */
    Locus locus() {
        return firstFailure().map(v -> new Locus(v.stage().name())).orElse(Locus.END_TO_END);
    }

    @Override
    public boolean passed() {
        return firstFailure().isEmpty() && endToEnd.passed() && verdicts.size() == spec.stages().size();
    }

    @Override
    public Optional<String> failedStage() {
        return firstFailure().map(v -> v.stage().name());
    }

    @Override
    public CheckResult stage(String name) {
        for (StageVerdict v : verdicts) {
            if (v.stage().name().equals(name)) {
                return v.result();
            }
        }
        for (StageSpec s : spec.stages()) {
            if (s.name().equals(name)) {
                throw new IllegalStateException("stage \"" + name + "\" was not checked: the forward pass stopped at "
                        + "stage \"" + spec.stages().get(stop).name() + "\" before it");
            }
        }
        throw new IllegalArgumentException("no stage named \"" + name + "\"; the stages are "
                + String.join(", ", spec.stages().stream().map(StageSpec::name).toList()));
    }

    @Override
    public Map<String, CheckResult> stages() {
        Map<String, CheckResult> out = new LinkedHashMap<>();
        verdicts.forEach(v -> out.put(v.stage().name(), v.result()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public CheckResult endToEnd() {
        return endToEnd;
    }

    @Override
    public List<Wiring> wiring() {
        return wiring;
    }

    @Override
    public long evaluations() {
        return cost.total();
    }

    @Override
    public long seed() {
        return spec.seed();
    }

    private Report rendered() {
        Report r = report;
        if (r == null) {
            r = PipelineReport.of(this);
            report = r;
        }
        return r;
    }

    @Override
    public String headline() {
        return rendered().headline();
    }

    @Override
    public Map<String, String> facts() {
        return rendered().facts();
    }

    @Override
    public String report() {
        return rendered().render();
    }

    @Override
    public PipelineResult assertPasses() {
        if (!passed()) {
            throw new StageFailure(this, report());
        }
        return this;
    }

    @Override
    public String toString() {
        return report();
    }
}
