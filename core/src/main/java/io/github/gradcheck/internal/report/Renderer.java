package io.github.gradcheck.internal.report;

import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one renderer: turns a judged {@link Verdict} into a report (a headline, then facts) at the
 * very end of a check, when someone asks for it. Nothing in the engine reads what it writes.
 *
 * <p>A finding is worded by {@link FullText}, {@link FastText} or {@link ProblemText}; merged
 * verdicts put the deciding finding's report first, with one line for each other part and the
 * closing facts (mode, reference, evaluations, seed, note) at the end.
 */
public final class Renderer {

    /** Facts a merged report keeps for its end, after the lines of the other parts. */
    private static final List<String> CLOSING_FACTS = List.of("mode", "reference", "evaluations", "seed", "note");

    private Renderer() {
    }

    /**
     * The report of a verdict.
     *
     * @param subject how to name what was checked
     * @param seed the check's seed
     */
    public static Report render(Verdict verdict, Subject subject, long seed) {
        if (verdict instanceof Verdict.Single v) {
            return finding(v.finding(), subject, v.evaluations(), seed);
        }
        if (verdict instanceof Verdict.References v) {
            Finding primary = v.decisive();
            Report report = finding(primary, subject, v.evaluations(), seed);
            Map<String, String> others = new LinkedHashMap<>();
            for (Finding f : v.findings()) {
                if (f != primary) {
                    Report other = finding(f, subject, v.evaluations(), seed);
                    others.put("against " + Words.of(f.against()).replace("the ", ""), line(f, other));
                }
            }
            return merged(report.headline(), report, others).build();
        }
        if (verdict instanceof Verdict.FastThenFull v) {
            return fastThenFull(v, subject, seed);
        }
        if (verdict instanceof Verdict.SecondPoint v) {
            return secondPoint(v, subject, seed);
        }
        return orders((Verdict.Orders) verdict, seed);
    }

    /** The report of one finding, with the check's evaluations and seed. */
    private static Report finding(Finding f, Subject s, long evaluations, long seed) {
        if (f.evidence() instanceof Finding.Ended e) {
            Report facts = ProblemText.render(e.problem()).build();
            return Report.headline(facts.headline())
                    .fact("status", f.status().name())
                    .fact("mistake", f.mistake().name())
                    .facts(facts.facts())
                    .fact("evaluations", evaluations)
                    .fact("seed", seed)
                    .build();
        }
        if (f.evidence() instanceof Finding.Adjoint a) {
            return adjoint(f, a, s).fact("evaluations", evaluations).fact("seed", seed).build();
        }
        Report.Builder report;
        String note;
        if (f.evidence() instanceof Finding.Full full) {
            report = FullText.render(f, full, s);
            note = FullText.note(f, full, s);
        } else {
            Finding.Fast fast = (Finding.Fast) f.evidence();
            report = FastText.render(f, fast, s);
            note = FastText.note(f, fast, s);
        }
        report.fact("evaluations", evaluations).fact("seed", seed);
        if (!note.isEmpty()) {
            report.fact("note", note);
        }
        return report.build();
    }

    /** FAST's report with FULL's verdict as a line, or FULL's with FAST's: the one that stands, first. */
    private static Report fastThenFull(Verdict.FastThenFull v, Subject s, long seed) {
        Report standing = render(v.standing(), s, seed);
        Report other = render(v.other(), s, seed);
        String line = line(v.other().decisive(), other) + (v.fullStands()
                ? "; FULL mode ran for the entry-level report"
                : " (entry by entry, finite differences are too coarse here to see what the random directions see)");
        Report.Builder report = Report.headline(standing.headline());
        for (Map.Entry<String, String> fact : standing.facts().entrySet()) {
            if (fact.getKey().equals("evaluations")) {
                report.fact(v.fullStands() ? "fast" : "full", line);
                report.fact("evaluations", v.evaluations());
            } else {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
        return report.build();
    }

    /**
     * A label checked at a second point: the report at the point (with the confirmed label, or a
     * headline saying the factor varies), and a line for the second point with its cost.
     */
    private static Report secondPoint(Verdict.SecondPoint v, Subject s, long seed) {
        Report first = render(v.first(), s, seed);
        Finding f = v.decisive();
        String c = Numbers.factor(v.tentative().scaleFactor());
        String where = v.at() == null ? "" : describe(v.at(), s);
        String line;
        String headline = first.headline();
        long cost = v.second() == null ? 0 : v.second().evaluations();
        switch (v.confirmation()) {
            case CONFIRMED -> line = "the factor is " + Numbers.factor(v.secondFactor()) + " there too, at " + where
                    + ": the label holds (" + cost + " more evaluations)";
            case VARIES -> {
                String there = v.secondFactor() == 1.0 ? "it matches there" : "off by " + Numbers.factor(v.secondFactor())
                        + " there";
                headline = mismatch(f, s) + ": off by a factor of " + c + " here, but " + there + " (at " + where
                        + "): the factor varies, so it is not a constant factor";
                line = "at " + where + ": " + (v.secondFactor() == 1.0 ? "the derivative matches"
                        : "off by a factor of " + Numbers.factor(v.secondFactor())) + "; here off by " + c
                        + ": the factor varies (" + cost + " more evaluations)";
            }
            default -> {
                headline = mismatch(f, s) + ": off by a factor of " + c + " here; one entry cannot tell a constant "
                        + "factor from one that varies, and no second point could be checked";
                line = v.at() == null ? "none: the inputs' structures cannot be moved" : "at " + where + ": "
                        + v.second().decisive().status().name() + ", so the factor could not be compared ("
                        + cost + " more evaluations)";
            }
        }
        Report.Builder report = Report.headline(headline);
        for (Map.Entry<String, String> fact : first.facts().entrySet()) {
            if (fact.getKey().equals("evaluations")) {
                report.fact("second point", line);
                report.fact("evaluations", v.evaluations());
            } else {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
        return report.build();
    }

    /** "derivative mismatch", "gradient mismatch for input W": how a mismatch of this finding is named. */
    private static String mismatch(Finding f, Subject s) {
        if (f.evidence() instanceof Finding.Full full && full.decisive() != null) {
            return full.decisive().form + " mismatch" + FullText.of(s, full.decisive());
        }
        if (f.evidence() instanceof Finding.Fast fast) {
            return fast.probes().form() + " mismatch";
        }
        return "mismatch";
    }

    /** "x = 0.41", or for a larger input, how it was moved. */
    private static String describe(Map<String, org.ejml.data.DMatrixRMaj> at, Subject s) {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        at.forEach((name, m) -> {
            if (s.derivatives().containsKey(name)) {
                j.add(m.getNumElements() == 1 ? name + " = " + Numbers.format(m.data[0])
                        : name + " with every entry moved by a random factor e^(0.3·z)");
            }
        });
        return j.toString();
    }

    /** A gradient check and the checks of second derivatives beside it. */
    private static Report orders(Verdict.Orders v, long seed) {
        List<Verdict.Orders.Part> parts = v.parts();
        Verdict.Orders.Part primary = parts.get(v.primary());
        Report primaryReport = render(primary.verdict(), primary.subject(), seed);
        boolean passed = primary.verdict().decisive().passed();
        StringBuilder headline = new StringBuilder(primaryReport.headline());
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Verdict.Orders.Part part = parts.get(i);
            if (part == primary) {
                continue;
            }
            Report report = render(part.verdict(), part.subject(), seed);
            if (passed) {
                headline.append("; ").append(report.headline());
            } else {
                others.put(part.label(), line(part.verdict().decisive(), report));
            }
        }
        Report.Builder report = merged(headline.toString(), primaryReport, others).fact("evaluations", v.evaluations());
        StringBuilder split = new StringBuilder(parts.get(0).subject().function() + " "
                + parts.get(0).verdict().evaluations());
        for (Verdict.Orders.Part part : parts.subList(1, parts.size())) {
            split.append(", ").append(part.subject().function()).append(" ").append(part.verdict().evaluations())
                    .append(" (for the ").append(part.label()).append(")");
        }
        return report.fact("evaluated", split.toString()).build();
    }

    /** The adjoint identity of a jvp and a vjp, tested without finite differences. */
    private static Report.Builder adjoint(Finding f, Finding.Adjoint a, Subject s) {
        String of = s.singleInput() ? "" : " for " + a.input();
        String sides = "⟨U, jvp(V)⟩ = " + Numbers.format(a.jvpSide()) + ", ⟨vjp(U), V⟩ = " + Numbers.format(a.vjpSide());
        Report.Builder report = Report.headline(f.passed()
                        ? "the jvp and the vjp" + of + " are adjoint: ⟨U, jvp(V)⟩ = ⟨vjp(U), V⟩ on " + a.pairs()
                                + " random pairs, to rounding"
                        : "the jvp and the vjp" + of + " are not adjoint: " + sides + " for a random pair, and finite "
                                + "differences find neither wrong beyond their resolution")
                .fact("status", f.status().name())
                .fact("mistake", f.mistake().name())
                .fact("input", a.input())
                .fact("pairs", a.pairs() + " random Gaussian pairs U, V (no finite differences)");
        if (!f.passed()) {
            report.fact("worst pair", (a.pair() + 1) + " of " + a.pairs() + ": " + sides)
                    .fact("difference", Numbers.brief(Math.abs(a.jvpSide() - a.vjpSide())))
                    .fact("allowed", Numbers.brief(a.allowed()) + " (rounding: rtol × (‖U‖‖jvp(V)‖ + ‖vjp(U)‖‖V‖))");
        }
        return report;
    }

    /** A result in one line: its status and headline. */
    private static String line(Finding f, Report report) {
        return f.status().name() + ": " + report.headline();
    }

    /**
     * One report for several: the primary's facts, then {@code others} (a line each), then the
     * primary's closing facts (mode, reference, evaluations, seed, note).
     */
    private static Report.Builder merged(String headline, Report primary, Map<String, String> others) {
        Report.Builder report = Report.headline(headline);
        Map<String, String> tail = new LinkedHashMap<>();
        for (Map.Entry<String, String> fact : primary.facts().entrySet()) {
            if (CLOSING_FACTS.contains(fact.getKey())) {
                tail.put(fact.getKey(), fact.getValue());
            } else {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
        others.forEach(report::fact);
        return report.facts(tail);
    }
}
