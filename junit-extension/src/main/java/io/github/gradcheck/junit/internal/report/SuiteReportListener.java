package io.github.gradcheck.junit.internal.report;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The suite report: every gradcheck check made during a test run, with the test that made it, in
 * one page and one JSON file, {@code target/gradcheck/index.html} and
 * {@code target/gradcheck/gradcheck.json} ({@code build/gradcheck/} under Gradle).
 *
 * <p>Nothing to set up: JUnit's launcher loads this listener through the service loader when
 * {@code gradcheck-junit} is on the test class path. It records checks at one point
 * ({@code check()}, {@code assertPasses()}, Hamcrest matchers), random trials, and each
 * {@code @GradientTest} property as one record (its trials, seed, shrunk dims and failing check).
 * At the end of a test plan that made checks it writes the report and prints one line:
 * <pre>
 * gradcheck: 42 checks, 41 passed, 1 failed (SoftmaxTest.loss: ELEMENTWISE_JACOBIAN) — report: target/gradcheck/index.html
 * </pre>
 * Nothing is written when no check ran. A report that cannot be written is a warning on stderr;
 * it never fails the build.
 *
 * <p>JUnit configuration parameters (or system properties of the same names):
 * {@code gradcheck.report=false} turns it off; {@code gradcheck.report.dir} names the folder.
 * Safe under JUnit's parallel mode and Surefire's forks: each test plan writes its own part and the
 * page merges the parts of the build (the README, "A report of every check of a test run").
 *
 * <p>Public only for the service loader (in a package the module does not export); not meant to
 * be called.
 */
public final class SuiteReportListener implements TestExecutionListener {

    private volatile SuiteRun run;

    /** Made by the service loader. */
    public SuiteReportListener() {
    }

    /** Starts recording, unless {@code gradcheck.report=false}. */
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Settings settings = Settings.of(key -> plan.getConfigurationParameters().get(key).orElse(null));
        if (settings.warning() != null) {
            System.err.println("gradcheck: warning: " + settings.warning());
        }
        if (!settings.enabled()) {
            run = null;
            return;
        }
        SuiteRun started = new SuiteRun(plan, settings);
        run = started;
        Attribution.open(started);
    }

    /** Called on the thread that runs the test: its checks are attributed to it. */
    @Override
    public void executionStarted(TestIdentifier test) {
        SuiteRun current = run;
        if (current != null) {
            current.started(test);
            Attribution.push(current, test);
        }
    }

    /** Called on the thread that ran the test. */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        SuiteRun current = run;
        if (current != null) {
            Attribution.pop(current, test);
            current.finished(test, result);
        }
    }

    /** Writes the report when checks were made, and prints its summary line. */
    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        SuiteRun current = run;
        run = null;
        if (current != null) {
            Attribution.close(current);
            current.finish(System.out, System.err);
        }
    }
}
