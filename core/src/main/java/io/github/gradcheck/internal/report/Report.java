package io.github.gradcheck.internal.report;

import io.github.gradcheck.internal.text.Numbers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report for a person: a headline, then aligned {@code key : value} facts, one a line.
 *
 * <pre>
 * gradient mismatch: analytic and numerical gradients differ at 6 of 6 entries
 *   status      : MISMATCH
 *   input       : X (3×2)
 * </pre>
 *
 * A value that spans several lines continues under the value column.
 */
public final class Report {

    private final String headline;
    private final Map<String, String> facts;

    private Report(String headline, Map<String, String> facts) {
        this.headline = headline;
        this.facts = facts;
    }

    /** Starts a report with its headline. */
    public static Builder headline(String headline) {
        return new Builder(headline);
    }

    public String headline() {
        return headline;
    }

    /** The facts in the order they were added; unmodifiable. */
    public Map<String, String> facts() {
        return facts;
    }

    /** The report as text: the headline, then each fact on its own aligned line. */
    public String render() {
        int width = 0;
        for (String key : facts.keySet()) {
            width = Math.max(width, key.length());
        }
        StringBuilder out = new StringBuilder(headline);
        String continuation = "\n" + " ".repeat(2 + width + 3);
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            out.append("\n  ").append(fact.getKey());
            out.append(" ".repeat(width - fact.getKey().length())).append(" : ");
            out.append(fact.getValue().replace("\n", continuation));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** Collects facts; a key added twice keeps its first position and takes the last value. */
    public static final class Builder {
        private final String headline;
        private final Map<String, String> facts = new LinkedHashMap<>();

        private Builder(String headline) {
            this.headline = headline;
        }

        public Builder fact(String key, String value) {
            facts.put(key, value);
            return this;
        }

        public Builder fact(String key, double value) {
            return fact(key, Numbers.format(value));
        }

        public Builder fact(String key, long value) {
            return fact(key, Long.toString(value));
        }

        /** Adds all facts of {@code more}, in their order. */
        public Builder facts(Map<String, String> more) {
            facts.putAll(more);
            return this;
        }

        public Report build() {
            return new Report(headline, Collections.unmodifiableMap(new LinkedHashMap<>(facts)));
        }
    }
}
