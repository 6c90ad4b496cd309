package io.github.gradcheck.junit.internal.report;

import static io.github.gradcheck.junit.internal.report.Launch.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.gradcheck.testing.QuietTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several test plans (Surefire's forks, or its runs class by class) write one part each, and the
 * page and JSON merge the parts of the build; a rerun test counts once; an earlier build's parts
 * are dropped.
 */
class ReportPartsTest extends QuietTest {

    private static Set<String> tests(Launch.Outcome run) throws Exception {
        return run.checks().stream().map(c -> text(c, "methodName")).collect(Collectors.toSet());
    }

    private static long parts(Path dir) throws Exception {
        try (var files = Files.list(dir.resolve("parts"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
        }
    }

    @Test
    void twoPlansOfOneBuildMergeIntoOneReport() throws Exception {
        Path dir = Launch.directory();
        Launch.run(dir, Map.of(), ReportFixtures.Passing.class);
        Launch.Outcome second = Launch.run(dir, Map.of(), ReportFixtures.MatcherAndTrials.class);
        assertEquals(Set.of("squaredNormGradient", "hamcrestMatcher", "randomTrials"), tests(second));
        assertEquals(2, parts(dir));
        assertTrue(second.out().startsWith("gradcheck: 3 checks, 3 passed, 0 failed"), second.out());
    }

    @Test
    void aTestRunAgainCountsOnceWithItsNewestRecords() throws Exception {
        Path dir = Launch.directory();
        Launch.run(dir, Map.of(), ReportFixtures.Passing.class, ReportFixtures.Failing.class);
        Launch.Outcome again = Launch.run(dir, Map.of(), ReportFixtures.Passing.class);
        List<JsonObject> checks = again.checks();
        assertEquals(4, checks.size());
        assertEquals(1, again.checksOf("squaredNormGradient").size());
    }

    @Test
    void anEarlierBuildsPartIsDeletedAndLeftOut() throws Exception {
        Path dir = Launch.directory();
        Launch.run(dir, Map.of(), ReportFixtures.Failing.class);
        Path stale = dir.resolve("parts").resolve("part-1-1-1.json");
        try (var files = Files.list(dir.resolve("parts"))) {
            Path written = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            // the same records, from a JVM of another build that has ended
            String text = Files.readString(written, StandardCharsets.UTF_8)
                    .replaceFirst("\"run\": \"[^\"]*\"", "\"run\": \"maven:1@2000-01-01T00:00:00Z\"")
                    .replaceFirst("\"pid\": \\d+", "\"pid\": 999999999")
                    .replaceFirst("\"started\": \"[^\"]*\"", "\"started\": \"2000-01-01T00:00:00Z\"");
            Files.writeString(stale, text, StandardCharsets.UTF_8);
            Files.delete(written);
        }
        Launch.Outcome run = Launch.run(dir, Map.of(), ReportFixtures.Passing.class);
        assertFalse(Files.exists(stale));
        assertEquals(Set.of("squaredNormGradient"), tests(run));
    }

    @Test
    void aPartThatCannotBeReadIsAWarningAndLeftOut() throws Exception {
        Path dir = Launch.directory();
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts").resolve("part-0-0-0.json"), "{\"schema\": \"gradcheck-report-part\"",
                StandardCharsets.UTF_8);
        Launch.Outcome run = Launch.run(dir, Map.of(), ReportFixtures.Passing.class);
        assertEquals(Set.of("squaredNormGradient"), tests(run));
        assertTrue(run.err().startsWith("gradcheck: warning: a part of the report was left out: part-0-0-0.json"),
                run.err());
    }
}
