package io.github.gradcheck.junit.internal.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report page shows, ready for {@link Html} to draw: the suite report builds it from its
 * entries ({@link SuitePage}), the demo from its checks ({@link io.github.gradcheck.junit.report.ReportPage}). Immutable.
 *
 * @param title the page's title (its h1)
 * @param lead a paragraph under the title
 * @param overview the summary: counts, failures by status and mistake, slowest checks
 * @param parts the parts of the page, each with its sections
 * @param footer a line at the bottom
 */
public record Page(String title, String lead, Overview overview, List<Part> parts, String footer) {

    public Page {
        parts = List.copyOf(parts);
    }

    /** How a badge, a section or a remark is coloured; the text always says it too. */
    public enum Tone { PASSED, FAILED, MISTAKE, WARNING, NEUTRAL }

    /** A label in a coloured pill. */
    public record Badge(String text, Tone tone) {
    }

    /**
     * The summary at the top.
     *
     * @param stats big numbers: checks, passed, failed, tests
     * @param failures the failed checks counted by status and mistake
     * @param slowest the slowest checks (empty when durations are unknown)
     */
    public record Overview(List<Stat> stats, List<Count> failures, List<Slow> slowest) {
        public Overview {
            stats = List.copyOf(stats);
            failures = List.copyOf(failures);
            slowest = List.copyOf(slowest);
        }
    }

    /** A big number with its label. */
    public record Stat(String label, String value, Tone tone) {
    }

    /** A row of the failures table. */
    public record Count(String status, String mistake, int count) {
    }

    /** A row of the slowest-checks table: which test (a link to its section), what, how long. */
    public record Slow(String test, String href, String what, String duration) {
    }

    /**
     * A part of the page: a heading, an introduction and its sections.
     *
     * @param folded whether its list in the contents starts folded (the tests that passed)
     */
    public record Part(String id, String heading, String intro, List<Section> sections, boolean folded) {
        public Part {
            sections = List.copyOf(sections);
        }
    }

    /**
     * A section: a test of the suite, or a check of the demo.
     *
     * @param id its anchor, unique on the page
     * @param heading its title
     * @param subheading a smaller line under it (the test's id), or null
     * @param tone its colour
     * @param badges the verdict, first thing in the section
     * @param remark a line beside the verdict ("as expected", "the test passed"), or null
     * @param remarkTone the remark's colour
     * @param note a sentence on what it shows, or null
     * @param blocks its checks
     */
    public record Section(String id, String heading, String subheading, Tone tone, List<Badge> badges, String remark,
                   Tone remarkTone, String note, List<Block> blocks) {
        public Section {
            badges = List.copyOf(badges);
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * One check: its verdict, headline, facts, picture, shrunk counterexample and replay line.
     *
     * @param heading a title when a section holds several checks, or null
     * @param badges its status and mistake
     * @param headline the result's headline
     * @param facts the facts for the table (the counterexample, the replay and file paths taken out)
     * @param counterexample the shrunk inputs as Java, or null
     * @param replay how to rerun the case, or null
     * @param picture the SVG heatmaps, or null
     * @param pictureLabel what the picture shows, for screen readers
     * @param collapsed whether the details start folded (a passed check in a long report)
     */
    public record Block(String heading, List<Badge> badges, String headline, Map<String, String> facts,
                 String counterexample, String replay, String picture, String pictureLabel, boolean collapsed) {

        public Block {
            badges = List.copyOf(badges);
            facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        /**
         * A block from a report's facts: the {@code inputs} (the shrunk counterexample, Java) and the
         * {@code replay} line are shown on their own; a {@code picture} fact (a file's path) and,
         * when the picture is shown, the {@code difference} text heatmap are left out.
         */
        public static Block of(String heading, List<Badge> badges, String headline, Map<String, String> facts,
                        String picture, String pictureLabel, boolean collapsed) {
            Map<String, String> table = new LinkedHashMap<>(facts);
            String counterexample = table.remove("inputs");
            String replay = table.remove("replay");
            table.remove("picture");
            if (picture != null) {
                table.remove("difference");
            }
            return new Block(heading, badges, headline, table, counterexample, replay, picture, pictureLabel, collapsed);
        }
    }

    /** The name of a pipeline's end-to-end check among its stages. */
    public static final String END_TO_END = "end to end";

    /**
     * One row of a pipeline: a stage's verdict first, then its headline; a failing stage's facts
     * beside its heatmaps, a passing one folded.
     */
    public static Block stage(String name, String status, boolean passed, String mistake, String headline,
                              Map<String, String> facts, String picture) {
        String heading = name.equals(END_TO_END) ? name : "stage " + name;
        return Block.of(heading, verdict(status, passed, mistake), headline, facts, passed ? null : picture,
                "Heatmaps of the derivative of " + heading + ": analytic, reference, difference", passed);
    }

    /**
     * A pipeline's own facts for the block above its stage rows: the verdict of each stage and of
     * the end-to-end check, and the totals; the failed check's details are in its row.
     */
    public static Map<String, String> pipelineFacts(Map<String, String> facts) {
        Map<String, String> kept = new LinkedHashMap<>();
        facts.forEach((key, value) -> {
            if (key.startsWith("stage ") || key.equals(END_TO_END) || key.equals("failed stage")
                    || key.equals("wiring") || key.equals("evaluations") || key.equals("seed")) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** The badges of a verdict: the status, and the mistake when one is named. */
    public static List<Badge> verdict(String status, boolean passed, String mistake) {
        Badge first = new Badge(status, passed ? Tone.PASSED : Tone.FAILED);
        return mistake == null || mistake.equals("NONE") ? List.of(first)
                : List.of(first, new Badge(mistake, Tone.MISTAKE));
    }
}
