package io.github.gradcheck.junit.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The counts of a report: checks, passed, failed by status and by mistake, the failures and the
 * slowest checks.
 *
 * @param checks the checks
 * @param passed those that passed
 * @param tests the tests that made them
 * @param byStatus the failed checks by status, most frequent first
 * @param byVerdict the failed checks by status and mistake ({@code MISMATCH · WRONG_SCALE}), most frequent first
 * @param byMistake the failed checks by mistake, most frequent first
 * @param failures the failed checks, in report order
 * @param slowest the slowest checks, slowest first (at most {@value #SLOWEST})
 */
record Summary(int checks, int passed, int tests, Map<String, Integer> byStatus, Map<String, Integer> byVerdict,
               Map<String, Integer> byMistake, List<Entry> failures, List<Entry> slowest) {

    static final int SLOWEST = 5;
    private static final int NAMED_IN_LINE = 3;

    static Summary of(List<Entry> entries) {
        int passed = 0;
        Set<String> tests = new LinkedHashSet<>();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        Map<String, Integer> byMistake = new LinkedHashMap<>();
        List<Entry> failures = new ArrayList<>();
        for (Entry e : entries) {
            tests.add(e.test().id() == null ? "" : e.test().id());
            if (e.passed()) {
                passed++;
                continue;
            }
            failures.add(e);
            byStatus.merge(e.status(), 1, Integer::sum);
            byVerdict.merge(e.verdict(), 1, Integer::sum);
            byMistake.merge(e.mistake(), 1, Integer::sum);
        }
        List<Entry> slowest = new ArrayList<>(entries);
        slowest.sort(Comparator.comparingDouble(Entry::durationMillis).reversed());
        return new Summary(entries.size(), passed, tests.size(), frequentFirst(byStatus), frequentFirst(byVerdict),
                frequentFirst(byMistake), List.copyOf(failures), List.copyOf(slowest.subList(0,
                        Math.min(SLOWEST, slowest.size()))));
    }

    int failed() {
        return checks - passed;
    }

    /**
     * The line printed at the end of a run: {@code gradcheck: 42 checks, 41 passed, 1 failed
     * (SoftmaxTest.loss: ELEMENTWISE_JACOBIAN) — report: target/gradcheck/index.html}.
     */
    String line(Path page) {
        StringBuilder s = new StringBuilder("gradcheck: ").append(checks).append(checks == 1 ? " check, " : " checks, ")
                .append(passed).append(" passed, ").append(failed()).append(" failed");
        if (!failures.isEmpty()) {
            Map<String, Map<String, Integer>> byTest = new LinkedHashMap<>();
            for (Entry e : failures) {
                byTest.computeIfAbsent(e.test().label(), k -> new LinkedHashMap<>()).merge(e.briefly(), 1, Integer::sum);
            }
            StringJoiner named = new StringJoiner("; ", " (", ")");
            int shown = 0;
            for (Map.Entry<String, Map<String, Integer>> test : byTest.entrySet()) {
                if (shown++ == NAMED_IN_LINE) {
                    int more = byTest.size() - NAMED_IN_LINE;
                    named.add(more + (more == 1 ? " more test" : " more tests"));
                    break;
                }
                StringJoiner what = new StringJoiner(", ");
                test.getValue().forEach((v, n) -> what.add(n == 1 ? v : v + " ×" + n));
                named.add(test.getKey() + ": " + what);
            }
            s.append(named);
        }
        return s.append(" — report: ").append(shown(page)).toString();
    }

    /** The path relative to the working directory when it lies below it, else absolute. */
    private static String shown(Path page) {
        Path absolute = page.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    private static Map<String, Integer> frequentFirst(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        Map<String, Integer> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
