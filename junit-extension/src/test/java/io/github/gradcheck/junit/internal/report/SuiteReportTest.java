package io.github.gradcheck.junit.internal.report;

import static io.github.gradcheck.junit.internal.report.Launch.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.gradcheck.testing.QuietTest;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A run of fixture classes through the launcher writes gradcheck.json with one record per check,
 * attributed to its test, and a well-formed page with a section per test.
 */
class SuiteReportTest extends QuietTest {

    private static Launch.Outcome run;

    @BeforeAll
    static void runTheFixtures() throws Exception {
        run = Launch.run(Launch.directory(), Map.of(), ReportFixtures.Passing.class, ReportFixtures.Failing.class,
                ReportFixtures.Properties.class, ReportFixtures.MatcherAndTrials.class, ReportFixtures.NoChecks.class);
    }

    private static JsonObject only(String method) throws Exception {
        List<JsonObject> checks = run.checksOf(method);
        assertEquals(1, checks.size(), method + ": " + checks);
        return checks.get(0);
    }

    /** The seed @GradientTest derives from a test's name (the extension's own function). */
    private static long propertySeed(String method) throws Exception {
        Method seedOf = Class.forName("io.github.gradcheck.junit.Property").getDeclaredMethod("seedOf", Method.class);
        seedOf.setAccessible(true);
        Method property = ReportFixtures.Properties.class.getDeclaredMethod(method, DMatrixRMaj.class);
        return (long) seedOf.invoke(null, property);
    }

    @Test
    void theListenerIsLoadedByTheServiceLoader() {
        boolean found = ServiceLoader.load(TestExecutionListener.class).stream()
                .anyMatch(p -> p.type() == SuiteReportListener.class);
        assertTrue(found);
    }

    @Test
    void theFixturesRanAsExpected() {
        assertEquals(9, run.summary().getTestsStartedCount());
        assertEquals(2, run.summary().getTestsFailedCount()); // softmaxAsIfElementwise and halfGradient
    }

    @Test
    void theReportHasItsSchemaAndSummary() throws Exception {
        JsonObject report = run.report();
        assertEquals("gradcheck-report", report.get("schema").getAsString());
        assertEquals(1, report.get("schemaVersion").getAsInt());
        JsonObject summary = report.getAsJsonObject("summary");
        assertEquals(8, summary.get("checks").getAsInt());
        assertEquals(4, summary.get("passed").getAsInt());
        assertEquals(4, summary.get("failed").getAsInt());
        assertEquals(3, summary.getAsJsonObject("byStatus").get("MISMATCH").getAsInt());
        assertEquals(1, summary.getAsJsonObject("byStatus").get("THREW").getAsInt());
        assertEquals(2, summary.getAsJsonObject("byMistake").get("WRONG_SCALE").getAsInt());
    }

    @Test
    void aPassingCheckIsOneRecordWithWhatWasChecked() throws Exception {
        JsonObject c = only("squaredNormGradient");
        assertEquals("PASSED", text(c, "status"));
        assertTrue(c.get("passed").getAsBoolean());
        assertEquals("NONE", text(c, "mistake"));
        assertEquals("check", text(c, "kind"));
        assertEquals("scalar", text(c, "function"));
        assertEquals("gradient", c.getAsJsonArray("derivatives").get(0).getAsString());
        JsonObject input = c.getAsJsonArray("inputs").get(0).getAsJsonObject();
        assertEquals("X", text(input, "name"));
        assertEquals(3, input.get("rows").getAsInt());
        assertEquals(2, input.get("cols").getAsInt());
        assertEquals(1e-5, c.getAsJsonObject("tolerance").get("rtol").getAsDouble());
        assertEquals("FULL", text(c, "mode")); // the mode that ran
        assertTrue(c.get("evaluations").getAsLong() > 0);
        assertEquals("0", text(c, "seed"));
        assertTrue(c.get("durationMillis").getAsDouble() >= 0);
        assertTrue(c.get("maxAbsError").getAsDouble() < 1e-5);
        assertEquals("SUCCESSFUL", text(c, "testOutcome"));
        assertEquals("ReportFixtures.Passing.squaredNormGradient", text(c, "test"));
        assertTrue(text(c, "testId").contains("squaredNormGradient"));
    }

    @Test
    void aFailedAssertionIsRecordedWithItsStatusAndMistake() throws Exception {
        JsonObject c = only("softmaxAsIfElementwise");
        assertEquals("MISMATCH", text(c, "status"));
        assertFalse(c.get("passed").getAsBoolean());
        assertEquals("ELEMENTWISE_JACOBIAN", text(c, "mistake"));
        assertEquals("vjp", c.getAsJsonArray("derivatives").get(0).getAsString());
        assertEquals("matrix", text(c, "function"));
        assertEquals("FAILED", text(c, "testOutcome"));
        assertTrue(c.get("maxAbsError").getAsDouble() > 0);
    }

    @Test
    void aFailedCheckInAPassingTestIsStillAFailedCheck() throws Exception {
        JsonObject c = only("halfGradientIgnored");
        assertEquals("WRONG_SCALE", text(c, "mistake"));
        assertEquals(0.5, c.get("scaleFactor").getAsDouble(), 1e-6);
        assertEquals("SUCCESSFUL", text(c, "testOutcome"));
    }

    @Test
    void aThrowingFunctionIsRecordedAsThrew() throws Exception {
        JsonObject c = only("functionThatThrows");
        assertEquals("THREW", text(c, "status"));
        assertEquals("NONE", text(c, "mistake"));
    }

    @Test
    void aFailingPropertyIsOneRecordWithItsShrunkDims() throws Exception {
        JsonObject c = only("halfGradient");
        assertEquals("property", text(c, "kind"));
        assertEquals("WRONG_SCALE", text(c, "mistake"));
        JsonObject dims = c.getAsJsonObject("shrunkDims");
        assertEquals(1, dims.get("n").getAsInt());
        assertEquals(1, dims.get("k").getAsInt());
        JsonObject trials = c.getAsJsonObject("trials");
        assertEquals("n=1..5, k=1..4", text(trials, "domain"));
        assertTrue(trials.get("shrinkSteps").getAsInt() >= 0);
        assertEquals(Long.toString(propertySeed("halfGradient")), text(c, "seed"));
        JsonObject input = c.getAsJsonArray("inputs").get(0).getAsJsonObject();
        assertEquals(1, input.get("rows").getAsInt(), "the shrunk case's shape");
    }

    @Test
    void aPassingPropertyIsOneRecordWhoseShapesVaried() throws Exception {
        JsonObject c = only("rightGradient");
        assertEquals("PASSED", text(c, "status"));
        assertEquals(25, c.getAsJsonObject("trials").get("judged").getAsInt());
        assertEquals(0, c.getAsJsonObject("shrunkDims").size());
        assertTrue(c.getAsJsonArray("inputs").get(0).getAsJsonObject().get("rows").isJsonNull());
    }

    @Test
    void aHamcrestMatcherIsRecorded() throws Exception {
        JsonObject c = only("hamcrestMatcher");
        assertEquals("PASSED", text(c, "status"));
        assertEquals("check", text(c, "kind"));
    }

    @Test
    void randomTrialsInATestAreOneRecord() throws Exception {
        JsonObject c = only("randomTrials");
        assertEquals("trials", text(c, "kind"));
        assertEquals(15, c.getAsJsonObject("trials").get("judged").getAsInt());
        assertEquals("3", text(c, "seed"));
    }

    @Test
    void aTestWithoutChecksHasNoRecord() throws Exception {
        assertEquals(List.of(), run.checksOf("plainArithmetic"));
    }

    @Test
    void theSummaryLineCountsTheChecksAndNamesTheFailures() {
        List<String> lines = run.out().lines().filter(l -> l.startsWith("gradcheck: ")).toList();
        assertEquals(1, lines.size(), run.out());
        String line = lines.get(0);
        assertTrue(line.startsWith("gradcheck: 8 checks, 4 passed, 4 failed ("), line);
        assertTrue(line.contains("Failing.softmaxAsIfElementwise: ELEMENTWISE_JACOBIAN"), line);
        assertTrue(line.endsWith(" — report: " + run.page()), line);
        assertEquals("", run.err());
    }

    @Test
    void thePageIsWellFormedWithASectionPerTest() throws Exception {
        Document page = run.document();
        var xpath = XPathFactory.newInstance().newXPath();
        NodeList headings = (NodeList) xpath.evaluate("//*[local-name()='section' and contains(@class,'check')]"
                + "/*[local-name()='h3']", page, XPathConstants.NODESET);
        Set<String> tests = new HashSet<>();
        for (int i = 0; i < headings.getLength(); i++) {
            tests.add(headings.item(i).getTextContent());
        }
        assertEquals(Set.of("Passing.squaredNormGradient", "Failing.softmaxAsIfElementwise",
                "Failing.halfGradientIgnored", "Failing.functionThatThrows", "Properties.halfGradient",
                "Properties.rightGradient", "MatcherAndTrials.hamcrestMatcher", "MatcherAndTrials.randomTrials")
                .stream().map(t -> "ReportFixtures." + t).collect(java.util.stream.Collectors.toSet()), tests);
    }

    @Test
    void theFailedPropertysSectionShowsItsPictureCounterexampleAndReplay() throws Exception {
        Document page = run.document();
        var xpath = XPathFactory.newInstance().newXPath();
        String section = "//*[local-name()='section' and *[local-name()='h3']='ReportFixtures.Properties.halfGradient']";
        assertEquals("WRONG_SCALE", xpath.evaluate(section + "//*[contains(@class,'badge mistake')]", page));
        assertNotNull(xpath.evaluate(section + "//*[local-name()='svg']/@aria-label", page));
        assertFalse(xpath.evaluate(section + "//*[local-name()='svg']/@aria-label", page).isEmpty());
        assertTrue(xpath.evaluate(section + "//*[contains(@class,'shrunk')]//*[local-name()='code']", page)
                .startsWith("x = "));
        assertTrue(xpath.evaluate(section + "//*[contains(@class,'replay')]//*[local-name()='code']", page)
                .contains("@GradientTest(seed = "));
    }

    @Test
    void everyFactsTableHasRowHeadersAndThePageHasOneH1() throws Exception {
        Document page = run.document();
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals(1.0, (Double) xpath.evaluate("count(//*[local-name()='h1'])", page, XPathConstants.NUMBER));
        assertEquals(0.0, (Double) xpath.evaluate("count(//*[local-name()='table' and contains(@class,'facts')]"
                + "//*[local-name()='tr'][not(*[local-name()='th'][@scope='row'])])", page, XPathConstants.NUMBER));
        assertEquals("en", xpath.evaluate("/*[local-name()='html']/@lang", page));
    }
}
