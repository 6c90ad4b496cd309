package io.github.gradcheck.samples;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.TrialsResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's record of what it checked: each check printed as it runs (title, what it shows, the
 * report) and kept as a {@link Section} for the HTML page.
 */
final class Tour {

    /**
     * One check of the tour.
     *
     * @param part the part of the tour it belongs to
     * @param title what is checked
     * @param why one sentence on what it shows
     * @param status the status gradcheck gave (PASSED, MISMATCH, …)
     * @param mistake the mistake it named
     * @param expected the verdict the demo expects, in words ("PASSED", "MISMATCH · TRANSPOSED")
     * @param asExpected whether the verdict is the expected one
     * @param headline the report's headline
     * @param facts the report's facts, in order
     * @param picture the SVG picture of the derivatives, or null
     */
    record Section(String part, String title, String why, String status, Mistake mistake, String expected,
                   boolean asExpected, String headline, Map<String, String> facts, String picture) {

        boolean passed() {
            return "PASSED".equals(status);
        }

        Section inPart(String newPart) {
            return new Section(newPart, title, why, status, mistake, expected, asExpected, headline, facts, picture);
        }
    }

    private final PrintStream out;
    private final List<Section> sections = new ArrayList<>();
    private String part = "";

    Tour(PrintStream out) {
        this.out = out;
    }

    List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Starts a part of the tour. */
    void part(String title, String intro) {
        part = title;
        out.println();
        out.println("━━ " + title + " " + "━".repeat(Math.max(3, 76 - title.length())));
        out.println(wrap(intro, ""));
    }

    /** A check whose result is in hand; the expected verdict is a pass, or a failure with {@code mistake}. */
    void check(String title, String why, CheckResult result, Mistake expectedMistake) {
        boolean expectPass = expectedMistake == Mistake.NONE;
        boolean asExpected = expectPass ? result.passed() : !result.passed() && result.mistake() == expectedMistake;
        add(new Section(part, title, why, result.status().name(), result.mistake(),
                expectPass ? "PASSED" : "a failure naming " + expectedMistake, asExpected, result.headline(),
                result.facts(), result.picture().orElse(null)), result.report());
    }

    /** A check that ran as a test: its verdict and report are given. */
    void add(Section given, String report) {
        Section section = given.inPart(part);
        sections.add(section);
        out.println();
        out.println("▶ " + section.title() + (section.asExpected() ? "" : "   ✗ NOT AS EXPECTED: expected "
                + section.expected()));
        out.println(wrap(section.why(), "  "));
        out.println("  " + report.replace("\n", "\n  "));
    }

    /** Random trials, expected to pass. */
    void trials(String title, String why, TrialsResult result) {
        add(new Section(part, title, why, result.passed() ? "PASSED" : "FAILED",
                result.counterexample().map(c -> c.result().mistake()).orElse(Mistake.NONE), "PASSED",
                result.passed(), result.headline(), result.facts(),
                result.counterexample().flatMap(c -> c.result().picture()).orElse(null)), result.report());
    }

    /** How many checks came out as expected. */
    long asExpected() {
        return sections.stream().filter(Section::asExpected).count();
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
