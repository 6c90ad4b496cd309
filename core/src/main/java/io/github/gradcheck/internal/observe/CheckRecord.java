package io.github.gradcheck.internal.observe;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Counterexample;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Structure;
import io.github.gradcheck.TrialsResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check made during a run, as an observer sees it: what was checked (taken from the typed
 * check, never from a report's text), how it came out, and how long it took. Immutable (the
 * results it holds are immutable too).
 *
 * @param kind a check at one point, random trials, a {@code @GradientTest} property, or a pipeline
 * @param subject what was checked; empty for a property whose runs made no gradcheck check
 * @param seed the seed of every random choice (of the check, or of the trials)
 * @param result the check's result; for trials and properties the check at the shrunk failing
 *     case; empty when they passed, or failed without a check (too many draws discarded, another
 *     assertion)
 * @param trials the outcome of random trials and properties; empty for a check at one point
 * @param domain the dimension ranges trials drew from ({@code n=1..6, k=2..8}); empty for a point
 * @param duration the wall-clock time of the check, of all trials with shrinking, or of the property
 * @param stages a pipeline's stage checks, in forward order; empty for anything else
 */
public record CheckRecord(Kind kind, Optional<Subject> subject, long seed, Optional<CheckResult> result,
                          Optional<TrialsResult> trials, Optional<String> domain, Duration duration,
                          List<Stage> stages) {

    /** What kind of check a record stands for. */
    public enum Kind {
        /** {@code check()} or {@code assertPasses()} at one point. */
        CHECK,
        /** {@code forAll(domain).run()} or its {@code assertPasses()}. */
        TRIALS,
        /** A {@code @GradientTest} property: all its trials and shrinking as one record. */
        PROPERTY,
        /** A stage-by-stage check of a pipeline: one record, its stages in {@link CheckRecord#stages()}. */
        PIPELINE
    }

    /** What the checked function returns. */
    public enum FunctionType { SCALAR, MATRIX }

    /** What the derivatives were compared with. */
    public enum Reference { NUMERIC, EXACT, EXACT_AND_NUMERIC }

    /** The form in which a derivative was given. */
    public enum Form { GRADIENT, JACOBIAN, JVP, VJP, KRONECKER, HESSIAN, HVP }

    /**
     * What was checked.
     *
     * @param function whether f is scalar or matrix valued
     * @param reference what the derivatives were compared with
     * @param inputs every input of f, in order
     * @param rtol the relative tolerance of the comparison (against an exact reference alone, its own default)
     * @param atol the absolute tolerance
     * @param mode the mode asked for (see {@link Observation} for the one place to switch to the mode that ran)
     */
    public record Subject(FunctionType function, Reference reference, List<Input> inputs, double rtol, double atol,
                          Mode mode) {
        public Subject {
            inputs = List.copyOf(inputs);
        }

        /** The same subject with every input's shape unknown (it varied over the trials). */
        public Subject withVaryingShapes() {
            return new Subject(function, reference, inputs.stream().map(Input::withVaryingShape).toList(), rtol, atol,
                    mode);
        }
    }

    /**
     * One input of f.
     *
     * @param name its name ({@code X} for a function of one matrix)
     * @param rows its rows, or {@value #VARYING} when it varied over the trials
     * @param cols its columns, or {@value #VARYING}
     * @param structure its declared structure (GAUSSIAN: a free matrix)
     * @param forms the derivatives given for it (a gradient, then a Hessian, …); empty when held constant
     */
    public record Input(String name, int rows, int cols, Structure structure, List<Form> forms) {

        /** The rows or columns of an input whose shape varied over random trials. */
        public static final int VARYING = -1;

        public Input {
            forms = List.copyOf(forms);
        }

        /** Whether its shape is known (a check at one point, or a shrunk failing case). */
        public boolean shapeKnown() {
            return rows != VARYING && cols != VARYING;
        }

        Input withVaryingShape() {
            return new Input(name, VARYING, VARYING, structure, forms);
        }
    }

    /**
     * One stage of a pipeline.
     *
     * @param name the stage's name
     * @param check the check of its vjp (or, for the end-to-end check, of the whole chain)
     */
    public record Stage(String name, CheckRecord check) {
    }

    public CheckRecord {
        stages = List.copyOf(stages);
    }

    /** The dimensions of the shrunk failing case of trials or a property; empty otherwise. */
    public Map<String, Integer> shrunkDims() {
        return trials.flatMap(TrialsResult::counterexample).map(Counterexample::dims).orElse(Map.of());
    }

    /**
     * A {@code @GradientTest} property as one record, from the checks its runs made.
     *
     * @param reported the check the property's outcome is about (the shrunk failure, else one of
     *     its checks), or null when its runs made no check
     * @param outcome the property's trials
     * @param domain its dimension ranges, e.g. {@code n=1..6, k=2..8}
     * @param duration the time of all its trials and shrinking
     */
    public static CheckRecord property(CheckRecord reported, TrialsResult outcome, String domain, Duration duration) {
        Optional<CheckResult> failure = outcome.counterexample().map(Counterexample::result);
        Optional<Subject> subject = reported == null ? Optional.empty() : reported.subject();
        if (outcome.counterexample().isEmpty()) {
            subject = subject.map(Subject::withVaryingShapes);
        }
        return new CheckRecord(Kind.PROPERTY, subject, outcome.seed(), failure, Optional.of(outcome),
                Optional.of(domain), duration, List.of());
    }
}
