package io.github.gradcheck.internal.trials;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Counterexample;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.report.MatrixText;
import io.github.gradcheck.internal.report.Report;
import io.github.gradcheck.internal.shrink.Shrinker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.ejml.data.DMatrixRMaj;

/** The {@link TrialsResult} of a run, with its report. Immutable. */
public final class TrialsOutcome implements TrialsResult {

    private final boolean passed;
    private final int trials;
    private final int skipped;
    private final long seed;
    private final Counterexample counterexample;
    private final CheckResult failure;
    private final Throwable error;
    private final Report report;

    private TrialsOutcome(boolean passed, int trials, int skipped, long seed, Counterexample counterexample,
                          CheckResult failure, Throwable error, Report report) {
        this.passed = passed;
        this.trials = trials;
        this.skipped = skipped;
        this.seed = seed;
        this.counterexample = counterexample;
        this.failure = failure;
        this.error = error;
        this.report = report;
    }

    static TrialsOutcome passed(TrialRunner.Settings settings, int judged, int skipped) {
        Report report = Report.headline("all " + judged + " trials passed" + (skipped > 0 ? " (" + skipped
                        + " draws discarded)" : ""))
                .fact("status", "PASSED")
                .fact("trials", judged)
                .fact("skipped", skipped)
                .fact("seed", settings.seed())
                .build();
        return new TrialsOutcome(true, judged, skipped, settings.seed(), null, null, null, report);
    }

    static TrialsOutcome tooManySkipped(TrialRunner.Settings settings, int judged, int skipped, int draws,
                                        Attempt lastSkip) {
        Report.Builder report = Report.headline("the domain generates points where f cannot be checked: " + skipped
                        + " of " + draws + " draws were discarded (f not finite there, on a kink, too noisy, or an "
                        + "assumption failed)")
                .fact("status", "TOO_MANY_DISCARDED")
                .fact("trials", judged + " judged, " + skipped + " discarded (at most " + settings.trials()
                        + " may be)");
        if (lastSkip != null) {
            report.fact("last discarded", lastSkip.headline());
        }
        report.fact("hint", "draw inputs where f is defined: Structure.POSITIVE for log or sqrt, SPD for log det "
                        + "or a Cholesky factor, INVERTIBLE for an inverse")
                .fact("seed", settings.seed())
                .fact("replay", settings.replay());
        CheckResult result = lastSkip == null ? null : lastSkip.result();
        return new TrialsOutcome(false, judged, skipped, settings.seed(), null, result, null, report.build());
    }

    static TrialsOutcome failed(TrialRunner.Settings settings, int judged, int skipped, int draw, Shrinker.Case failing,
                                Attempt original, Shrinker.Outcome outcome, Attempt shrunk) {
        Shrinker.Case small = outcome.shrunk();
        Report.Builder report = Report.headline(shrunk.headline()).facts(shrunk.facts());
        report.fact("dims", DomainSpec.describe(small.dims()))
                .fact("inputs", inputs(small.inputs()))
                .fact("seed", settings.seed())
                .fact("trial", "draw " + draw + " failed, after " + (judged - 1) + " passing trials"
                        + (skipped > 0 ? " and " + skipped + " discarded draws" : ""))
                .fact("original", DomainSpec.describe(failing.dims()) + ": " + describe(original) + ", "
                        + shapes(failing.inputs()))
                .fact("shrink steps", outcome.steps() + " (" + outcome.tried() + " candidates checked"
                        + (outcome.timedOut() ? "; stopped at the " + settings.shrinkTime().toMillis() / 1000.0
                        + " s time limit" : "") + ")")
                .fact("replay", settings.replay());
        CounterexampleValue counterexample = new CounterexampleValue(copies(small.inputs()), small.dims(),
                outcome.steps(), shrunk.result(), copies(failing.inputs()), failing.dims(), draw);
        return new TrialsOutcome(false, judged, skipped, settings.seed(), counterexample, shrunk.result(),
                shrunk.error(), report.build());
    }

    private static String describe(Attempt attempt) {
        if (attempt.result() != null) {
            CheckResult r = attempt.result();
            return r.status() + (r.mistake() == Mistake.NONE ? "" : " (" + r.mistake() + ")");
        }
        return attempt.error() == null ? attempt.headline() : attempt.error().getClass().getSimpleName();
    }

    private static String inputs(Map<String, DMatrixRMaj> inputs) {
        StringJoiner j = new StringJoiner("\n");
        inputs.forEach((name, m) -> j.add(name + " = " + MatrixText.java(m)));
        return j.toString();
    }

    private static String shapes(Map<String, DMatrixRMaj> inputs) {
        StringJoiner j = new StringJoiner(", ");
        inputs.forEach((name, m) -> j.add(name + " " + m.numRows + "×" + m.numCols));
        return j.toString();
    }

    private static Map<String, DMatrixRMaj> copies(Map<String, DMatrixRMaj> inputs) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        inputs.forEach((name, m) -> out.put(name, m.copy()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean passed() {
        return passed;
    }

    @Override
    public int trials() {
        return trials;
    }

    @Override
    public int skipped() {
        return skipped;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Optional<Counterexample> counterexample() {
        return Optional.ofNullable(counterexample);
    }

    /** The check that failed (the shrunk one), or the last discarded one when too many were. */
    public Optional<CheckResult> failure() {
        return Optional.ofNullable(failure);
    }

    /** The exception of the shrunk failure, when it was not a failed check. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String headline() {
        return report.headline();
    }

    @Override
    public Map<String, String> facts() {
        return report.facts();
    }

    @Override
    public String report() {
        return report.render();
    }

    @Override
    public String toString() {
        return report();
    }

    private record CounterexampleValue(Map<String, DMatrixRMaj> storedInputs, Map<String, Integer> dims, int shrinkSteps,
                                       CheckResult result, Map<String, DMatrixRMaj> storedOriginal,
                                       Map<String, Integer> originalDims, int trial) implements Counterexample {
        @Override
        public Map<String, DMatrixRMaj> inputs() {
            return copies(storedInputs);
        }

        @Override
        public Map<String, DMatrixRMaj> originalInputs() {
            return copies(storedOriginal);
        }
    }
}
