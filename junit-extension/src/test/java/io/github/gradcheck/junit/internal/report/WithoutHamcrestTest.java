package io.github.gradcheck.junit.internal.report;

import static io.github.gradcheck.junit.internal.report.Launch.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import io.github.gradcheck.testing.QuietTest;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Hamcrest is optional for users of gradcheck-junit: on a class path without it, JUnit runs a
 * {@code @GradientTest} and a plain check with the extension and the suite report, and neither
 * loads a Hamcrest class.
 */
class WithoutHamcrestTest extends QuietTest {

    /** Run on the class path without Hamcrest. */
    static class Fixture {
        @Test
        void plainCheck() {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(ReportFixtures.X0)
                    .assertPasses();
        }

        @GradientTest(trials = 10, dims = {"n=1..3"})
        void property(@Shape(rows = "n", cols = "2") DMatrixRMaj x) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(x).assertPasses();
        }
    }

    /** This test's class path (Surefire's, when it runs in a fork) less every Hamcrest jar. */
    private static URL[] classPathWithoutHamcrest() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank() && !entry.contains("hamcrest")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Test
    void theExtensionAndTheReportWorkWithoutHamcrest() throws Exception {
        Path dir = Launch.directory();
        long succeeded;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutHamcrest(), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.hamcrest.Matcher"));
            Thread.currentThread().setContextClassLoader(loader);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            succeeded = launch(loader, Fixture.class.getName(), dir.toString());
        } finally {
            Thread.currentThread().setContextClassLoader(context);
            System.setOut(out);
        }
        assertEquals(2, succeeded);
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("gradcheck: 2 checks, 2 passed"));
        Launch.Outcome report = new Launch.Outcome(dir, "", "", null);
        List<JsonObject> checks = report.checks();
        assertEquals(List.of("check", "property"), checks.stream().map(c -> text(c, "kind")).sorted().toList());
    }

    /** Runs a class through the launcher of another class loader; the number of tests that succeeded. */
    private static long launch(ClassLoader loader, String fixture, String directory) throws Exception {
        Class<?> builderClass = loader.loadClass("org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder");
        Object builder = builderClass.getMethod("request").invoke(null);
        Object selector = loader.loadClass("org.junit.platform.engine.discovery.DiscoverySelectors")
                .getMethod("selectClass", String.class).invoke(null, fixture);
        Object selectors = Array.newInstance(loader.loadClass("org.junit.platform.engine.DiscoverySelector"), 1);
        Array.set(selectors, 0, selector);
        builderClass.getMethod("selectors", selectors.getClass()).invoke(builder, selectors);
        builderClass.getMethod("configurationParameter", String.class, String.class)
                .invoke(builder, "gradcheck.report.dir", directory);
        Object request = builderClass.getMethod("build").invoke(builder);
        Object launcher = loader.loadClass("org.junit.platform.launcher.core.LauncherFactory").getMethod("create")
                .invoke(null);
        Object summary = loader.loadClass("org.junit.platform.launcher.listeners.SummaryGeneratingListener")
                .getConstructor().newInstance();
        Object listeners = Array.newInstance(loader.loadClass("org.junit.platform.launcher.TestExecutionListener"), 1);
        Array.set(listeners, 0, summary);
        loader.loadClass("org.junit.platform.launcher.Launcher").getMethod("execute",
                        loader.loadClass("org.junit.platform.launcher.LauncherDiscoveryRequest"), listeners.getClass())
                .invoke(launcher, request, listeners);
        Object counts = summary.getClass().getMethod("getSummary").invoke(summary);
        return (long) loader.loadClass("org.junit.platform.launcher.listeners.TestExecutionSummary")
                .getMethod("getTestsSucceededCount").invoke(counts);
    }
}
