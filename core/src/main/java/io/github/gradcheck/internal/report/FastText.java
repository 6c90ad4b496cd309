package io.github.gradcheck.internal.report;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Judge;
import io.github.gradcheck.internal.verdict.Probe;
import io.github.gradcheck.internal.verdict.ProbeKind;
import io.github.gradcheck.internal.verdict.ProbeSet;
import io.github.gradcheck.internal.verdict.Repair;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Tolerance;
import io.github.gradcheck.internal.verdict.Why;

/** The words for a FAST finding: its headline and facts, from its probes. */
final class FastText {

    private FastText() {
    }

    /** The headline and facts of a FAST finding, closing facts included (but evaluations and seed). */
    static Report.Builder render(Finding f, Finding.Fast e, Subject s) {
        ProbeSet o = e.probes();
        String form = o.form();
        String of = s.singleInput() ? "" : " for " + String.join(", ", o.inputs());
        String reference = o.against() == Against.EXACT ? "the exact derivative" : Words.of(o.against());
        Probe worst = e.worst();
        int entry = e.entry();
        Tolerance t = o.tolerance();
        Report.Builder report;
        switch (f.why()) {
            case WRONG_SHAPE -> {
                String label = s.derivative(e.mended().input());
                String shapes = ProblemText.shapes(e.mended().shape());
                boolean explained = f.mistake() != Mistake.UNKNOWN;
                Repair repair = e.mended().repair();
                report = Report.headline(explained ? label + " has the " + (repair == Repair.TRANSPOSE
                                ? "transposed shape" : "batch's shape") + ", and " + repair.done + " it matches "
                                + reference + " along every probe" : shapes)
                        .fact("status", f.status().name())
                        .fact("mistake", f.mistake().name())
                        .fact("function", label)
                        .fact("shapes", shapes);
            }
            case WRONG_ENTRIES -> {
                String advice = Words.advice(e.label(), form);
                report = Report.headline(form + " mismatch" + of + " along random directions: " + (advice.isEmpty()
                                ? o.failed().size() + " of " + o.probes().size() + " directions differ from " + reference
                                : advice))
                        .fact("status", f.status().name())
                        .fact("mistake", f.mistake().name());
                if (f.mistake() == Mistake.WRONG_SCALE) {
                    report.fact("scale factor", Numbers.factor(f.scaleFactor()) + " (analytic ≈ factor × "
                            + Words.key(o.against()) + ")");
                }
                inputs(report, o);
                report.fact("worst probe", (worst.index() + 1) + " of " + o.probes().size() + entry(s, o, entry))
                        .fact("analytic", worst.analytic()[entry])
                        .fact(Words.key(o.against()), worst.value(entry))
                        .fact("abs error", Numbers.brief(worst.distance(entry)))
                        .fact("rel error", Numbers.brief(t.scale() > 0 ? worst.distance(entry) / t.scale() : Double.NaN)
                                + " (of the derivative's scale " + Numbers.format(t.scale()) + ")")
                        .fact("tolerance", tolerance(o, worst, entry))
                        .fact("failed probes", o.failed().size() + " of " + o.probes().size());
            }
            case NOT_A_SUBGRADIENT -> {
                double low = worst.reference().low[entry];
                double high = worst.reference().high[entry];
                report = Report.headline(s.function() + " is not differentiable at the point: along a random "
                                + "direction its one-sided slopes differ, and the analytic value "
                                + Numbers.format(worst.analytic()[entry]) + " is not between " + Numbers.format(low)
                                + " and " + Numbers.format(high))
                        .fact("status", f.status().name())
                        .fact("mistake", Mistake.NONE.name());
                inputs(report, o);
                report.fact("worst probe", (worst.index() + 1) + " of " + o.probes().size() + entry(s, o, entry))
                        .fact("analytic", worst.analytic()[entry])
                        .fact("numeric", "between " + Numbers.format(low) + " and " + Numbers.format(high))
                        .fact("hint", "move the point off the kink (random trials do)");
            }
            case UNRESOLVED -> {
                report = Report.headline("cannot judge the " + form + of + " at this point: " + reference + " along "
                                + "random directions are too uncertain (error up to " + Numbers.brief(o.maxError())
                                + " against a scale of " + Numbers.format(t.scale()) + "); " + s.function()
                                + " is too noisy or too ill-conditioned here")
                        .fact("status", f.status().name())
                        .fact("mistake", Mistake.NONE.name());
                inputs(report, o);
            }
            case BUFFERS_NOT_RESET -> {
                report = Report.headline(Words.notReset(o.accumulates(), s.derivative(o.inputs().get(0))))
                        .fact("status", f.status().name())
                        .fact("mistake", f.mistake().name());
                inputs(report, o);
                report.fact("second call", "differs from the first; what it added matches " + reference + " along "
                        + o.probes().size() + " random directions");
            }
            case MATCHES -> {
                report = Report.headline(form + (o.inputs().size() > 1 ? "s" + of + " match " : " matches ") + reference
                                + " along " + o.probes().size() + " random directions")
                        .fact("status", f.status().name())
                        .fact("mistake", Mistake.NONE.name());
                inputs(report, o);
                report.fact("probes", o.probes().size())
                        .fact("max abs error", Numbers.brief(f.maxAbsError()))
                        .fact("max rel error", Numbers.brief(f.maxRelError()) + " (of the derivative's scale)")
                        .fact("tolerance", Numbers.brief(t.rtol()) + " (rtol) × " + Numbers.format(t.scale())
                                + " (scale)" + (t.atol() > 0 ? " + " + Numbers.brief(t.atol()) + " (atol)" : "")
                                + (o.against() == Against.EXACT ? "" : " + FD error estimate per probe"));
            }
            default -> throw new IllegalArgumentException("an ended check has no probes");
        }
        if (f.why() == Why.WRONG_ENTRIES && o.accumulates() != Accumulates.NO) {
            report.fact("second call", Words.added(o.accumulates()));
        }
        report.fact("directions", directions(s, o))
                .fact("guarantee", "a derivative wrong by " + ProbeSet.GAMMA + " × the tolerance"
                        + (o.against() == Against.EXACT ? "" : " widened by the FD error estimate")
                        + " or more along these directions passes with probability < 1e-9");
        if (o.against() == Against.EXACT) {
            report.fact("reference", "exact derivative of " + s.expression());
        }
        return report.fact("mode", "FAST (" + (e.auto() ? "AUTO: " + e.coordinates() + " coordinates > "
                + io.github.gradcheck.Mode.AUTO_LIMIT + "; " : "") + o.probes().size() + " random directions)");
    }

    /** The note of a FAST finding (empty when there is none). */
    static String note(Finding f, Finding.Fast e, Subject s) {
        ProbeSet o = e.probes();
        String reference = o.against() == Against.EXACT ? "the exact derivative" : Words.of(o.against());
        StringBuilder note = new StringBuilder();
        ProbeSet.SecondLook look = o.secondLook();
        if (look != null) {
            Probe lone = look.probe();
            int i = look.entry();
            note.append("1 of ").append(o.probes().size()).append(" directions disagreed with ")
                    .append(Words.of(o.against())).append(" (probe ").append(lone.index() + 1).append(": analytic ")
                    .append(Numbers.format(lone.analytic()[i])).append(", numeric ").append(Numbers.format(lone.value(i)))
                    .append(" ± ").append(Numbers.brief(lone.error(i))).append("), and the ").append(look.more())
                    .append(" more drawn then all agreed: f may have a kink near the point along it, or the error is "
                            + "too small to confirm");
        }
        if (Judge.weak(f)) {
            note.append(note.length() == 0 ? "" : "; ").append(reference).append(" resolve the derivative only to ")
                    .append(Numbers.brief(f.resolution())).append(" of its scale along these directions (noisy or "
                            + "ill-conditioned ").append(s.function()).append("): a smaller error would pass unnoticed");
        }
        return note.toString();
    }

    /** ", output F(1, 0)" for an entry of a vector probe; "" otherwise. */
    private static String entry(Subject s, ProbeSet o, int i) {
        if (o.kind() != ProbeKind.VECTOR) {
            return "";
        }
        return ", output " + s.function() + "(" + VecLayout.row(i, o.outputRows()) + ", "
                + VecLayout.col(i, o.outputRows()) + ")";
    }

    private static void inputs(Report.Builder report, ProbeSet o) {
        report.fact(o.inputs().size() == 1 ? "input" : "inputs", String.join(", ", o.inputs()) + " ("
                + o.free() + " free coordinates)");
    }

    private static String directions(Subject s, ProbeSet o) {
        String f = s.function();
        boolean exact = o.against() == Against.EXACT;
        int k = o.probes().size();
        return switch (o.kind()) {
            case GRADIENT -> k + " random signed Gaussian directions V: ⟨G, V⟩ against "
                    + (exact ? "the exact ⟨∇f, V⟩" : "the difference quotient of f along V");
            case VECTOR -> k + " random signed Gaussian directions V: J·vec(V) against "
                    + (exact ? "the exact J·vec(V)" : "the difference quotients of " + f + " along V") + ", entry by entry";
            case BILINEAR -> k + " pairs U, V of random signed Gaussian directions: ⟨U, J V⟩ against "
                    + (exact ? "the exact ⟨U, J V⟩" : "the difference quotient of ⟨U, " + f + "⟩ along V");
            case SECOND -> k + " pairs U, V of random signed Gaussian directions: vec(U)ᵀ H vec(V) against second "
                    + "differences of f along U and V";
        };
    }

    private static String tolerance(ProbeSet o, Probe p, int i) {
        Tolerance t = o.tolerance();
        return Numbers.brief(t.allowed(p.error(i))) + " = " + Numbers.brief(t.rtol()) + " (rtol) × "
                + Numbers.format(t.scale()) + " (scale)" + (o.against() == Against.EXACT ? "" : " + "
                + Numbers.brief(p.error(i)) + " (FD error estimate)") + (t.atol() > 0 ? " + "
                + Numbers.brief(t.atol()) + " (atol)" : "");
    }
}
