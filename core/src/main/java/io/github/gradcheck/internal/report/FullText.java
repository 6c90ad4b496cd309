package io.github.gradcheck.internal.report;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Judge;
import io.github.gradcheck.internal.verdict.Mended;
import io.github.gradcheck.internal.verdict.Repair;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Why;
import java.util.List;
import java.util.StringJoiner;

/** The words for a FULL finding: its headline and facts, from its comparisons. */
final class FullText {

    private FullText() {
    }

    /** The headline and facts of a FULL finding, closing facts included (but evaluations and seed). */
    static Report.Builder render(Finding f, Finding.Full e, Subject s) {
        Report.Builder report = switch (f.why()) {
            case MATCHES -> passed(f, e.comparisons(), s);
            case WRONG_ENTRIES -> Mismatch.render(f, e, s);
            case WRONG_SHAPE -> shapeMismatch(f, e.decisive(), e.mended(), s);
            case BUFFERS_NOT_RESET -> notReset(f, e.decisive(), s);
            case NOT_A_SUBGRADIENT -> kink(e.decisive(), e.entry(), s);
            case UNRESOLVED -> unresolved(e.decisive(), e.entry(), s);
            case ENDED -> throw new IllegalArgumentException("an ended check has no comparisons");
        };
        if (f.why() == Why.WRONG_ENTRIES && e.decisive().accumulates != Accumulates.NO) {
            report.fact("second call", Words.added(e.decisive().accumulates));
        }
        List<Comparison> comparisons = e.comparisons();
        if (comparisons.size() > 1 && !f.passed()) {
            StringJoiner perInput = new StringJoiner(", ");
            StringJoiner wrong = new StringJoiner(", ");
            int wrongCount = 0;
            for (Comparison c : comparisons) {
                long bad = c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
                perInput.add(c.input + " " + bad + " of " + c.compared());
                if (bad > 0 || (e.mended() != null && e.mended().input().equals(c.input))) {
                    wrong.add(c.input);
                    wrongCount++;
                }
            }
            report.fact("failed per input", perInput.toString());
            if (wrongCount == 1) {
                report.fact("wrong inputs", "only " + wrong + " (the others match)");
            } else if (wrongCount > 1) {
                report.fact("wrong inputs", wrong.toString());
            }
        }
        Against against = comparisons.get(0).against;
        if (against == Against.EXACT) {
            report.fact("reference", "exact derivative of " + s.expression());
        } else {
            report.fact("mode", against == Against.SECOND_DIFFERENCES
                    ? "FULL (second differences along every pair of coordinates)"
                    : "FULL (central differences along every coordinate)");
        }
        return report;
    }

    /** The note of a FULL finding (empty when there is none). */
    static String note(Finding f, Finding.Full e, Subject s) {
        StringJoiner notes = new StringJoiner("; ");
        long intervals = 0;
        for (Comparison c : e.comparisons()) {
            intervals += c.intervals();
        }
        if (intervals > 0 && f.passed()) {
            notes.add(intervals + (intervals == 1 ? " entry" : " entries") + " judged against one-sided slopes ("
                    + s.function() + " has a kink there, or differences did not settle); "
                    + "an analytic value between the slopes is accepted as a subgradient");
        }
        if (Judge.weak(f)) {
            notes.add("finite differences resolve the derivative only to " + Numbers.brief(f.resolution())
                    + " of its scale here (noisy or ill-conditioned " + s.function()
                    + "): a smaller error would pass unnoticed");
        }
        return notes.toString();
    }

    private static Report.Builder passed(Finding f, List<Comparison> comparisons, Subject s) {
        long entries = 0;
        for (Comparison c : comparisons) {
            entries += c.compared();
        }
        Comparison first = comparisons.get(0);
        String what = comparisons.size() == 1
                ? first.form + " matches " + words(comparisons) + " at all " + entries + " entries" + of(s, first)
                : plural(comparisons) + " of " + names(comparisons) + " match " + words(comparisons) + " at all "
                        + entries + " entries";
        Report.Builder report = Report.headline(what)
                .fact("status", Status.PASSED.name())
                .fact("mistake", Mistake.NONE.name())
                .fact(comparisons.size() == 1 ? "input" : "inputs", shapes(comparisons))
                .fact("entries", entries);
        subsets(report, comparisons);
        return report
                .fact("max abs error", Numbers.brief(f.maxAbsError()))
                .fact("max rel error", Numbers.brief(f.maxRelError()) + " (of the derivative's scale)")
                .fact("tolerance", Numbers.brief(first.rtol()) + " (rtol) × " + scales(comparisons)
                        + atol(first) + (first.against.estimated() ? " + FD error estimate per entry" : ""));
    }

    private static Report.Builder shapeMismatch(Finding f, Comparison c, Mended mended, Subject s) {
        String label = s.derivative(c.input);
        boolean explained = f.mistake() != Mistake.UNKNOWN;
        Repair repair = mended.repair();
        String shapes = ProblemText.shapes(mended.shape());
        String headline;
        if (!explained) {
            headline = shapes;
        } else if (repair == Repair.TRANSPOSE) {
            headline = label + " has the transposed shape, and transposed it matches " + Words.of(c.against) + ": "
                    + "return its transpose";
        } else {
            headline = label + " has the batch's shape, and " + repair.done + " it matches " + Words.of(c.against)
                    + ": sum it over the batch (" + (repair == Repair.SUM_ROWS ? "its rows" : "its columns") + ") to "
                    + Numbers.shape(c.inputRows, c.inputCols);
        }
        long bad = c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
        return Report.headline(headline)
                .fact("status", Status.SHAPE_MISMATCH.name())
                .fact("mistake", f.mistake().name())
                .fact("function", label)
                .fact("shapes", shapes)
                .fact("mended", explained ? repair.done + ", it matches " + Words.of(c.against) + " at all "
                        + c.compared() + " entries" : "even " + repair.done + ", it differs from " + Words.of(c.against)
                        + " at " + bad + " of " + c.compared() + " entries");
    }

    private static Report.Builder notReset(Finding f, Comparison c, Subject s) {
        Report.Builder report = Report.headline(Words.notReset(c.accumulates, s.derivative(c.input)))
                .fact("status", f.status().name())
                .fact("mistake", f.mistake().name());
        describeInput(report, c, s);
        return report.fact("second call", "differs from the first; what it added matches " + Words.of(c.against)
                        + " at all " + c.compared() + " entries")
                .fact("tolerance", Numbers.brief(c.rtol()) + " (rtol) × " + Numbers.format(c.scale()) + " (scale)"
                        + (c.against.estimated() ? " + FD error estimate per entry" : ""));
    }

    private static Report.Builder kink(Comparison c, Comparison.Entry e, Subject s) {
        String f = s.function();
        String what = e.kind() == EntryKind.KINK ? "it has a kink along " + c.input + inputEntry(c, e.coordinate())
                : "its differences along " + c.input + inputEntry(c, e.coordinate()) + " never settle";
        Report.Builder report = Report.headline(f + " is not differentiable at the point: " + what
                + ", and the analytic value " + Numbers.format(e.analytic()) + " is not between the one-sided slopes "
                + Numbers.format(e.low()) + " and " + Numbers.format(e.high()));
        report.fact("status", Status.NOT_DIFFERENTIABLE.name()).fact("mistake", Mistake.NONE.name());
        describeInput(report, c, s);
        return report.fact("worst entry", label(c, e.output(), e.coordinate(), f))
                .fact("analytic", e.analytic())
                .fact("numeric", "between " + Numbers.format(e.low()) + " and " + Numbers.format(e.high())
                        + " (one-sided slopes, step " + Numbers.brief(e.step()) + ")")
                .fact("abs error", Numbers.brief(e.distance()) + " (outside the slopes)")
                .fact("tolerance", tolerance(c, e))
                .fact("failed entries", c.failedIntervals() + " of " + c.compared())
                .fact("hint", "move the point off the kink (random trials do), or return a value between the "
                        + "one-sided slopes (a subgradient)");
    }

    private static Report.Builder unresolved(Comparison c, Comparison.Entry e, Subject s) {
        String f = s.function();
        Report.Builder report = Report.headline("cannot judge the " + c.form + of(s, c)
                + " at this point: " + Words.of(c.against) + " are too uncertain (error up to "
                + Numbers.brief(c.maxError()) + ", " + Numbers.brief(c.resolution()) + " × the derivative's scale "
                + Numbers.format(c.scale()) + "); " + f + " is too noisy or too ill-conditioned here");
        report.fact("status", Status.INCONCLUSIVE.name()).fact("mistake", Mistake.NONE.name());
        describeInput(report, c, s);
        report.fact("fd error", "up to " + Numbers.brief(c.maxError()) + " (" + Numbers.brief(c.resolution())
                + " × scale; a verdict needs ≤ " + Numbers.brief(Comparison.MAX_RESOLUTION) + " × scale)")
                .fact("scale", Numbers.format(c.scale()) + " (max |numeric|)");
        if (e != null) {
            report.fact("worst entry", label(c, e.output(), e.coordinate(), f))
                    .fact("analytic", e.analytic())
                    .fact("numeric", Numbers.format(e.value()) + " ± " + Numbers.brief(e.error()));
        }
        return report.fact("hint", "check at a better-conditioned point, or compute " + f + " more accurately "
                + "(e.g. log det as the sum of the logs of an LU or Cholesky factor's diagonal, not log(det))");
    }

    /** "W1 100 of 10000 entries, evenly spread": the inputs checked on a subset of their entries. */
    private static void subsets(Report.Builder report, List<Comparison> comparisons) {
        StringJoiner subsets = new StringJoiner(", ");
        for (Comparison c : comparisons) {
            if (c.coordinates.subset()) {
                subsets.add(c.input + " " + c.coordinates.size() + " of " + c.coordinates.ofStructure() + " entries");
            }
        }
        if (subsets.length() > 0) {
            report.fact("subset", subsets + ", evenly spread (maxEntriesPerParameter)");
        }
    }

    /** The input (and for a matrix map, the output and Jacobian) facts. */
    static void describeInput(Report.Builder report, Comparison c, Subject s) {
        report.fact("input", c.input + " (" + Numbers.shape(c.inputRows, c.inputCols) + ")");
        subsets(report, List.of(c));
        if (c.secondOrder) {
            int n = c.inputRows * c.inputCols;
            report.fact("output", "Hessian " + Numbers.shape(n, n) + " = ∂²f/∂vec " + c.input + " ∂vec " + c.input + "ᵀ"
                    + (c.outputsAreCoordinates && c.coordinates.size() != n ? ", seen along the " + c.coordinates.size()
                    + " coordinates of the structure" : ""));
        } else if (!c.scalarOutput()) {
            report.fact("output", s.function() + " (" + Numbers.shape(c.outputRows, c.outputCols) + "), "
                    + "Jacobian " + Numbers.shape(c.outputRows * c.outputCols, c.inputRows * c.inputCols)
                    + " = ∂vec " + s.function() + "/∂vec " + c.input + "ᵀ");
        }
    }

    /**
     * "(0, 2)" for a gradient entry; "∂F(1, 0)/∂X(0, 2)" for a Jacobian entry;
     * "∂²f/∂X(1, 0)∂X(0, 2)" for a Hessian entry.
     */
    static String label(Comparison c, int output, int coordinate, String functionName) {
        String in = inputEntry(c, coordinate);
        if (c.scalarOutput()) {
            return in;
        }
        String out = c.outputsAreCoordinates ? c.coordinates.entry(output)
                : "(" + VecLayout.row(output, c.outputRows) + ", " + VecLayout.col(output, c.outputRows) + ")";
        if (c.secondOrder) {
            return "∂²f/∂" + c.input + out + "∂" + c.input + in;
        }
        return "∂" + functionName + out + "/∂" + c.input + in;
    }

    /** "(r, c)": the input entry of a coordinate. */
    static String inputEntry(Comparison c, int coordinate) {
        return c.coordinates.entry(coordinate);
    }

    static String tolerance(Comparison c, Comparison.Entry e) {
        return Numbers.brief(c.tolerance(e)) + " = " + Numbers.brief(c.rtol()) + " (rtol) × "
                + Numbers.format(c.scale()) + " (scale)"
                + (c.against.estimated() ? " + " + Numbers.brief(e.error()) + " (FD error estimate)" : "") + atol(c);
    }

    private static String atol(Comparison c) {
        return c.atol() > 0 ? " + " + Numbers.brief(c.atol()) + " (atol)" : "";
    }

    /** How headlines name the reference of these comparisons (they share it). */
    private static String words(List<Comparison> comparisons) {
        Comparison c = comparisons.get(0);
        if (c.against == Against.FINITE_DIFFERENCES && c.secondOrder) {
            return "finite differences of the gradient";
        }
        return Words.of(c.against);
    }

    private static String plural(List<Comparison> comparisons) {
        String form = comparisons.get(0).form;
        for (Comparison c : comparisons) {
            if (!c.form.equals(form)) {
                return "derivatives";
            }
        }
        return form + "s";
    }

    static String of(Subject s, Comparison c) {
        return s.singleInput() ? "" : " for input " + c.input;
    }

    private static String names(List<Comparison> comparisons) {
        StringJoiner j = new StringJoiner(", ");
        comparisons.forEach(c -> j.add(c.input));
        return j.toString();
    }

    private static String shapes(List<Comparison> comparisons) {
        StringJoiner j = new StringJoiner(", ");
        comparisons.forEach(c -> j.add(c.input + " (" + Numbers.shape(c.inputRows, c.inputCols) + ")"));
        return j.toString();
    }

    private static String scales(List<Comparison> comparisons) {
        if (comparisons.size() == 1) {
            return Numbers.format(comparisons.get(0).scale()) + " (scale)";
        }
        StringJoiner j = new StringJoiner(", ", "scale (", ")");
        comparisons.forEach(c -> j.add(c.input + " " + Numbers.format(c.scale())));
        return j.toString();
    }
}
