package io.github.gradcheck;

import static io.github.gradcheck.testing.Matrices.random;
import static io.github.gradcheck.testing.Matrices.scale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report() is a headline and aligned key : value facts; tests read the facts, not the text. */
class ReportTest extends QuietTest {

    private static final CheckResult MISMATCH = GradCheck.scalar(Matrices::sumOfSquares)
            .gradient(x -> scale(3, x)).at(random(2, 3, 1)).check();

    @Test
    void aMismatchReportHasTheFactsAPersonNeeds() {
        Map<String, String> facts = MISMATCH.facts();
        assertEquals(List.of("status", "mistake", "scale factor", "input", "worst entry", "analytic", "numeric",
                "abs error", "rel error", "tolerance", "failed entries", "mode", "evaluations", "seed"),
                List.copyOf(facts.keySet()));
        assertEquals("MISMATCH", facts.get("status"));
        assertEquals("WRONG_SCALE", facts.get("mistake"));
        assertEquals(1.5, MISMATCH.scaleFactor().orElseThrow(), 1e-6);
        assertEquals("X (2×3)", facts.get("input"));
        assertEquals("6 of 6", facts.get("failed entries"));
        assertTrue(MISMATCH.headline().startsWith("gradient mismatch"), MISMATCH.headline());
    }

    @Test
    void theReportIsTheHeadlineThenOneAlignedFactPerLine() {
        List<String> lines = MISMATCH.report().lines().toList();
        assertEquals(MISMATCH.headline(), lines.get(0));
        assertEquals(MISMATCH.facts().size() + 1, lines.size());
        int colon = lines.get(1).indexOf(" : ");
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.startsWith("  "), line);
            assertEquals(colon, line.indexOf(" : "), "facts are aligned: " + line);
        }
    }

    @Test
    void theWorstEntryNumbersAreTheAnalyticAndNumericValues() {
        double analytic = Double.parseDouble(MISMATCH.facts().get("analytic"));
        double numeric = Double.parseDouble(MISMATCH.facts().get("numeric"));
        assertEquals(1.5 * numeric, analytic, 1e-5 * Math.abs(analytic));
        assertEquals(MISMATCH.maxAbsError(), Math.abs(analytic - numeric), 1e-5 * Math.abs(analytic));
    }

    @Test
    void aPassReportSaysWhatWasCompared() {
        CheckResult r = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> scale(2, x)).at(random(2, 3, 1)).check();
        assertEquals("gradient matches finite differences at all 6 entries", r.headline());
        assertEquals("6", r.facts().get("entries"));
        assertEquals("PASSED", r.facts().get("status"));
        assertEquals("NONE", r.facts().get("mistake"));
    }
}
