package io.github.gradcheck.junit.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the report is written, and when not: off, no check, a folder that cannot be made. */
class ReportSwitchesTest extends QuietTest {

    @Test
    void reportFalseWritesAndPrintsNothing() throws Exception {
        Path dir = Launch.directory();
        Launch.Outcome run = Launch.run(dir, Map.of("gradcheck.report", "false"), ReportFixtures.Passing.class,
                ReportFixtures.Failing.class);
        assertEquals(4, run.summary().getTestsStartedCount());
        assertFalse(Files.exists(dir));
        assertEquals("", run.out());
        assertEquals("", run.err());
    }

    @Test
    void aRunWithoutChecksWritesAndPrintsNothing() throws Exception {
        Path dir = Launch.directory();
        Launch.Outcome run = Launch.run(dir, Map.of(), ReportFixtures.NoChecks.class);
        assertEquals(1, run.summary().getTestsSucceededCount());
        assertFalse(Files.exists(dir));
        assertEquals("", run.out());
    }

    @Test
    void aFolderThatCannotBeMadeIsAWarningNotAFailure() throws Exception {
        Path blocker = Launch.directory().resolveSibling("a-file");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "not a folder");
        Launch.Outcome run = Launch.run(blocker.resolve("gradcheck"), Map.of(), ReportFixtures.Passing.class);
        assertEquals(1, run.summary().getTestsSucceededCount());
        assertEquals(0, run.summary().getTotalFailureCount());
        assertTrue(run.err().startsWith("gradcheck: warning: the report could not be written to "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aValueOtherThanTrueOrFalseIsAWarningAndTheReportIsWritten() throws Exception {
        Path dir = Launch.directory();
        Launch.Outcome run = Launch.run(dir, Map.of("gradcheck.report", "off"), ReportFixtures.Passing.class);
        assertTrue(run.err().startsWith("gradcheck: warning: gradcheck.report=off"), run.err());
        assertTrue(Files.exists(run.json()));
    }

    @Test
    void withoutAFolderGivenTheReportGoesToTargetUnderMavensBasedir() {
        String basedir = System.getProperty("basedir");
        Path expected = basedir == null ? Path.of("").toAbsolutePath().resolve("target").resolve("gradcheck")
                : Path.of(basedir).resolve("target").resolve("gradcheck");
        assertEquals(expected, Settings.of(key -> null).directory());
        assertTrue(Settings.of(key -> null).enabled());
    }
}
