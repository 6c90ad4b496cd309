package io.github.gradcheck.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.junit.report.ReportPage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the wrong twins (the test class {@code WrongTwinsTest}, tagged {@code wrong-twin}, which
 * {@code mvn verify} leaves out) through JUnit's launcher, as a build would, and turns each
 * failure into a section of the tour.
 */
final class WrongTwins {

    static final String CLASS = "io.github.gradcheck.samples.WrongTwinsTest";

    private WrongTwins() {
    }

    /** One twin's outcome: its method and what it threw (null when it passed). */
    private record Outcome(Method method, Throwable thrown) {
    }

    /**
     * Runs every twin and adds it to the tour.
     *
     * @param outputDirectory where JUnit puts the files tests attach (the twins' pictures)
     * @throws IllegalStateException when the test classes are not on the class path (the demo runs
     *     with Maven's test class path: {@code mvn -Pdemo package})
     */
    static void run(Tour tour, java.nio.file.Path outputDirectory) {
        Class<?> twins;
        try {
            twins = Class.forName(CLASS, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the wrong twins (" + CLASS + ") are not on the class path: run the demo "
                    + "with the README's command, mvn -q -Pdemo package", e);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(twins))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.platform.reporting.output.dir", outputDirectory.toString())
                // the demo draws its own page; the suite report of this run would land in the working directory
                .configurationParameter("gradcheck.report", "false")
                .build();
        List<Outcome> outcomes = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource source) {
                    outcomes.add(new Outcome(source.getJavaMethod(), result.getThrowable().orElse(null)));
                }
            }
        });
        outcomes.sort(java.util.Comparator.comparingInt(o -> order(twins, o.method())));
        for (Outcome o : outcomes) {
            tour.add(section(o), o.thrown() == null ? "(passed)" : o.thrown().getMessage());
        }
    }

    /** The twins in the order they are written (reflection does not promise an order). */
    private static int order(Class<?> twins, Method method) {
        List<String> written = List.of("softmaxStageAsIfElementwise", "softmaxRegressionThroughElementwiseSoftmax",
                "traceGradientTransposed", "leastSquaresWithoutTheTwo", "inverseWithoutTheMinus",
                "logDetWithTheSymmetricFormula", "biasGradientNotSummedOverTheBatch", "quadraticFormAssumingSymmetry",
                "quadraticFormHessianAssumingSymmetry");
        int i = written.indexOf(method.getName());
        return i < 0 ? written.size() : i;
    }

    private static Tour.Section section(Outcome o) {
        Shows shows = o.method().getAnnotation(Shows.class);
        Mistake expected = shows == null ? Mistake.UNKNOWN : shows.value();
        String title = "Wrong twin: " + words(o.method().getName());
        String why = shows == null ? "" : shows.slip() + ".";
        String expectation = "a failure naming " + expected;
        if (o.thrown() == null) {
            return new Tour.Section(title, why, ReportPage.Check.of(title, "PASSED", true, Mistake.NONE,
                    "the wrong twin passed", Map.of()), expectation, false);
        }
        Parsed report = parse(o.thrown().getMessage());
        if (!(o.thrown() instanceof GradientMismatchError error)) {
            return new Tour.Section(title, why, ReportPage.Check.of(title, "FAILED", false, Mistake.UNKNOWN,
                    report.headline, report.facts), expectation, false);
        }
        CheckResult shrunk = error.result();
        return new Tour.Section(title, why, ReportPage.Check.of(title, shrunk).reported(report.headline, report.facts),
                expectation, shrunk.mistake() == expected);
    }

    /** "softmaxStageAsIfElementwise" as "softmax stage as if elementwise". */
    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A report as rendered (a headline, then aligned {@code key : value} lines), taken apart again. */
    private record Parsed(String headline, Map<String, String> facts) {
    }

    private static Parsed parse(String rendered) {
        String[] lines = rendered.split("\n", -1);
        Map<String, String> facts = new LinkedHashMap<>();
        String key = null;
        int valueColumn = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(" : ");
            // a fact starts after two spaces; a value's continuation lines are indented further
            boolean fact = line.length() > 2 && line.startsWith("  ") && line.charAt(2) != ' ' && colon > 0;
            if (fact) {
                key = line.substring(2, colon).strip();
                valueColumn = colon + 3;
                facts.put(key, line.substring(colon + 3));
            } else if (key != null) {
                String continuation = line.length() > valueColumn ? line.substring(valueColumn) : line.strip();
                facts.put(key, facts.get(key) + "\n" + continuation);
            }
        }
        return new Parsed(lines[0], facts);
    }
}
