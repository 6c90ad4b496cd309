package io.github.gradcheck.internal.report;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Subject;
import org.ejml.data.DMatrixRMaj;

/** The words for a FULL mismatch: the mistake and its fix, or where the entries differ, and the worst entry. */
final class Mismatch {

    private Mismatch() {
    }

    static Report.Builder render(Finding f, Finding.Full e, Subject s) {
        Comparison c = e.decisive();
        Comparison.Entry entry = e.entry();
        String form = c.form;
        String of = FullText.of(s, c);
        String count = (c.overflowed() ? "at least " : "") + c.failedSmooth() + " of " + c.compared();
        String advice = Words.advice(e.label(), form);
        String where = Words.where(e.label().place(), c.input, s.function());
        Finding.HessianSymmetry symmetry = e.symmetry();
        String asymmetry = symmetry != null && symmetry.asymmetric() ? asymmetry(c, symmetry, s) : null;
        String reference = c.against == Against.EXACT ? "exact" : "numerical";
        String headline;
        if (!advice.isEmpty()) {
            headline = form + " mismatch" + of + ": " + advice;
        } else if (asymmetry != null && symmetry.symmetricPartMatches()) {
            headline = form + " mismatch" + of + ": the Hessian is not symmetric, but its symmetric part "
                    + "(H + Hᵀ)/2 matches; symmetry was assumed where it is not (2A for the A + Aᵀ of xᵀAx)";
        } else if (asymmetry != null) {
            headline = form + " mismatch" + of + ": the Hessian is not symmetric, as the Hessian of a "
                    + "twice-differentiable f must be (" + asymmetry + ")";
        } else {
            headline = form + " mismatch: analytic and " + reference + " " + form + "s differ at " + count + " entries"
                    + of + (where.isEmpty() ? "" : " (" + where + ")");
        }
        Report.Builder report = Report.headline(headline);
        report.fact("status", Status.MISMATCH.name()).fact("mistake", f.mistake().name());
        if (f.mistake() == Mistake.WRONG_SCALE) {
            report.fact("scale factor", Numbers.factor(f.scaleFactor()) + " (analytic ≈ factor × "
                    + Words.key(c.against) + ")");
        }
        FullText.describeInput(report, c, s);
        report.fact("worst entry", FullText.label(c, entry.output(), entry.coordinate(), s.function()))
                .fact("analytic", entry.analytic())
                .fact(Words.key(c.against), entry.value())
                .fact("abs error", Numbers.brief(entry.distance()))
                .fact("rel error", Numbers.brief(relative(entry.distance(), c.scale()))
                        + " (of the derivative's scale " + Numbers.format(c.scale()) + ")")
                .fact("tolerance", FullText.tolerance(c, entry))
                .fact("failed entries", count);
        if (!where.isEmpty()) {
            report.fact("where", where);
        }
        if (asymmetry != null) {
            report.fact("symmetry", "not symmetric: " + asymmetry);
        }
        return report;
    }

    /** "∂²f/∂X(0, 1)∂X(1, 0) = 2.0 but ∂²f/∂X(1, 0)∂X(0, 1) = 0.0". */
    private static String asymmetry(Comparison c, Finding.HessianSymmetry symmetry, Subject s) {
        DMatrixRMaj a = c.dense(true);
        int i = symmetry.row();
        int j = symmetry.col();
        String f = s.function();
        return FullText.label(c, i, j, f) + " = " + Numbers.format(a.unsafe_get(i, j)) + " but "
                + FullText.label(c, j, i, f) + " = " + Numbers.format(a.unsafe_get(j, i));
    }

    private static double relative(double distance, double scale) {
        return scale > 0 ? distance / scale : (distance == 0 ? 0 : Double.POSITIVE_INFINITY);
    }
}
