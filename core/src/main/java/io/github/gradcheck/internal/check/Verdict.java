package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.diagnose.Diagnosis;
import io.github.gradcheck.internal.difference.EntryKind;
import io.github.gradcheck.internal.report.Numbers;
import io.github.gradcheck.internal.report.Report;
import org.ejml.data.DMatrixRMaj;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Turns the comparisons of a run (or an early abort) into a result with its report.
 *
 * <p>Statuses, in order of precedence: MISMATCH when a smooth entry that finite differences
 * resolve is wrong; NOT_DIFFERENTIABLE when the analytic value at a kink is not between the
 * one-sided slopes, or when finite differences cannot resolve the derivative at all (their
 * error exceeds {@link InputComparison#MAX_RESOLUTION} of its scale: f is too noisy or too
 * ill-conditioned at the point, and neither a pass nor a mismatch would be honest); PASSED.
 */
final class Verdict {

    /** A pass whose finite differences resolve worse than this (relative to the scale) gets a note. */
    static final double WEAK_RESOLUTION = 1e-3;

    private Verdict() {
    }

    static CheckResult aborted(Abort abort, long evaluations, long seed) {
        Report facts = abort.report.build();
        Report.Builder report = Report.headline(facts.headline())
                .fact("status", abort.status.name())
                .fact("mistake", abort.mistake.name())
                .facts(facts.facts())
                .fact("evaluations", evaluations)
                .fact("seed", seed);
        return new Result(abort.status, abort.mistake, OptionalDouble.empty(), Double.NaN, Double.NaN,
                evaluations, seed, Optional.ofNullable(abort.getCause()), abort.origin, Map.of(), Map.of(),
                report.build());
    }

    static CheckResult judge(CheckSpec spec, List<InputComparison> comparisons, Map<String, Repair> repairs,
                             Map<String, String> shapeProblems, long evaluations, long seed) {
        boolean mismatch = false;
        boolean kink = false;
        InputComparison unresolved = null;
        double maxAbs = Double.NaN;
        double maxRel = Double.NaN;
        for (InputComparison c : comparisons) {
            mismatch |= c.failedSmooth() > 0;
            kink |= c.failedIntervals() > 0;
            if ((c.failedUnresolved() > 0 || !c.resolved())
                    && (unresolved == null || c.resolution() > unresolved.resolution())) {
                unresolved = c;
            }
            maxAbs = max(maxAbs, c.maxDistance());
            maxRel = max(maxRel, c.maxRelative());
        }
        Status status;
        Mistake mistake = Mistake.NONE;
        OptionalDouble factor = OptionalDouble.empty();
        Origin origin;
        Report.Builder report;
        if (!repairs.isEmpty()) {
            String input = repairs.keySet().iterator().next();
            Repair repair = repairs.get(input);
            InputComparison mended = comparisons.stream().filter(c -> c.input.equals(input)).findFirst().orElseThrow();
            boolean explained = mended.failedSmooth() == 0 && mended.failedIntervals() == 0
                    && mended.failedUnresolved() == 0 && mended.resolved();
            status = Status.SHAPE_MISMATCH;
            mistake = explained ? repair.mistake : Mistake.UNKNOWN;
            origin = Origin.DERIVATIVE;
            report = shapeMismatch(spec, mended, repair, explained, shapeProblems.get(input));
        } else if (mismatch) {
            status = Status.MISMATCH;
            origin = Origin.DERIVATIVE;
            Worst worst = worst(comparisons, e -> e.kind() == EntryKind.SMOOTH);
            Diagnosis.Finding finding = diagnose(spec, worst.comparison);
            mistake = finding.mistake();
            if (mistake == Mistake.WRONG_SCALE) {
                factor = OptionalDouble.of(finding.scaleFactor());
            }
            report = mismatch(spec, comparisons, worst, finding);
        } else if (kink) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.KINK;
            report = kink(spec, comparisons);
        } else if (unresolved != null) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.UNRESOLVED;
            report = unresolved(spec, unresolved);
        } else {
            status = Status.PASSED;
            origin = Origin.NONE;
            report = passed(spec, comparisons, maxAbs, maxRel);
        }
        if (comparisons.size() > 1 && status != Status.PASSED) {
            StringJoiner perInput = new StringJoiner(", ");
            StringJoiner wrong = new StringJoiner(", ");
            for (InputComparison c : comparisons) {
                long bad = c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
                perInput.add(c.input + " " + bad + " of " + c.compared());
                if (bad > 0 || repairs.containsKey(c.input)) {
                    wrong.add(c.input);
                }
            }
            report.fact("failed per input", perInput.toString());
            if (wrong.length() > 0 && !wrong.toString().contains(",")) {
                report.fact("wrong inputs", "only " + wrong + " (the others match)");
            } else if (wrong.length() > 0) {
                report.fact("wrong inputs", wrong.toString());
            }
        }
        report.fact("mode", "FULL (central differences along every coordinate)")
                .fact("evaluations", evaluations)
                .fact("seed", seed);
        String note = note(spec, comparisons, status);
        if (!note.isEmpty()) {
            report.fact("note", note);
        }
        Map<String, DMatrixRMaj> analytic = new LinkedHashMap<>();
        Map<String, DMatrixRMaj> numeric = new LinkedHashMap<>();
        for (InputComparison c : comparisons) {
            DMatrixRMaj a = c.dense(true);
            if (a != null && !repairs.containsKey(c.input)) { // a mended derivative is not the user's
                analytic.put(c.input, a);
                numeric.put(c.input, c.dense(false));
            }
        }
        return new Result(status, mistake, factor, maxAbs, maxRel, evaluations, seed,
                Optional.empty(), origin, analytic, numeric, report.build());
    }

    private static Report.Builder passed(CheckSpec spec, List<InputComparison> comparisons,
                                         double maxAbs, double maxRel) {
        long entries = 0;
        for (InputComparison c : comparisons) {
            entries += c.compared();
        }
        String what = comparisons.size() == 1
                ? form(comparisons.get(0)) + " matches finite differences at all " + entries + " entries"
                        + of(spec, comparisons.get(0))
                : plural(comparisons) + " of " + names(comparisons) + " match finite differences at all "
                        + entries + " entries";
        InputComparison first = comparisons.get(0);
        return Report.headline(what)
                .fact("status", Status.PASSED.name())
                .fact("mistake", Mistake.NONE.name())
                .fact(comparisons.size() == 1 ? "input" : "inputs", shapes(comparisons))
                .fact("entries", entries)
                .fact("max abs error", Numbers.brief(maxAbs))
                .fact("max rel error", Numbers.brief(maxRel) + " (of the derivative's scale)")
                .fact("tolerance", Numbers.brief(first.rtol()) + " (rtol) × " + scales(comparisons)
                        + atol(first) + " + FD error estimate per entry");
    }

    private static Report.Builder mismatch(CheckSpec spec, List<InputComparison> comparisons, Worst worst,
                                           Diagnosis.Finding finding) {
        InputComparison c = worst.comparison;
        InputComparison.Entry e = worst.entry;
        String form = form(c);
        String count = (c.overflowed() ? "at least " : "") + c.failedSmooth() + " of " + c.compared();
        String headline = finding.advice().isEmpty()
                ? form + " mismatch: analytic and numerical " + form + "s differ at " + count + " entries" + of(spec, c)
                        + (finding.where().isEmpty() ? "" : " (" + finding.where() + ")")
                : form + " mismatch" + of(spec, c) + ": " + finding.advice();
        Report.Builder report = Report.headline(headline);
        report.fact("status", Status.MISMATCH.name()).fact("mistake", finding.mistake().name());
        if (finding.mistake() == Mistake.WRONG_SCALE) {
            report.fact("scale factor", Numbers.format(finding.scaleFactor()) + " (analytic ≈ factor × numeric)");
        }
        describeInput(report, c, spec);
        report.fact("worst entry", c.label(e, spec.functionName()))
                .fact("analytic", e.analytic())
                .fact("numeric", e.value())
                .fact("abs error", Numbers.brief(e.distance()))
                .fact("rel error", Numbers.brief(relative(e.distance(), c.scale()))
                        + " (of the derivative's scale " + Numbers.format(c.scale()) + ")")
                .fact("tolerance", tolerance(c, e))
                .fact("failed entries", count);
        if (!finding.where().isEmpty()) {
            report.fact("where", finding.where());
        }
        return report;
    }

    /** The diagnosis of one input's failed comparison (UNKNOWN when its derivative was too large to keep). */
    private static Diagnosis.Finding diagnose(CheckSpec spec, InputComparison c) {
        DMatrixRMaj analytic = c.dense(true);
        if (analytic == null) {
            return new Diagnosis.Finding(Mistake.UNKNOWN, Double.NaN, "", "");
        }
        return Diagnosis.of(new Diagnosis.Block(c.input, form(c), c.coordinates.symmetric(), c.inputRows,
                c.inputCols, c.outputRows, c.outputCols, analytic, c.dense(false), c.denseTolerance()));
    }

    private static Report.Builder shapeMismatch(CheckSpec spec, InputComparison c, Repair repair, boolean explained,
                                                String shapes) {
        String label = spec.derivativeName(c.input);
        String headline;
        if (!explained) {
            headline = shapes;
        } else if (repair == Repair.TRANSPOSE) {
            headline = label + " has the transposed shape, and transposed it matches finite differences: "
                    + "return its transpose";
        } else {
            headline = label + " has the batch's shape, and " + repair.done + " it matches finite differences: "
                    + "sum it over the batch (" + (repair == Repair.SUM_ROWS ? "its rows" : "its columns") + ") to "
                    + Numbers.shape(c.inputRows, c.inputCols);
        }
        Report.Builder report = Report.headline(headline)
                .fact("status", Status.SHAPE_MISMATCH.name())
                .fact("mistake", (explained ? repair.mistake : Mistake.UNKNOWN).name())
                .fact("function", label)
                .fact("shapes", shapes);
        long bad = c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
        report.fact("mended", explained ? repair.done + ", it matches finite differences at all " + c.compared()
                + " entries" : "even " + repair.done + ", it differs from finite differences at " + bad + " of "
                + c.compared() + " entries");
        return report;
    }

    private static Report.Builder kink(CheckSpec spec, List<InputComparison> comparisons) {
        Worst worst = worst(comparisons, e -> e.kind() != EntryKind.SMOOTH);
        InputComparison c = worst.comparison;
        InputComparison.Entry e = worst.entry;
        String f = spec.functionName();
        String what = e.kind() == EntryKind.KINK ? "it has a kink along " + c.input + c.inputEntry(e.coordinate())
                : "its differences along " + c.input + c.inputEntry(e.coordinate()) + " never settle";
        Report.Builder report = Report.headline(f + " is not differentiable at the point: " + what
                + ", and the analytic value " + Numbers.format(e.analytic()) + " is not between the one-sided slopes "
                + Numbers.format(e.low()) + " and " + Numbers.format(e.high()));
        report.fact("status", Status.NOT_DIFFERENTIABLE.name()).fact("mistake", Mistake.NONE.name());
        describeInput(report, c, spec);
        return report.fact("worst entry", c.label(e, f))
                .fact("analytic", e.analytic())
                .fact("numeric", "between " + Numbers.format(e.low()) + " and " + Numbers.format(e.high())
                        + " (one-sided slopes, step " + Numbers.brief(e.step()) + ")")
                .fact("abs error", Numbers.brief(e.distance()) + " (outside the slopes)")
                .fact("tolerance", tolerance(c, e))
                .fact("failed entries", c.failedIntervals() + " of " + c.compared())
                .fact("hint", "move the point off the kink (random trials do), or return a value between the "
                        + "one-sided slopes (a subgradient)");
    }

    private static Report.Builder unresolved(CheckSpec spec, InputComparison c) {
        String f = spec.functionName();
        Report.Builder report = Report.headline("cannot judge the " + form(c) + of(spec, c)
                + " at this point: finite differences are too uncertain (error up to " + Numbers.brief(c.maxError())
                + ", " + Numbers.brief(c.resolution()) + " × the derivative's scale " + Numbers.format(c.scale())
                + "); " + f + " is too noisy or too ill-conditioned here");
        report.fact("status", Status.NOT_DIFFERENTIABLE.name()).fact("mistake", Mistake.NONE.name());
        describeInput(report, c, spec);
        report.fact("fd error", "up to " + Numbers.brief(c.maxError()) + " (" + Numbers.brief(c.resolution())
                + " × scale; a verdict needs ≤ " + Numbers.brief(InputComparison.MAX_RESOLUTION) + " × scale)")
                .fact("scale", Numbers.format(c.scale()) + " (max |numeric|)");
        if (!c.failures().isEmpty()) {
            InputComparison.Entry e = c.failures().get(0);
            report.fact("worst entry", c.label(e, f))
                    .fact("analytic", e.analytic())
                    .fact("numeric", Numbers.format(e.value()) + " ± " + Numbers.brief(e.error()));
        }
        return report.fact("hint", "check at a better-conditioned point, or compute " + f + " more accurately "
                + "(e.g. log det as the sum of the logs of an LU or Cholesky factor's diagonal, not log(det))");
    }

    private static Worst worst(List<InputComparison> comparisons, Predicate<InputComparison.Entry> relevant) {
        Worst worst = null;
        for (InputComparison c : comparisons) {
            for (InputComparison.Entry e : c.failures()) {
                double ratio = e.distance() / c.tolerance(e);
                if (relevant.test(e) && c.resolved(e) && (worst == null || ratio > worst.ratio)) {
                    worst = new Worst(c, e, ratio);
                }
            }
        }
        if (worst == null) {
            throw new IllegalStateException("a failed comparison without a failing entry");
        }
        return worst;
    }

    private record Worst(InputComparison comparison, InputComparison.Entry entry, double ratio) {
    }

    private static void describeInput(Report.Builder report, InputComparison c, CheckSpec spec) {
        report.fact("input", c.input + " (" + Numbers.shape(c.inputRows, c.inputCols) + ")");
        if (!c.scalarOutput()) {
            report.fact("output", spec.functionName() + " (" + Numbers.shape(c.outputRows, c.outputCols) + "), "
                    + "Jacobian " + Numbers.shape(c.outputRows * c.outputCols, c.inputRows * c.inputCols)
                    + " = ∂vec " + spec.functionName() + "/∂vec " + c.input + "ᵀ");
        }
    }

    private static String tolerance(InputComparison c, InputComparison.Entry e) {
        return Numbers.brief(c.tolerance(e)) + " = " + Numbers.brief(c.rtol()) + " (rtol) × "
                + Numbers.format(c.scale()) + " (scale) + " + Numbers.brief(e.error()) + " (FD error estimate)"
                + atol(c);
    }

    private static String atol(InputComparison c) {
        return c.atol() > 0 ? " + " + Numbers.brief(c.atol()) + " (atol)" : "";
    }

    private static String note(CheckSpec spec, List<InputComparison> comparisons, Status status) {
        StringJoiner notes = new StringJoiner("; ");
        long intervals = 0;
        double resolution = 0;
        for (InputComparison c : comparisons) {
            intervals += c.intervals();
            resolution = Math.max(resolution, c.resolution());
        }
        if (intervals > 0 && status == Status.PASSED) {
            notes.add(intervals + (intervals == 1 ? " entry" : " entries") + " judged against one-sided slopes ("
                    + spec.functionName() + " has a kink there, or differences did not settle); "
                    + "an analytic value between the slopes is accepted as a subgradient");
        }
        if (resolution > WEAK_RESOLUTION && status == Status.PASSED) {
            notes.add("finite differences resolve the derivative only to " + Numbers.brief(resolution)
                    + " of its scale here (noisy or ill-conditioned " + spec.functionName()
                    + "): a smaller error would pass unnoticed");
        }
        return notes.toString();
    }

    private static String form(InputComparison c) {
        return c.derivative.form();
    }

    private static String plural(List<InputComparison> comparisons) {
        String form = form(comparisons.get(0));
        for (InputComparison c : comparisons) {
            if (!form(c).equals(form)) {
                return "derivatives";
            }
        }
        return form + "s";
    }

    private static String of(CheckSpec spec, InputComparison c) {
        return spec.singleInput() ? "" : " for input " + c.input;
    }

    private static String names(List<InputComparison> comparisons) {
        StringJoiner j = new StringJoiner(", ");
        comparisons.forEach(c -> j.add(c.input));
        return j.toString();
    }

    private static String shapes(List<InputComparison> comparisons) {
        StringJoiner j = new StringJoiner(", ");
        comparisons.forEach(c -> j.add(c.input + " (" + Numbers.shape(c.inputRows, c.inputCols) + ")"));
        return j.toString();
    }

    private static String scales(List<InputComparison> comparisons) {
        if (comparisons.size() == 1) {
            return Numbers.format(comparisons.get(0).scale()) + " (scale)";
        }
        StringJoiner j = new StringJoiner(", ", "scale (", ")");
        comparisons.forEach(c -> j.add(c.input + " " + Numbers.format(c.scale())));
        return j.toString();
    }

    private static double relative(double distance, double scale) {
        return scale > 0 ? distance / scale : (distance == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    private static double max(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}
