package io.github.gradcheck.samples;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.junit.report.ReportPage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's record of what it checked: each check printed as it runs (title, what it shows, the
 * report) and kept for the HTML page, which gradcheck's own report renderer draws
 * ({@link ReportPage}, the renderer of the suite report).
 */
final class Tour {

    /**
     * One check of the tour.
     *
     * @param title what is checked
     * @param why one sentence on what it shows
     * @param check the check as the page shows it (verdict, report, picture)
     * @param expected the verdict the demo expects, in words ("PASSED", "a failure naming TRANSPOSED")
     * @param asExpected whether the verdict is the expected one
     */
    record Section(String title, String why, ReportPage.Check check, String expected, boolean asExpected) {
    }

    /** A part of the tour and its sections. */
    private record Part(String title, String intro, List<Section> sections) {
    }

    private final PrintStream out;
    private final List<Part> parts = new ArrayList<>();

    Tour(PrintStream out) {
        this.out = out;
    }

    /** Starts a part of the tour. */
    void part(String title, String intro) {
        parts.add(new Part(title, intro, new ArrayList<>()));
        out.println();
        out.println("━━ " + title + " " + "━".repeat(Math.max(3, 76 - title.length())));
        out.println(wrap(intro, ""));
    }

    /** A check whose result is in hand; the expected verdict is a pass, or a failure with {@code mistake}. */
    void check(String title, String why, CheckResult result, Mistake expectedMistake) {
        boolean expectPass = expectedMistake == Mistake.NONE;
        boolean asExpected = expectPass ? result.passed() : !result.passed() && result.mistake() == expectedMistake;
        add(new Section(title, why, ReportPage.Check.of(title, result), expectPass ? "PASSED"
                : "a failure naming " + expectedMistake, asExpected), result.report());
    }

    /** A check that ran as a test: its verdict and report are given. */
    void add(Section section, String report) {
        parts.get(parts.size() - 1).sections().add(section);
        out.println();
        out.println("▶ " + section.title() + (section.asExpected() ? "" : "   ✗ NOT AS EXPECTED: expected "
                + section.expected()));
        out.println(wrap(section.why(), "  "));
        out.println("  " + report.replace("\n", "\n  "));
    }

    /**
     * A pipeline: expected to pass, or to fail in {@code stage} naming {@code mistake}.
     *
     * @param stage the stage expected to fail, or null for a pass
     */
    void pipeline(String title, String why, PipelineResult result, String stage, Mistake mistake) {
        boolean asExpected = stage == null ? result.passed()
                : result.failedStage().filter(stage::equals).isPresent() && result.stage(stage).mistake() == mistake;
        add(new Section(title, why, ReportPage.Check.of(title, result), stage == null ? "PASSED"
                : "a failure in stage " + stage + " naming " + mistake, asExpected), result.report());
    }

    /** Random trials, expected to pass. */
    void trials(String title, String why, TrialsResult result) {
        add(new Section(title, why, ReportPage.Check.of(title, result), "PASSED", result.passed()), result.report());
    }

    /** How many checks there are. */
    int size() {
        return parts.stream().mapToInt(p -> p.sections().size()).sum();
    }

    /** How many checks came out as expected. */
    long asExpected() {
        return parts.stream().flatMap(p -> p.sections().stream()).filter(Section::asExpected).count();
    }

    /** The page: each part, each check with its note and whether it came out as expected. */
    ReportPage page(String title, String lead) {
        ReportPage page = ReportPage.titled(title, lead);
        for (Part p : parts) {
            page = page.part(p.title(), p.intro());
            for (Section s : p.sections()) {
                page = page.add(s.check().note(s.why()).expected(s.expected(), s.asExpected()));
            }
        }
        return page;
    }

    private static String wrap(String text, String indent) {
        StringBuilder s = new StringBuilder(indent);
        int column = indent.length();
        for (String word : text.split(" ")) {
            if (column + word.length() > 96 && column > indent.length()) {
                s.append('\n').append(indent);
                column = indent.length();
            }
            s.append(word).append(' ');
            column += word.length() + 1;
        }
        return s.toString().stripTrailing();
    }
}
