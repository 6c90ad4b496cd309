package io.github.gradcheck.junit.report;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.PipelineResult;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.junit.internal.report.Html;
import io.github.gradcheck.junit.internal.report.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of checks drawn by the same renderer as the suite report ({@code target/gradcheck/index.html}):
 * a summary, then the checks in parts, each with its verdict first, its headline, its facts beside
 * the heatmaps of its derivatives, the shrunk counterexample and the replay line. The demo writes
 * its page with it. Immutable: each method returns a new page.
 *
 * <pre>{@code
 * ReportPage.titled("My checks", "What they show.")
 *         .part("Softmax", "Its gradient, right and wrong.")
 *         .add(ReportPage.Check.of("softmax loss", result).note("Differentiated by hand."))
 *         .write(Path.of("target/my-checks/index.html"));
 * }</pre>
 */
public final class ReportPage {

    private final String title;
    private final String lead;
    private final List<Draft> parts;

    private record Draft(String heading, String intro, List<Check> checks) {
    }

    private ReportPage(String title, String lead, List<Draft> parts) {
        this.title = title;
        this.lead = lead;
        this.parts = List.copyOf(parts);
    }

    /**
     * An empty page.
     *
     * @param title its title
     * @param lead a paragraph under the title, or null
     * @return the empty page
     */
    public static ReportPage titled(String title, String lead) {
        return new ReportPage(title, lead, List.of());
    }

    /**
     * The page with a new part, to which the checks added next belong.
     *
     * @param heading the part's heading
     * @param intro a paragraph under it, or null
     * @return the page with the new part
     */
    public ReportPage part(String heading, String intro) {
        List<Draft> more = new ArrayList<>(parts);
        more.add(new Draft(heading, intro, List.of()));
        return new ReportPage(title, lead, more);
    }

    /**
     * The page with one more check, in the last part (in a part "Checks" when there is none).
     *
     * @param check the check
     * @return the page with the check
     */
    public ReportPage add(Check check) {
        List<Draft> more = new ArrayList<>(parts.isEmpty() ? List.of(new Draft("Checks", null, List.of())) : parts);
        Draft last = more.remove(more.size() - 1);
        List<Check> checks = new ArrayList<>(last.checks());
        checks.add(check);
        more.add(new Draft(last.heading(), last.intro(), checks));
        return new ReportPage(title, lead, more);
    }

    /**
     * The page as polyglot HTML5 (also well-formed XHTML), self-contained.
     *
     * @return the page as polyglot HTML5
     */
    public String html() {
        List<Page.Part> drawn = new ArrayList<>();
        int number = 0;
        int passed = 0;
        int expected = 0;
        int met = 0;
        Map<List<String>, Integer> failures = new LinkedHashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            List<Page.Section> sections = new ArrayList<>();
            for (Check c : parts.get(p).checks()) {
                number++;
                passed += c.passed ? 1 : 0;
                if (!c.passed) {
                    failures.merge(List.of(c.status, c.mistake.name()), 1, Integer::sum);
                }
                if (c.expectation != null) {
                    expected++;
                    met += c.met ? 1 : 0;
                }
                sections.add(c.section("c" + number, number));
            }
            drawn.add(new Page.Part("part-" + (p + 1), parts.get(p).heading(), parts.get(p).intro(), sections, false));
        }
        List<Page.Stat> stats = new ArrayList<>(List.of(
                new Page.Stat("checks", Integer.toString(number), Page.Tone.NEUTRAL),
                new Page.Stat("passed", Integer.toString(passed), Page.Tone.PASSED),
                new Page.Stat("failed", Integer.toString(number - passed), Page.Tone.FAILED)));
        if (expected > 0) {
            stats.add(new Page.Stat("as expected", met + " of " + expected, met == expected ? Page.Tone.PASSED
                    : Page.Tone.WARNING));
        }
        List<Page.Count> counts = new ArrayList<>();
        failures.forEach((k, n) -> counts.add(new Page.Count(k.get(0), k.get(1), n)));
        return Html.render(new Page(title, lead, new Page.Overview(stats, counts, List.of()), drawn,
                "Written by gradcheck (the renderer of its suite report). Hover a cell of a heatmap for its value."));
    }

    /**
     * Writes the page, creating its folder.
     *
     * @return the file
     * @param file the file to write
     * @throws java.io.IOException when the file cannot be written
     */
    public Path write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, html(), StandardCharsets.UTF_8);
        return file;
    }

    /** One check on a page: its verdict, headline, facts and picture, with a note and an expectation. Immutable. */
    public static final class Check {
        private final String title;
        private final String status;
        private final boolean passed;
        private final Mistake mistake;
        private final String headline;
        private final Map<String, String> facts;
        private final String picture;
        private final String note;
        private final String expectation;
        private final boolean met;
        private final List<Page.Block> stages;

        private Check(String title, String status, boolean passed, Mistake mistake, String headline,
                      Map<String, String> facts, String picture, String note, String expectation, boolean met) {
            this(title, status, passed, mistake, headline, facts, picture, note, expectation, met, List.of());
        }

        private Check(String title, String status, boolean passed, Mistake mistake, String headline,
                      Map<String, String> facts, String picture, String note, String expectation, boolean met,
                      List<Page.Block> stages) {
            this.stages = List.copyOf(stages);
            this.title = title;
            this.status = status;
            this.passed = passed;
            this.mistake = mistake == null ? Mistake.NONE : mistake;
            this.headline = headline;
            this.facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
            this.picture = picture;
            this.note = note;
            this.expectation = expectation;
            this.met = met;
        }

        /**
         * A check at one point: its status, mistake, headline, facts and heatmaps.
         *
         * @param title what is checked
         * @param result its result
         * @return the check as the page shows it
         */
        public static Check of(String title, CheckResult result) {
            return new Check(title, result.status().name(), result.passed(), result.mistake(), result.headline(),
                    result.facts(), result.picture().orElse(null), null, null, false);
        }

        /**
         * Random trials: their verdict and report; for a failure the shrunk check's mistake and heatmaps.
         *
         * @param title what is checked
         * @param result its result
         * @return the check as the page shows it
         */
        public static Check of(String title, TrialsResult result) {
            CheckResult shrunk = result.counterexample().map(c -> c.result()).orElse(null);
            String status = result.passed() ? "PASSED" : shrunk != null ? shrunk.status().name() : "FAILED";
            return new Check(title, status, result.passed(), shrunk == null ? Mistake.NONE : shrunk.mistake(),
                    result.headline(), result.facts(), shrunk == null ? null : shrunk.picture().orElse(null), null,
                    null, false);
        }

        /**
         * A pipeline: its verdict and report, then one row per stage in forward order (the stage's
         * verdict first; a failing stage's facts beside its heatmaps), then the end-to-end check.
         *
         * @param title what is checked
         * @param result its result
         * @return the check as the page shows it
         */
        public static Check of(String title, PipelineResult result) {
            CheckResult decisive = result.failedStage().map(result::stage).orElse(result.endToEnd());
            List<Page.Block> rows = new ArrayList<>();
            Map<String, CheckResult> parts = new LinkedHashMap<>(result.stages());
            parts.put(Page.END_TO_END, result.endToEnd());
            parts.forEach((name, r) -> rows.add(Page.stage(name, r.status().name(), r.passed(),
                    r.mistake().name(), r.headline(), r.facts(), r.picture().orElse(null))));
            return new Check(title, result.passed() ? "PASSED" : decisive.status().name(), result.passed(),
                    result.passed() ? Mistake.NONE : decisive.mistake(), result.headline(),
                    Page.pipelineFacts(result.facts()), null, null, null, false, rows);
        }

        /**
         * A check known by its verdict and report only (a failure of another assertion, say).
         *
         * @param status a {@link io.github.gradcheck.Status} name, or FAILED
         * @param facts the report's facts, in order; copied
         * @param title what is checked
         * @param passed whether it passed
         * @param mistake the mistake it names
         * @param headline its headline
         * @return the check as the page shows it
         */
        public static Check of(String title, String status, boolean passed, Mistake mistake, String headline,
                               Map<String, String> facts) {
            return new Check(title, status, passed, mistake, headline, facts, null, null, null, false);
        }

        /**
         * The same check shown with another report (a test's full failure message, taken apart).
         *
         * @param newHeadline the headline to show
         * @param newFacts the facts to show, in order
         * @return the check shown with that report
         */
        public Check reported(String newHeadline, Map<String, String> newFacts) {
            return new Check(title, status, passed, mistake, newHeadline, newFacts, picture, note, expectation, met,
                    stages);
        }

        /**
         * The same check with a sentence on what it shows.
         *
         * @param text one sentence on what it shows
         * @return the check with the note
         */
        public Check note(String text) {
            return new Check(title, status, passed, mistake, headline, facts, picture, text, expectation, met, stages);
        }

        /**
         * The same check with the verdict that was expected, and whether it came.
         *
         * @param what the expected verdict in words ("PASSED", "a failure naming TRANSPOSED")
         * @param came came
         * @return the same check with the verdict that was expected, and whether it came
         */
        public Check expected(String what, boolean came) {
            return new Check(title, status, passed, mistake, headline, facts, picture, note, what, came, stages);
        }

        private Page.Section section(String id, int number) {
            Page.Tone tone = expectation != null && !met ? Page.Tone.WARNING : passed ? Page.Tone.PASSED
                    : Page.Tone.FAILED;
            String remark = expectation == null ? null : met ? "✓ as expected" : "✗ expected " + expectation;
            Page.Block block = Page.Block.of(null, List.of(), headline, facts, picture,
                    "Heatmaps of the analytic and the reference derivative, and their difference", false);
            List<Page.Block> blocks = new ArrayList<>(List.of(block));
            blocks.addAll(stages);
            return new Page.Section(id, number + ". " + title, null, tone, Page.verdict(status, passed, mistake.name()),
                    remark, met ? Page.Tone.PASSED : Page.Tone.WARNING, note, blocks);
        }
    }
}
