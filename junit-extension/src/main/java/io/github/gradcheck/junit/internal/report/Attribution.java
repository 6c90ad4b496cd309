package io.github.gradcheck.junit.internal.report;

import io.github.gradcheck.internal.observe.CheckRecord;
import io.github.gradcheck.internal.observe.Observation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Which test made a check. JUnit calls {@code executionStarted} and {@code executionFinished} of a
 * test on the thread that runs it (also in parallel mode, where each test runs on a worker of
 * JUnit's fork-join pool), so each thread keeps a stack of the tests it runs; a check is
 * attributed to the innermost one. The stack is shared by the runs of every listener, so that a
 * test plan launched inside a test (a test of a test framework) records its own checks, not its
 * host's.
 *
 * <p>A check made on another thread (a test that starts its own threads, a
 * {@code @Timeout(threadMode = SEPARATE_THREAD)}) goes to the most recent open run: to its one
 * running test when only one runs, else to no test.
 */
final class Attribution {

    /** A test being run on this thread, and the run it belongs to. */
    private record Frame(SuiteRun run, TestIdentifier test) {
    }

    private static final ThreadLocal<Deque<Frame>> FRAMES = ThreadLocal.withInitial(ArrayDeque::new);
    private static final List<SuiteRun> OPEN = new ArrayList<>();
    private static final Consumer<CheckRecord> ROUTER = Attribution::route;

    private Attribution() {
    }

    /** Starts routing checks to a run; the first open run registers with core's hook. */
    static synchronized void open(SuiteRun run) {
        if (OPEN.isEmpty()) {
            Observation.addObserver(ROUTER);
        }
        OPEN.add(run);
    }

    /** Stops routing checks to a run; the last one closed unregisters. */
    static synchronized void close(SuiteRun run) {
        OPEN.remove(run);
        if (OPEN.isEmpty()) {
            Observation.removeObserver(ROUTER);
        }
    }

    /** On the thread that starts running {@code test}. */
    static void push(SuiteRun run, TestIdentifier test) {
        FRAMES.get().addLast(new Frame(run, test));
    }

    /** On the thread that finished running {@code test}: removes its frame (the innermost, normally). */
    static void pop(SuiteRun run, TestIdentifier test) {
        Deque<Frame> frames = FRAMES.get();
        for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.run() == run && f.test().equals(test)) {
                it.remove();
                break;
            }
        }
        if (frames.isEmpty()) {
            FRAMES.remove();
        }
    }

    private static void route(CheckRecord record) {
        Deque<Frame> frames = FRAMES.get();
        if (frames.isEmpty()) {
            FRAMES.remove(); // a thread that runs no test keeps nothing
        }
        for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.run().isOpen()) {
                f.run().record(f.test(), record);
                return;
            }
        }
        SuiteRun latest;
        synchronized (Attribution.class) {
            latest = OPEN.isEmpty() ? null : OPEN.get(OPEN.size() - 1);
        }
        if (latest != null) {
            latest.record(null, record);
        }
    }
}
