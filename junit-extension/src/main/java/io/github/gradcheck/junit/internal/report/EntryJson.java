package io.github.gradcheck.junit.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Entry} as a JSON tree and back: one record of {@code gradcheck.json} (field by field
 * in the README, "A report of every check of a test run"), and with {@code display} (facts and picture) in a part file.
 */
final class EntryJson {

    /** The version of the record's fields; raised when a field changes meaning or goes away. */
    static final int SCHEMA_VERSION = 1;

    private EntryJson() {
    }

    /**
     * The record as a tree.
     *
     * @param display whether to add the facts and the picture (part files), or not (gradcheck.json)
     */
    static Map<String, Object> tree(Entry e, boolean display) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testId", e.test().id());
        m.put("test", e.test().label());
        m.put("displayName", e.test().displayName());
        m.put("className", e.test().className());
        m.put("methodName", e.test().methodName());
        m.put("testOutcome", e.test().outcome());
        m.put("kind", e.kind());
        m.put("function", e.function());
        m.put("derivatives", e.derivatives());
        m.put("reference", e.reference());
        m.put("status", e.status());
        m.put("passed", e.passed());
        m.put("mistake", e.mistake());
        m.put("scaleFactor", e.scaleFactor());
        m.put("headline", e.headline());
        List<Object> inputs = new ArrayList<>();
        for (Entry.InputRef in : e.inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", in.name());
            i.put("rows", in.rows());
            i.put("cols", in.cols());
            i.put("structure", in.structure());
            i.put("derivatives", in.derivatives());
            inputs.add(i);
        }
        m.put("inputs", inputs);
        m.put("maxAbsError", e.maxAbsError());
        m.put("maxRelError", e.maxRelError());
        Map<String, Object> tolerance = new LinkedHashMap<>();
        tolerance.put("rtol", e.rtol());
        tolerance.put("atol", e.atol());
        m.put("tolerance", tolerance);
        m.put("mode", e.mode());
        m.put("evaluations", e.evaluations());
        m.put("seed", e.seed());
        m.put("shrunkDims", e.shrunkDims());
        Entry.TrialsRef t = e.trials();
        if (t == null) {
            m.put("trials", null);
        } else {
            Map<String, Object> trials = new LinkedHashMap<>();
            trials.put("judged", t.judged());
            trials.put("skipped", t.skipped());
            trials.put("domain", t.domain());
            trials.put("shrinkSteps", t.shrinkSteps());
            trials.put("failingTrial", t.failingTrial());
            trials.put("originalDims", t.originalDims());
            m.put("trials", trials);
        }
        m.put("durationMillis", Math.round(e.durationMillis() * 1000) / 1000.0);
        List<Object> stages = new ArrayList<>();
        for (Entry.StageRef s : e.stages()) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("name", s.name());
            stage.put("check", tree(s.check(), display));
            stages.add(stage);
        }
        m.put("stages", stages);
        if (display) {
            m.put("order", e.test().order());
            m.put("sequence", e.sequence());
            m.put("facts", e.facts());
            m.put("picture", e.picture());
        }
        return m;
    }

    /**
     * An entry from a part file's tree.
     *
     * @throws IllegalArgumentException when a field is missing or of the wrong type
     */
    static Entry entry(Map<?, ?> m) {
        Entry.TestRef test = new Entry.TestRef(text(m, "testId"), text(m, "test"), text(m, "displayName"),
                text(m, "className"), text(m, "methodName"), (int) number(m, "order"), text(m, "testOutcome"));
        List<Entry.InputRef> inputs = new ArrayList<>();
        for (Object o : list(m, "inputs")) {
            Map<?, ?> i = (Map<?, ?>) o;
            inputs.add(new Entry.InputRef(text(i, "name"), integer(i, "rows"), integer(i, "cols"), text(i, "structure"),
                    texts(i, "derivatives")));
        }
        Map<?, ?> tolerance = (Map<?, ?>) m.get("tolerance");
        Map<?, ?> t = (Map<?, ?>) m.get("trials");
        Entry.TrialsRef trials = t == null ? null : new Entry.TrialsRef((int) number(t, "judged"),
                (int) number(t, "skipped"), text(t, "domain"), integer(t, "shrinkSteps"), integer(t, "failingTrial"),
                dims(t, "originalDims"));
        List<Entry.StageRef> stages = new ArrayList<>();
        for (Object o : list(m, "stages")) {
            Map<?, ?> s = (Map<?, ?>) o;
            stages.add(new Entry.StageRef(text(s, "name"), entry((Map<?, ?>) s.get("check"))));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        Object f = m.get("facts");
        if (f instanceof Map<?, ?> map) {
            map.forEach((k, v) -> facts.put(String.valueOf(k), String.valueOf(v)));
        }
        Object scale = m.get("scaleFactor");
        Object evaluations = m.get("evaluations");
        return new Entry(test, (long) number(m, "sequence"), text(m, "kind"), text(m, "function"), text(m, "reference"),
                texts(m, "derivatives"), text(m, "status"), Boolean.TRUE.equals(m.get("passed")), text(m, "mistake"),
                scale == null ? null : ((Number) scale).doubleValue(), text(m, "headline"), inputs,
                number(m, "maxAbsError"), number(m, "maxRelError"), number(tolerance, "rtol"), number(tolerance, "atol"),
                text(m, "mode"), evaluations == null ? null : ((Number) evaluations).longValue(), text(m, "seed"),
                dims(m, "shrunkDims"), trials, number(m, "durationMillis"), facts, text(m, "picture"), stages);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : (String) v;
    }

    /** A number; NaN for null (JSON has no NaN: the writer writes null). */
    private static double number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static Integer integer(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : ((Number) v).intValue();
    }

    private static List<?> list(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<?>) v;
    }

    private static List<String> texts(Map<?, ?> m, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key)) {
            out.add((String) o);
        }
        return out;
    }

    private static Map<String, Integer> dims(Map<?, ?> m, String key) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Object v = m.get(key);
        if (v instanceof Map<?, ?> map) {
            map.forEach((k, n) -> out.put(String.valueOf(k), ((Number) n).intValue()));
        }
        return out;
    }
}
