package io.github.gradcheck.internal.observe;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mode;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.internal.generate.DimRange;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.InputSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;

/**
 * The hook through which every check made in this JVM can be observed: {@code PointCheck.check()}
 * and {@code Trials.run()} report here, and so does anything that publishes a record of its own
 * (the JUnit extension a property, a pipeline its stages).
 *
 * <p>A record goes to the innermost {@linkplain #capture() capture} open on the calling thread,
 * else to every observer. With no observer, a check costs one volatile read here: no record is
 * built. An observer that throws is ignored (a report must never change a check's outcome).
 */
public final class Observation {

    private static volatile List<Consumer<? super CheckRecord>> observers = List.of();
    private static final ThreadLocal<Capture> CAPTURE = new ThreadLocal<>();

    private Observation() {
    }

    /** Adds an observer of every record published from now on, on the thread that made the check. */
    public static synchronized void addObserver(Consumer<? super CheckRecord> observer) {
        List<Consumer<? super CheckRecord>> more = new ArrayList<>(observers);
        more.add(observer);
        observers = List.copyOf(more);
    }

    /** Removes an observer (one occurrence); no effect when it is not there. */
    public static synchronized void removeObserver(Consumer<? super CheckRecord> observer) {
        List<Consumer<? super CheckRecord>> fewer = new ArrayList<>(observers);
        fewer.remove(observer);
        observers = List.copyOf(fewer);
    }

    /** Whether anyone observes: when not, there is nothing to record. */
    public static boolean observed() {
        return !observers.isEmpty();
    }

    /**
     * Reports a check at one point (from {@code PointCheck.check()}).
     *
     * @param startNanos {@link System#nanoTime()} when the check started
     */
    public static void point(CheckSpec spec, Inputs point, CheckResult result, long startNanos) {
        if (observers.isEmpty()) {
            return;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        List<CheckRecord.Input> inputs = new ArrayList<>();
        for (Map.Entry<String, DMatrixRMaj> in : point.asMap().entrySet()) {
            inputs.add(input(spec, in.getKey(), in.getValue().numRows, in.getValue().numCols));
        }
        publish(new CheckRecord(CheckRecord.Kind.CHECK, Optional.of(subject(spec, inputs, result)), result.seed(),
                Optional.of(result), Optional.empty(), Optional.empty(), duration, List.of()));
    }

    /**
     * Reports random trials (from {@code Trials.run()}).
     *
     * @param domain the domain drawn from, its inputs named as the check names them
     * @param startNanos {@link System#nanoTime()} when the trials started
     */
    public static void trials(CheckSpec spec, DomainSpec domain, TrialsResult result, long startNanos) {
        if (observers.isEmpty()) {
            return;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        Map<String, Integer> dims = result.counterexample().map(c -> c.dims()).orElse(null);
        List<CheckRecord.Input> inputs = new ArrayList<>();
        for (InputSpec in : domain.inputs()) {
            int rows = dims == null ? CheckRecord.Input.VARYING : in.rows(dims);
            int cols = dims == null ? CheckRecord.Input.VARYING : in.cols(dims);
            CheckRecord.Input input = input(spec, in.name(), rows, cols);
            if (!spec.options().structures().containsKey(in.name())) {
                input = new CheckRecord.Input(in.name(), rows, cols, in.structure(), input.forms());
            }
            inputs.add(input);
        }
        StringJoiner ranges = new StringJoiner(", ");
        for (DimRange d : domain.dims()) {
            ranges.add(d.toString());
        }
        publish(new CheckRecord(CheckRecord.Kind.TRIALS, Optional.of(subject(spec, inputs,
                result.counterexample().map(c -> c.result()).orElse(null))), result.seed(),
                result.counterexample().map(c -> c.result()), Optional.of(result), Optional.of(ranges.toString()),
                duration, List.of()));
    }

    /**
     * Reports a pipeline (from {@code PipelinePoint.check()}): one record whose stages are the
     * records of its stages' checks and of its end-to-end check, captured while it ran.
     *
     * @param stages each stage's check by stage name, in forward order, then "end to end"
     * @param decisive the check that decides the pipeline (its first failing stage, else end to end)
     * @param startNanos {@link System#nanoTime()} when the pipeline check started
     */
    public static void pipeline(Capture capture, Map<String, CheckResult> stages, CheckResult decisive, long seed,
                                long startNanos) {
        if (observers.isEmpty()) {
            return;
        }
        List<CheckRecord.Stage> records = new ArrayList<>();
        stages.forEach((name, result) -> capture.about(result)
                .filter(r -> r.result().orElse(null) == result)
                .ifPresent(r -> records.add(new CheckRecord.Stage(name, r))));
        publish(new CheckRecord(CheckRecord.Kind.PIPELINE, Optional.empty(), seed, Optional.ofNullable(decisive),
                Optional.empty(), Optional.empty(), Duration.ofNanos(System.nanoTime() - startNanos), records));
    }

    /**
     * Publishes a record: to the innermost capture open on this thread, else to every observer.
     * Does nothing when nobody observes.
     */
    public static void publish(CheckRecord record) {
        List<Consumer<? super CheckRecord>> current = observers;
        if (current.isEmpty()) {
            return;
        }
        Capture capture = CAPTURE.get();
        if (capture != null) {
            capture.take(record);
            return;
        }
        for (Consumer<? super CheckRecord> observer : current) {
            try {
                observer.accept(record);
            } catch (RuntimeException ignored) {
                // an observer reports its own problems; it must not change the outcome of a check
            }
        }
    }

    /**
     * Opens a capture on this thread: until it is closed, the records published on this thread go
     * to it instead of the observers (a property is one record, not one per trial). Captures nest;
     * close them in reverse order, with try-with-resources.
     */
    public static Capture capture() {
        Capture capture = new Capture(CAPTURE.get());
        CAPTURE.set(capture);
        return capture;
    }

    private static CheckRecord.Subject subject(CheckSpec spec, List<CheckRecord.Input> inputs, CheckResult result) {
        CheckRecord.Reference reference = spec.reference().exact() == null ? CheckRecord.Reference.NUMERIC
                : spec.reference().numericRequested() ? CheckRecord.Reference.EXACT_AND_NUMERIC
                : CheckRecord.Reference.EXACT;
        double rtol = reference == CheckRecord.Reference.EXACT ? spec.options().exactRtol() : spec.options().rtol();
        // the mode that ran (FULL or FAST) when there is a result, else the mode asked for: the one
        // place the records' mode comes from
        Mode mode = result != null ? result.mode() : spec.options().mode();
        return new CheckRecord.Subject(spec.isScalar() ? CheckRecord.FunctionType.SCALAR
                : CheckRecord.FunctionType.MATRIX, reference, inputs, rtol, spec.options().atol(), mode);
    }

    private static CheckRecord.Input input(CheckSpec spec, String name, int rows, int cols) {
        List<CheckRecord.Form> forms = new ArrayList<>();
        Derivative first = spec.derivatives().get(name);
        if (first != null) {
            forms.add(form(first));
        }
        Derivative second = spec.secondOrder().get(name);
        if (second != null) {
            forms.add(form(second));
        }
        return new CheckRecord.Input(name, rows, cols, spec.options().structure(name), forms);
    }

    private static CheckRecord.Form form(Derivative d) {
        if (d instanceof Derivative.Gradient) {
            return CheckRecord.Form.GRADIENT;
        } else if (d instanceof Derivative.Jacobian) {
            return CheckRecord.Form.JACOBIAN;
        } else if (d instanceof Derivative.Jvp) {
            return CheckRecord.Form.JVP;
        } else if (d instanceof Derivative.Vjp) {
            return CheckRecord.Form.VJP;
        } else if (d instanceof Derivative.Kronecker) {
            return CheckRecord.Form.KRONECKER;
        } else if (d instanceof Derivative.Hessian) {
            return CheckRecord.Form.HESSIAN;
        } else if (d instanceof Derivative.Hvp) {
            return CheckRecord.Form.HVP;
        }
        throw new IllegalStateException("a derivative form without a record form: " + d.form());
    }

    /**
     * The records published on one thread while it is open: how many, the first, and the most
     * recent few (not all: a property makes hundreds of checks, each holding its derivatives).
     */
    public static final class Capture implements AutoCloseable {

        private static final int RECENT = 16;

        private final Capture outer;
        private final Deque<CheckRecord> recent = new ArrayDeque<>();
        private CheckRecord first;
        private int count;
        private boolean closed;

        private Capture(Capture outer) {
            this.outer = outer;
        }

        private void take(CheckRecord record) {
            if (first == null) {
                first = record;
            }
            count++;
            recent.addLast(record);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }

        /** How many records were captured. */
        public int count() {
            return count;
        }

        /** The first record captured. */
        public Optional<CheckRecord> first() {
            return Optional.ofNullable(first);
        }

        /**
         * The record of this result among the most recent ones, else the most recent; else the first.
         *
         * @param result the result looked for by identity (null: the most recent record)
         */
        public Optional<CheckRecord> about(CheckResult result) {
            for (var it = recent.descendingIterator(); it.hasNext(); ) {
                CheckRecord r = it.next();
                if (result != null && r.result().orElse(null) == result) {
                    return Optional.of(r);
                }
            }
            return recent.isEmpty() ? first() : Optional.of(recent.getLast());
        }

        /** Stops capturing: records go to the enclosing capture, or to the observers, again. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (outer == null) {
                    CAPTURE.remove();
                } else {
                    CAPTURE.set(outer);
                }
            }
        }
    }
}
