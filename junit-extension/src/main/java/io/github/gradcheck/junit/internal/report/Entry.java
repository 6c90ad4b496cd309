package io.github.gradcheck.junit.internal.report;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Counterexample;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.internal.observe.CheckRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One check of the report as plain values: what {@code gradcheck.json} says of it, plus what the
 * page shows (the facts and the picture). Built from a {@link CheckRecord} as soon as the check is
 * made (the record's derivatives are not kept), and read back from the part files of a run.
 *
 * @param test the test that made the check
 * @param sequence the order in which its run recorded it
 * @param kind {@code check}, {@code trials}, {@code property} or {@code pipeline}
 * @param function {@code scalar} or {@code matrix}; null when a property made no check
 * @param reference {@code numeric}, {@code exact} or {@code exact+numeric}; null likewise
 * @param derivatives the forms given ({@code gradient}, {@code vjp}, …), in order, each once
 * @param status a {@link io.github.gradcheck.Status} name, or {@value #FAILED} (a property that
 *     failed without a failed check) or {@value #TOO_MANY_DISCARDED} (trials that could not judge)
 * @param passed whether the check passed
 * @param mistake a {@link Mistake} name
 * @param scaleFactor the c of WRONG_SCALE, else null
 * @param headline the result's headline, for a person
 * @param inputs the inputs of f
 * @param maxAbsError the largest |analytic − reference|, NaN when unknown
 * @param maxRelError the same relative to the derivative's scale, NaN when unknown
 * @param rtol the relative tolerance, NaN when unknown
 * @param atol the absolute tolerance, NaN when unknown
 * @param mode the mode asked for (AUTO, FULL, FAST); null when unknown
 * @param evaluations calls of f by the reported check; null when there is none
 * @param seed the seed, as a decimal string (64-bit seeds lose digits in JSON readers' doubles)
 * @param shrunkDims the dimensions of the shrunk failing case; empty otherwise
 * @param trials the trials' counts, for trials and properties; else null
 * @param durationMillis wall-clock time
 * @param facts the report's facts, in order (for the page)
 * @param picture the SVG picture of a failed check's derivatives, else null (for the page)
 * @param stages a pipeline's stages
 */
record Entry(TestRef test, long sequence, String kind, String function, String reference, List<String> derivatives,
             String status, boolean passed, String mistake, Double scaleFactor, String headline, List<InputRef> inputs,
             double maxAbsError, double maxRelError, double rtol, double atol, String mode, Long evaluations,
             String seed, Map<String, Integer> shrunkDims, TrialsRef trials, double durationMillis,
             Map<String, String> facts, String picture, List<StageRef> stages) {

    static final String FAILED = "FAILED";
    static final String TOO_MANY_DISCARDED = "TOO_MANY_DISCARDED";

    Entry {
        derivatives = List.copyOf(derivatives);
        inputs = List.copyOf(inputs);
        shrunkDims = copy(shrunkDims);
        facts = copy(facts);
        stages = List.copyOf(stages);
    }

    /**
     * A test of the run.
     *
     * @param id JUnit's unique id; null for a check made outside any test
     * @param label {@code SoftmaxTest.loss} (class and method), else the display name
     * @param displayName JUnit's display name
     * @param className the test's class, or null
     * @param methodName the test's method, or null
     * @param order its position in the test plan (checks of a test are shown in plan order)
     * @param outcome JUnit's outcome: SUCCESSFUL, FAILED, ABORTED; null while it runs
     */
    record TestRef(String id, String label, String displayName, String className, String methodName, int order,
                   String outcome) {

        static final TestRef NONE = new TestRef(null, "(no test)", "checks made outside any test", null, null,
                Integer.MAX_VALUE, null);

        TestRef withOutcome(String newOutcome) {
            return new TestRef(id, label, displayName, className, methodName, order, newOutcome);
        }
    }

    /** An input of f: its name, shape (null when it varied over trials), structure and derivative forms. */
    record InputRef(String name, Integer rows, Integer cols, String structure, List<String> derivatives) {
        InputRef {
            derivatives = List.copyOf(derivatives);
        }
    }

    /**
     * Counts of random trials.
     *
     * @param judged the trials judged
     * @param skipped the draws discarded
     * @param domain the dimension ranges
     * @param shrinkSteps the shrinking steps of a failure, else null
     * @param failingTrial which draw failed (from 1), else null
     * @param originalDims the dimensions of that draw before shrinking; empty otherwise
     */
    record TrialsRef(int judged, int skipped, String domain, Integer shrinkSteps, Integer failingTrial,
                     Map<String, Integer> originalDims) {
        TrialsRef {
            originalDims = copy(originalDims);
        }
    }

    /** A stage of a pipeline and its check. */
    record StageRef(String name, Entry check) {
    }

    /** The entry of a record made by a test. */
    static Entry of(CheckRecord record, TestRef test, long sequence) {
        CheckResult result = record.result().orElse(null);
        TrialsResult trials = record.trials().orElse(null);
        String status;
        boolean passed;
        Mistake mistake = Mistake.NONE;
        String headline;
        Map<String, String> facts;
        if (trials == null) {
            passed = result == null ? record.stages().stream().allMatch(s -> s.check().result()
                    .map(CheckResult::passed).orElse(true)) : result.passed();
            status = result == null ? (passed ? "PASSED" : FAILED) : result.status().name();
            mistake = result == null ? Mistake.NONE : result.mistake();
            headline = result == null ? "" : result.headline();
            facts = result == null ? Map.of() : result.facts();
        } else {
            passed = trials.passed();
            headline = trials.headline();
            facts = trials.facts();
            if (passed) {
                status = "PASSED";
            } else if (result != null) {
                status = result.status().name();
                mistake = result.mistake();
            } else {
                status = trials.counterexample().isPresent() ? FAILED : TOO_MANY_DISCARDED;
            }
        }
        Set<String> derivatives = new LinkedHashSet<>();
        List<InputRef> inputs = new ArrayList<>();
        CheckRecord.Subject subject = record.subject().orElse(null);
        if (subject != null) {
            for (CheckRecord.Input in : subject.inputs()) {
                List<String> forms = in.forms().stream().map(Entry::name).toList();
                derivatives.addAll(forms);
                inputs.add(new InputRef(in.name(), in.shapeKnown() ? in.rows() : null, in.shapeKnown() ? in.cols() : null,
                        in.structure().name(), forms));
            }
        }
        TrialsRef trialsRef = trials == null ? null : new TrialsRef(trials.trials(), trials.skipped(),
                record.domain().orElse(""), trials.counterexample().map(Counterexample::shrinkSteps).orElse(null),
                trials.counterexample().map(Counterexample::trial).orElse(null),
                trials.counterexample().map(Counterexample::originalDims).orElse(Map.of()));
        List<StageRef> stages = new ArrayList<>();
        for (CheckRecord.Stage s : record.stages()) {
            stages.add(new StageRef(s.name(), of(s.check(), test, sequence)));
        }
        return new Entry(test, sequence, name(record.kind()),
                subject == null ? null : name(subject.function()), subject == null ? null : reference(subject.reference()),
                List.copyOf(derivatives), status, passed, mistake.name(),
                result == null ? null : result.scaleFactor().isPresent() ? result.scaleFactor().getAsDouble() : null,
                headline, inputs, result == null ? Double.NaN : result.maxAbsError(),
                result == null ? Double.NaN : result.maxRelError(), subject == null ? Double.NaN : subject.rtol(),
                subject == null ? Double.NaN : subject.atol(), subject == null ? null : subject.mode().name(),
                result == null ? null : result.evaluations(), Long.toString(record.seed()), record.shrunkDims(),
                trialsRef, record.duration().toNanos() / 1e6, facts,
                passed || result == null ? null : result.picture().orElse(null), stages);
    }

    Entry withTest(TestRef newTest) {
        return new Entry(newTest, sequence, kind, function, reference, derivatives, status, passed, mistake, scaleFactor,
                headline, inputs, maxAbsError, maxRelError, rtol, atol, mode, evaluations, seed, shrunkDims, trials,
                durationMillis, facts, picture, stages);
    }

    /** The status and, when it names one, the mistake: {@code MISMATCH · WRONG_SCALE}. */
    String verdict() {
        return mistake.equals(Mistake.NONE.name()) ? status : status + " · " + mistake;
    }

    /** For a summary line: the mistake when it names one, else the status. */
    String briefly() {
        return mistake.equals(Mistake.NONE.name()) || mistake.equals(Mistake.UNKNOWN.name()) ? status : mistake;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String reference(CheckRecord.Reference r) {
        return switch (r) {
            case NUMERIC -> "numeric";
            case EXACT -> "exact";
            case EXACT_AND_NUMERIC -> "exact+numeric";
        };
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
