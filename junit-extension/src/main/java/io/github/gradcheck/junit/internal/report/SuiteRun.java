package io.github.gradcheck.junit.internal.report;

import io.github.gradcheck.internal.observe.CheckRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The report of one test plan while it runs: the tests, their outcomes and the checks they made;
 * at its end, its part and the merged report are written. Thread-safe: tests run in parallel.
 */
final class SuiteRun {

    private final TestPlan plan;
    private final Settings settings;
    private final Map<String, Integer> order = new ConcurrentHashMap<>();
    private final AtomicInteger nextOrder = new AtomicInteger();
    private final Map<String, Entry.TestRef> tests = new ConcurrentHashMap<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final Set<TestIdentifier> running = ConcurrentHashMap.newKeySet();
    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean open = true;

    SuiteRun(TestPlan plan, Settings settings) {
        this.plan = plan;
        this.settings = settings;
        plan.getRoots().forEach(this::number);
    }

    /** Numbers the plan's identifiers depth first: a section's place on the page. */
    private void number(TestIdentifier id) {
        order.put(id.getUniqueId(), nextOrder.getAndIncrement());
        plan.getChildren(id).forEach(this::number);
    }

    boolean isOpen() {
        return open;
    }

    void started(TestIdentifier id) {
        order.computeIfAbsent(id.getUniqueId(), k -> nextOrder.getAndIncrement()); // a dynamic test
        if (id.isTest()) {
            running.add(id);
        }
    }

    void finished(TestIdentifier id, TestExecutionResult result) {
        running.remove(id);
        outcomes.put(id.getUniqueId(), result.getStatus().name());
    }

    /**
     * Records a check.
     *
     * @param test the test that made it, or null when it was made on a thread that runs no test
     */
    void record(TestIdentifier test, CheckRecord record) {
        TestIdentifier made = test;
        if (made == null) {
            List<TestIdentifier> now = new ArrayList<>(running);
            made = now.size() == 1 ? now.get(0) : null;
        }
        TestIdentifier id = made;
        Entry.TestRef ref = id == null ? Entry.TestRef.NONE : tests.computeIfAbsent(id.getUniqueId(), k -> ref(id));
        entries.add(Entry.of(record, ref, sequence.incrementAndGet()));
    }

    private Entry.TestRef ref(TestIdentifier id) {
        String className = null;
        String methodName = null;
        String label = id.getDisplayName();
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            className = m.getClassName();
            methodName = m.getMethodName();
            label = simple(className) + "." + methodName + invocation(id);
        } else if (source instanceof ClassSource c) {
            className = c.getClassName();
            label = simple(className);
        }
        return new Entry.TestRef(id.getUniqueId(), label, id.getDisplayName(), className, methodName,
                order.getOrDefault(id.getUniqueId(), Integer.MAX_VALUE - 1), null);
    }

    /** {@code Outer.Inner} for {@code com.example.Outer$Inner}. */
    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** {@code [2]} for the second invocation of a test template (a parameterized test); "" for the first. */
    private static String invocation(TestIdentifier id) {
        String uid = id.getUniqueId();
        int at = uid.lastIndexOf(":#");
        if (at < 0 || !uid.endsWith("]")) {
            return "";
        }
        String n = uid.substring(at + 2, uid.length() - 1);
        return n.equals("1") ? "" : "[" + n + "]";
    }

    /**
     * Ends the run: writes its part and the merged report when it made checks, and prints the
     * summary line (or a warning: a report that cannot be written never fails the build).
     */
    void finish(PrintStream out, PrintStream err) {
        open = false;
        if (entries.isEmpty()) {
            return;
        }
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            String outcome = e.test().id() == null ? null : outcomes.get(e.test().id());
            list.add(e.withTest(e.test().withOutcome(outcome)));
        }
        entries.clear(); // a worker thread may keep a frame of this run: keep no pictures with it
        list.sort(Comparator.comparingLong(Entry::sequence));
        try {
            ReportFiles.Written written = ReportFiles.write(settings.directory(), list, Writer.current(), Instant.now());
            for (String skipped : written.skipped()) {
                err.println("gradcheck: warning: a part of the report was left out: " + skipped);
            }
            out.println(Summary.of(written.entries()).line(written.page()));
        } catch (IOException | RuntimeException e) {
            err.println("gradcheck: warning: the report could not be written to " + settings.directory() + " ("
                    + e + "); the tests' outcome is not affected");
        }
    }
}
