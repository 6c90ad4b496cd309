package io.github.gradcheck.junit.internal.report;

import static io.github.gradcheck.junit.internal.report.Launch.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonObject;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.junit.GradientTest;
import io.github.gradcheck.junit.Shape;
import io.github.gradcheck.testing.QuietTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Under JUnit's parallel mode each check is attributed to the test that made it: the listener is
 * called on the thread that runs the test, and the tests below provably overlap (they meet at a
 * barrier between their checks, which only tests running at the same time can pass).
 */
class ParallelAttributionTest extends QuietTest {

    private static final int TESTS = 4;
    private static final int CHECKS = 3;

    /** Four tests; test i checks inputs of i rows, so a record's shape tells which test made it. */
    static class Overlapping {
        static CyclicBarrier barrier;

        @BeforeAll
        static void meet() {
            barrier = new CyclicBarrier(TESTS);
        }

        static void checks(int rows) throws Exception {
            for (int k = 0; k < CHECKS; k++) {
                barrier.await(20, TimeUnit.SECONDS);
                DMatrixRMaj x = new DMatrixRMaj(rows, 2);
                x.fill(0.5 + k);
                GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(x).assertPasses();
            }
        }

        @Test
        void one() throws Exception {
            checks(1);
        }

        @Test
        void two() throws Exception {
            checks(2);
        }

        @Test
        void three() throws Exception {
            checks(3);
        }

        @Test
        void four() throws Exception {
            checks(4);
        }
    }

    /** Properties over domains of their own, so that a record's domain tells which made it. */
    static class Properties {
        @GradientTest(trials = 30, dims = {"n=1..2"})
        void small(@Shape(rows = "n", cols = "2") DMatrixRMaj x) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(x).assertPasses();
        }

        @GradientTest(trials = 30, dims = {"n=3..4"})
        void middle(@Shape(rows = "n", cols = "2") DMatrixRMaj x) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice).at(x).assertPasses();
        }

        @GradientTest(trials = 30, dims = {"n=5..6"})
        void large(@Shape(rows = "n", cols = "2") DMatrixRMaj x) {
            GradCheck.scalar(ReportFixtures::squaredNorm).gradient(DMatrixRMaj::copy).at(x).assertPasses();
        }
    }

    /** A check made on a thread the test starts. */
    static class OwnThread {
        @Test
        void checksOnAThreadOfItsOwn() throws Exception {
            Thread t = new Thread(() -> GradCheck.scalar(ReportFixtures::squaredNorm).gradient(ReportFixtures::twice)
                    .at(ReportFixtures.X0).check());
            t.start();
            t.join();
        }
    }

    private static final Map<String, Integer> ROWS = Map.of("one", 1, "two", 2, "three", 3, "four", 4);

    @Test
    void eachCheckIsAttributedToTheTestThatMadeItWhenTestsRunInParallel() throws Exception {
        Launch.Outcome run = Launch.run(Launch.directory(), Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(TESTS)),
                Overlapping.class);
        assertEquals(TESTS, run.summary().getTestsSucceededCount(), "the tests ran at the same time");
        List<JsonObject> checks = run.checks();
        assertEquals(TESTS * CHECKS, checks.size());
        Set<String> tests = new HashSet<>();
        for (JsonObject c : checks) {
            String method = text(c, "methodName");
            tests.add(method);
            int rows = c.getAsJsonArray("inputs").get(0).getAsJsonObject().get("rows").getAsInt();
            assertEquals(ROWS.get(method), rows, "a check of test " + method);
        }
        assertEquals(ROWS.keySet(), tests);
    }

    @Test
    void propertiesInParallelAreOneRecordEachWithTheirOwnDomain() throws Exception {
        Launch.Outcome run = Launch.run(Launch.directory(), Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent"), Properties.class);
        Map<String, String> domains = Map.of("small", "n=1..2", "middle", "n=3..4", "large", "n=5..6");
        List<JsonObject> checks = run.checks();
        assertEquals(3, checks.size());
        for (JsonObject c : checks) {
            assertEquals("property", text(c, "kind"));
            assertEquals(domains.get(text(c, "methodName")), text(c.getAsJsonObject("trials"), "domain"));
        }
        JsonObject large = run.checksOf("large").get(0);
        assertEquals("WRONG_SCALE", text(large, "mistake"));
        assertEquals(5, large.getAsJsonObject("shrunkDims").get("n").getAsInt());
    }

    @Test
    void aCheckOnAnotherThreadGoesToTheOneTestRunning() throws Exception {
        Launch.Outcome run = Launch.run(Launch.directory(), Map.of(), OwnThread.class);
        List<JsonObject> checks = run.checks();
        assertEquals(1, checks.size());
        assertEquals("checksOnAThreadOfItsOwn", text(checks.get(0), "methodName"));
        assertNotEquals(null, text(checks.get(0), "testId"));
    }
}
