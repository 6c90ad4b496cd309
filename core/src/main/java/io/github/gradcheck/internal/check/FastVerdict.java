package io.github.gradcheck.internal.check;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.report.Numbers;
import io.github.gradcheck.internal.report.Report;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns FAST probes into a result: PASSED when every probe agrees; MISMATCH when a smooth,
 * resolved probe does not (with the mistake the probes can tell: a constant factor, a sign, a
 * transposed gradient); NOT_DIFFERENTIABLE at a kink or when the probes cannot resolve the
 * derivative. A failure on an input small enough for FULL mode is not judged here: the caller
 * runs FULL for the entry-level report.
 */
final class FastVerdict {

    private FastVerdict() {
    }

    static Result judge(CheckSpec spec, List<Probes.Outcome> outcomes, Map<String, Repair> repairs,
                        Map<String, String> shapeProblems, String mode, long evaluations, long seed) {
        Result primary = null;
        Map<Against, Result> results = new java.util.EnumMap<>(Against.class);
        for (Probes.Outcome o : outcomes) {
            Result r = judge(spec, o, repairs, shapeProblems, mode, evaluations, seed);
            results.merge(o.against(), r, (a, b) -> a.passed() ? b : a);
            if (primary == null || (primary.passed() && !r.passed())) {
                primary = r;
            }
        }
        if (results.size() <= 1) {
            return primary;
        }
        Report.Builder report = Verdict.merged(primary.headline(), primary, Verdict.others(results, primary));
        return copy(primary, report.build(), evaluations);
    }

    private static Result judge(CheckSpec spec, Probes.Outcome o, Map<String, Repair> repairs,
                                Map<String, String> shapeProblems, String mode, long evaluations, long seed) {
        String form = form(spec, o);
        String of = spec.singleInput() ? "" : " for " + String.join(", ", o.inputs());
        String reference = o.against() == Against.EXACT ? "the exact derivative" : o.against().words;
        double maxAbs = 0;
        double worstError = 0;
        for (Probes.Probe p : o.probes()) {
            for (int i = 0; i < p.size(); i++) {
                maxAbs = Math.max(maxAbs, p.distance(i));
                worstError = Math.max(worstError, p.error(i));
            }
        }
        double maxRel = o.scale() > 0 ? maxAbs / o.scale() : (maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY);
        Status status;
        Mistake mistake = Mistake.NONE;
        OptionalDouble factor = OptionalDouble.empty();
        Origin origin;
        Report.Builder report;
        Probes.Probe worst = o.failed().isEmpty() ? null : o.failed().get(0);
        int entry = worst == null ? 0 : o.worstEntry(worst);
        String repaired = repairs.keySet().stream().filter(o.inputs()::contains).findFirst().orElse(null);
        if (repaired != null) {
            Repair repair = repairs.get(repaired);
            boolean explained = o.passed();
            status = Status.SHAPE_MISMATCH;
            mistake = explained ? repair.mistake : Mistake.UNKNOWN;
            origin = Origin.DERIVATIVE;
            String label = spec.derivativeName(repaired);
            report = Report.headline(explained ? label + " has the " + (repair == Repair.TRANSPOSE ? "transposed shape"
                            : "batch's shape") + ", and " + repair.done + " it matches " + reference
                            + " along every probe" : shapeProblems.get(repaired))
                    .fact("status", status.name())
                    .fact("mistake", mistake.name())
                    .fact("function", label)
                    .fact("shapes", shapeProblems.get(repaired));
        } else if (worst != null && o.resolved() && worst.reference().smooth(entry)) {
            status = Status.MISMATCH;
            origin = Origin.DERIVATIVE;
            Diagnosis d = diagnose(o);
            mistake = d.mistake;
            if (mistake == Mistake.WRONG_SCALE) {
                factor = OptionalDouble.of(d.factor);
            }
            report = Report.headline(form + " mismatch" + of + " along random directions: " + (d.advice.isEmpty()
                            ? o.failed().size() + " of " + o.probes().size() + " directions differ from " + reference
                            : d.advice))
                    .fact("status", status.name())
                    .fact("mistake", mistake.name());
            if (mistake == Mistake.WRONG_SCALE) {
                report.fact("scale factor", Numbers.factor(d.factor) + " (analytic ≈ factor × " + o.against().key + ")");
            }
            inputs(report, o);
            report.fact("worst probe", (worst.index() + 1) + " of " + o.probes().size() + entry(spec, o, entry))
                    .fact("analytic", worst.analytic()[entry])
                    .fact(o.against().key, worst.value(entry))
                    .fact("abs error", Numbers.brief(worst.distance(entry)))
                    .fact("rel error", Numbers.brief(o.scale() > 0 ? worst.distance(entry) / o.scale() : Double.NaN)
                            + " (of the derivative's scale " + Numbers.format(o.scale()) + ")")
                    .fact("tolerance", tolerance(o, worst, entry))
                    .fact("failed probes", o.failed().size() + " of " + o.probes().size());
        } else if (worst != null && o.resolved()) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.KINK;
            ColumnEstimate e = worst.reference();
            report = Report.headline(spec.functionName() + " is not differentiable at the point: along a random "
                            + "direction its one-sided slopes differ, and the analytic value "
                            + Numbers.format(worst.analytic()[entry]) + " is not between " + Numbers.format(e.low[entry])
                            + " and " + Numbers.format(e.high[entry]))
                    .fact("status", status.name())
                    .fact("mistake", Mistake.NONE.name());
            inputs(report, o);
            report.fact("worst probe", (worst.index() + 1) + " of " + o.probes().size() + entry(spec, o, entry))
                    .fact("analytic", worst.analytic()[entry])
                    .fact("numeric", "between " + Numbers.format(e.low[entry]) + " and " + Numbers.format(e.high[entry]))
                    .fact("hint", "move the point off the kink (random trials do)");
        } else if (!o.resolved()) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.UNRESOLVED;
            report = Report.headline("cannot judge the " + form + of + " at this point: " + reference + " along "
                            + "random directions are too uncertain (error up to " + Numbers.brief(worstError)
                            + " against a scale of " + Numbers.format(o.scale()) + "); " + spec.functionName()
                            + " is too noisy or too ill-conditioned here")
                    .fact("status", status.name())
                    .fact("mistake", Mistake.NONE.name());
            inputs(report, o);
        } else {
            status = Status.PASSED;
            origin = Origin.NONE;
            report = Report.headline(form + (o.inputs().size() > 1 ? "s" + of + " match " : " matches ") + reference
                            + " along " + o.probes().size() + " random directions")
                    .fact("status", status.name())
                    .fact("mistake", Mistake.NONE.name());
            inputs(report, o);
            report.fact("probes", o.probes().size())
                    .fact("max abs error", Numbers.brief(maxAbs))
                    .fact("max rel error", Numbers.brief(maxRel) + " (of the derivative's scale)")
                    .fact("tolerance", Numbers.brief(o.rtol()) + " (rtol) × " + Numbers.format(o.scale()) + " (scale)"
                            + (o.atol() > 0 ? " + " + Numbers.brief(o.atol()) + " (atol)" : "")
                            + (o.against() == Against.EXACT ? "" : " + FD error estimate per probe"));
        }
        report.fact("directions", directions(spec, o))
                .fact("guarantee", "a derivative wrong by " + Probes.GAMMA + " × the tolerance"
                        + (o.against() == Against.EXACT ? "" : " widened by the FD error estimate")
                        + " or more along these directions passes with probability < 1e-9");
        if (o.against() == Against.EXACT) {
            report.fact("reference", "exact derivative of " + spec.reference().exact());
        }
        report.fact("mode", mode).fact("evaluations", evaluations).fact("seed", seed);
        String note = o.note();
        double resolution = o.scale() > 0 ? worstError / o.scale() : 0;
        if (status == Status.PASSED && resolution > Verdict.WEAK_RESOLUTION) {
            note = (note.isEmpty() ? "" : note + "; ") + reference + " resolve the derivative only to "
                    + Numbers.brief(resolution) + " of its scale along these directions (noisy or ill-conditioned "
                    + spec.functionName() + "): a smaller error would pass unnoticed";
        }
        if (!note.isEmpty()) {
            report.fact("note", note);
        }
        return new Result(status, mistake, factor, maxAbs, maxRel, evaluations, seed, Optional.empty(), origin,
                Map.of(), Map.of(), Lazy.value(report.build()));
    }

    /** ", output F(1, 0)" for an entry of a vector probe; "" otherwise. */
    private static String entry(CheckSpec spec, Probes.Outcome o, int i) {
        if (o.kind() != Probes.Kind.VECTOR) {
            return "";
        }
        return ", output " + spec.functionName() + "(" + VecLayout.row(i, o.outputRows()) + ", "
                + VecLayout.col(i, o.outputRows()) + ")";
    }

    private static String form(CheckSpec spec, Probes.Outcome o) {
        return spec.derivatives().isEmpty() || o.against() == Against.SECOND_DIFFERENCES
                ? spec.secondOrder().get(o.inputs().get(0)).form()
                : spec.derivatives().get(o.inputs().get(0)).form();
    }

    private static void inputs(Report.Builder report, Probes.Outcome o) {
        report.fact(o.inputs().size() == 1 ? "input" : "inputs", String.join(", ", o.inputs()) + " ("
                + o.free() + " free coordinates)");
    }

    private static String directions(CheckSpec spec, Probes.Outcome o) {
        String f = spec.functionName();
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

    private static String tolerance(Probes.Outcome o, Probes.Probe p, int i) {
        return Numbers.brief(o.tolerance(p, i)) + " = " + Numbers.brief(o.rtol()) + " (rtol) × "
                + Numbers.format(o.scale()) + " (scale)" + (o.against() == Against.EXACT ? "" : " + "
                + Numbers.brief(p.error(i)) + " (FD error estimate)") + (o.atol() > 0 ? " + "
                + Numbers.brief(o.atol()) + " (atol)" : "");
    }

    private record Diagnosis(Mistake mistake, double factor, String advice) {
    }

    /** What the probes can tell: a sign, a constant factor, a transposed gradient. */
    private static Diagnosis diagnose(Probes.Outcome o) {
        if (explains(o, (p, i) -> -p.value(i), 1.0)) {
            return new Diagnosis(Mistake.WRONG_SIGN, Double.NaN, "the derivative has the wrong sign: negate it");
        }
        double ar = 0;
        double rr = 0;
        for (Probes.Probe p : o.probes()) {
            for (int i = 0; i < p.size(); i++) {
                ar += p.analytic()[i] * p.value(i);
                rr += p.value(i) * p.value(i);
            }
        }
        double c = rr > 0 ? ar / rr : Double.NaN;
        if (Double.isFinite(c) && c != 0 && explains(o, (p, i) -> c * p.value(i), Math.max(1, Math.abs(c)))) {
            return new Diagnosis(Mistake.WRONG_SCALE, c, "the derivative is " + Numbers.factor(c) + " × the right one: "
                    + "a constant factor is off; multiply it by " + Numbers.factor(1 / c));
        }
        boolean transposedKnown = o.probes().stream().allMatch(p -> Double.isFinite(p.transposed()));
        if (transposedKnown && o.probes().stream().allMatch(p -> Math.abs(p.transposed() - p.value(0))
                <= o.tolerance(p, 0))) {
            return new Diagnosis(Mistake.TRANSPOSED, Double.NaN, "the gradient is the transpose of the right one: "
                    + "transpose it");
        }
        return new Diagnosis(Mistake.UNKNOWN, Double.NaN, "");
    }

    private interface Right {
        double at(Probes.Probe p, int i);
    }

    private static boolean explains(Probes.Outcome o, Right right, double widen) {
        for (Probes.Probe p : o.probes()) {
            for (int i = 0; i < p.size(); i++) {
                if (!p.reference().smooth(i)
                        || !(Math.abs(p.analytic()[i] - right.at(p, i)) <= widen * o.tolerance(p, i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A FULL result run after a FAST probe failed, with what FAST saw. */
    static Result afterFast(Result full, Result fast, long fastEvaluations) {
        Report.Builder report = Report.headline(full.headline());
        for (Map.Entry<String, String> fact : full.facts().entrySet()) {
            if (fact.getKey().equals("evaluations")) {
                report.fact("fast", fast.status().name() + ": " + fast.headline() + "; FULL mode ran for the "
                        + "entry-level report");
                report.fact("evaluations", full.evaluations() + fastEvaluations);
            } else {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
        return copy(full, report.build(), full.evaluations() + fastEvaluations);
    }

    /** A FAST failure that FULL mode, run for the entry-level report, could not see entry by entry. */
    static Result withFullNote(Result fast, Result full) {
        Report.Builder report = Report.headline(fast.headline());
        for (Map.Entry<String, String> fact : fast.facts().entrySet()) {
            if (fact.getKey().equals("evaluations")) {
                report.fact("full", full.status().name() + ": " + full.headline() + " (entry by entry, finite "
                        + "differences are too coarse here to see what the random directions see)");
                report.fact("evaluations", fast.evaluations() + full.evaluations());
            } else {
                report.fact(fact.getKey(), fact.getValue());
            }
        }
        return copy(fast, report.build(), fast.evaluations() + full.evaluations());
    }

    private static Result copy(Result r, Report report, long evaluations) {
        return new Result(r.status(), r.mistake(), r.scaleFactor(), r.maxAbsError(), r.maxRelError(), evaluations,
                r.seed(), r.cause(), r.origin(), r.analyticValues(), r.numericValues(), Lazy.value(report));
    }
}
