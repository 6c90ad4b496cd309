package io.github.gradcheck.junit.internal.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The suite report's page from its entries: the summary, then one section per test (tests with a
 * failed check first), each check with its verdict first, its headline, facts and heatmaps, the
 * shrunk counterexample and the replay line. Passed checks start folded.
 */
final class SuitePage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private SuitePage() {
    }

    static Page of(List<Entry> entries, Instant generated) {
        Summary summary = Summary.of(entries);
        Map<String, List<Entry>> byTest = new LinkedHashMap<>();
        for (Entry e : entries) {
            byTest.computeIfAbsent(e.test().id() == null ? "" : e.test().id(), k -> new ArrayList<>()).add(e);
        }
        Map<String, String> anchors = new LinkedHashMap<>();
        int n = 0;
        for (String id : byTest.keySet()) {
            anchors.put(id, "t" + (++n));
        }
        List<Page.Section> failed = new ArrayList<>();
        List<Page.Section> passed = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> test : byTest.entrySet()) {
            Page.Section s = section(anchors.get(test.getKey()), test.getValue());
            (s.tone() == Page.Tone.PASSED ? passed : failed).add(s);
        }
        List<Page.Part> parts = new ArrayList<>();
        if (!failed.isEmpty()) {
            parts.add(new Page.Part("failed", "Tests with a failed check", "Each test that made a check that did not "
                    + "pass, in test-plan order. A test may pass although its check failed: one that expects the "
                    + "failure, or ignores it.", failed, false));
        }
        if (!passed.isEmpty()) {
            parts.add(new Page.Part("passed", "Tests whose checks passed", "Open a check for its facts.", passed, true));
        }
        List<Page.Stat> stats = List.of(new Page.Stat("checks", Integer.toString(summary.checks()), Page.Tone.NEUTRAL),
                new Page.Stat("passed", Integer.toString(summary.passed()), Page.Tone.PASSED),
                new Page.Stat("failed", Integer.toString(summary.failed()),
                        summary.failed() > 0 ? Page.Tone.FAILED : Page.Tone.NEUTRAL),
                new Page.Stat("tests", Integer.toString(summary.tests()), Page.Tone.NEUTRAL));
        List<Page.Count> counts = new ArrayList<>();
        Map<List<String>, Integer> byVerdict = new LinkedHashMap<>();
        for (Entry e : summary.failures()) {
            byVerdict.merge(List.of(e.status(), e.mistake()), 1, Integer::sum);
        }
        byVerdict.entrySet().stream().sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed())
                .forEach(c -> counts.add(new Page.Count(c.getKey().get(0), c.getKey().get(1), c.getValue())));
        List<Page.Slow> slowest = new ArrayList<>();
        for (Entry e : summary.slowest()) {
            slowest.add(new Page.Slow(e.test().label(), anchors.get(e.test().id() == null ? "" : e.test().id()),
                    what(e), duration(e.durationMillis())));
        }
        String lead = summary.checks() + (summary.checks() == 1 ? " check" : " checks") + " in " + summary.tests()
                + (summary.tests() == 1 ? " test: " : " tests: ") + summary.passed() + " passed, " + summary.failed()
                + " failed. Generated " + WHEN.format(generated) + ".";
        return new Page("gradcheck report", lead, new Page.Overview(stats, counts, slowest), parts,
                "Written by gradcheck's suite report. gradcheck.json beside this page has every check as data. "
                        + "Hover a cell of a heatmap for its value.");
    }

    private static Page.Section section(String anchor, List<Entry> checks) {
        Entry first = checks.get(0);
        Entry worst = checks.stream().filter(e -> !e.passed()).findFirst().orElse(null);
        long failed = checks.stream().filter(e -> !e.passed()).count();
        List<Page.Block> blocks = new ArrayList<>();
        for (Entry e : checks) {
            boolean alone = checks.size() == 1 && !e.passed(); // the section's verdict is this check's
            blocks.add(Page.Block.of(what(e) + " · " + duration(e.durationMillis()), alone ? List.of()
                    : Page.verdict(e.status(), e.passed(), e.mistake()), e.headline(),
                    e.stages().isEmpty() ? e.facts() : Page.pipelineFacts(e.facts()),
                    e.stages().isEmpty() ? e.picture() : null, pictureLabel(e), e.passed()));
            for (Entry.StageRef stage : e.stages()) {
                blocks.add(Page.stage(stage.name(), stage.check().status(), stage.check().passed(),
                        stage.check().mistake(), stage.check().headline(), stage.check().facts(),
                        stage.check().picture()));
            }
        }
        StringJoiner remark = new StringJoiner(" · ");
        if (first.test().outcome() != null) {
            remark.add("JUnit: test " + switch (first.test().outcome()) {
                case "SUCCESSFUL" -> "passed";
                case "FAILED" -> "failed";
                case "ABORTED" -> "aborted";
                default -> first.test().outcome();
            });
        }
        remark.add(checks.size() == 1 ? "1 check" : failed + " of " + checks.size() + " checks failed");
        String sub = first.test().className() == null ? first.test().displayName()
                : first.test().className() + " · " + first.test().displayName();
        return new Page.Section(anchor, first.test().label(), sub, worst == null ? Page.Tone.PASSED : Page.Tone.FAILED,
                worst == null ? Page.verdict("PASSED", true, "NONE") : Page.verdict(worst.status(), false, worst.mistake()),
                remark.toString(), "FAILED".equals(first.test().outcome()) ? Page.Tone.FAILED : Page.Tone.NEUTRAL,
                null, blocks);
    }

    /** What was checked, e.g. {@code gradient of f at X 3×2} or {@code @GradientTest: gradient of f, 100 trials}. */
    static String what(Entry e) {
        StringBuilder s = new StringBuilder();
        if (e.function() == null) {
            s.append("a property that made no gradcheck check");
        } else {
            s.append(String.join(" and ", e.derivatives().isEmpty() ? List.of("derivative") : e.derivatives()))
                    .append(" of ").append(e.function().equals("scalar") ? "f" : "F");
            StringJoiner inputs = new StringJoiner(", ");
            for (Entry.InputRef in : e.inputs()) {
                inputs.add(in.rows() == null ? in.name() : in.name() + " " + in.rows() + "×" + in.cols());
            }
            s.append(e.trials() == null || !e.shrunkDims().isEmpty() ? " at " : " for ").append(inputs);
        }
        if (e.trials() != null) {
            String kind = e.kind().equals("property") ? "@GradientTest" : "random trials";
            s.insert(0, kind + ": ").append(", ");
            if (e.trials().failingTrial() != null) {
                s.append("shrunk from draw ").append(e.trials().failingTrial());
            } else {
                s.append(e.trials().judged()).append(e.trials().judged() == 1 ? " trial" : " trials");
            }
            if (!e.trials().domain().isEmpty()) {
                s.append(" (").append(e.trials().domain()).append(')');
            }
        }
        return s.toString();
    }

    private static String pictureLabel(Entry e) {
        String input = e.facts().getOrDefault("input", e.inputs().isEmpty() ? "the input" : e.inputs().get(0).name());
        return "Heatmaps of the analytic and the reference derivative for " + input + ", and their difference";
    }

    static String duration(double millis) {
        if (!Double.isFinite(millis)) {
            return "?";
        }
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}
