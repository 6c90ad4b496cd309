package io.github.gradcheck.junit.internal.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gradcheck.json}: the summary and one record per check (field by field in the README, "A
 * report of every check of a test run").
 */
final class SuiteJson {

    static final String SCHEMA = "gradcheck-report";

    private SuiteJson() {
    }

    static String write(List<Entry> entries, Instant generated) {
        Summary s = Summary.of(entries);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checks", s.checks());
        summary.put("passed", s.passed());
        summary.put("failed", s.failed());
        summary.put("tests", s.tests());
        summary.put("byStatus", s.byStatus());
        summary.put("byMistake", s.byMistake());
        List<Object> checks = new ArrayList<>();
        entries.forEach(e -> checks.add(EntryJson.tree(e, false)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("schemaVersion", EntryJson.SCHEMA_VERSION);
        root.put("generated", generated.toString());
        root.put("summary", summary);
        root.put("checks", checks);
        return Json.write(root);
    }
}
