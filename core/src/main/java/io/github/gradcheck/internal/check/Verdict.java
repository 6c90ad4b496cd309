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
 *
 * <p>Comparisons with different references (an exact reference and finite differences) are
 * judged apart; the first that fails, in the order of {@link Against}, makes the result, and the
 * report says how the others went.
 */
final class Verdict {

    /** A pass whose finite differences resolve worse than this (relative to the scale) gets a note. */
    static final double WEAK_RESOLUTION = 1e-3;

    private Verdict() {
    }

    /** Facts a merged report keeps for its end, after the verdicts of the other references. */
    private static final List<String> CLOSING_FACTS = List.of("mode", "reference", "evaluations", "seed", "note");

    /**
     * One report for several results: {@code primary}'s facts, then {@code others} (a line
     * each), then primary's closing facts (mode, reference, evaluations, seed, note).
     */
    static Report.Builder merged(String headline, Result primary, Map<String, String> others) {
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

    /** "against finite differences: MISMATCH: …" for each result but the primary one. */
    static Map<String, String> others(Map<Against, Result> results, Result primary) {
        Map<String, String> others = new LinkedHashMap<>();
        for (Map.Entry<Against, Result> r : results.entrySet()) {
            if (r.getValue() != primary) {
                others.put("against " + r.getKey().words.replace("the ", ""), line(r.getValue()));
            }
        }
        return others;
    }

    /** A result in one line: its status and headline. */
    static String line(Result r) {
        return r.status().name() + ": " + r.headline();
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
                Lazy.value(report.build()));
    }

    static CheckResult judge(CheckSpec spec, List<InputComparison> comparisons, Map<String, Repair> repairs,
                             Map<String, String> shapeProblems, long evaluations, long seed) {
        Map<Against, List<InputComparison>> groups = new java.util.EnumMap<>(Against.class);
        for (InputComparison c : comparisons) {
            groups.computeIfAbsent(c.against, a -> new java.util.ArrayList<>()).add(c);
        }
        if (groups.size() <= 1) {
            return judgeGroup(spec, comparisons, repairs, shapeProblems, evaluations, seed);
        }
        Result primary = null;
        Map<Against, Result> results = new java.util.EnumMap<>(Against.class);
        for (Map.Entry<Against, List<InputComparison>> g : groups.entrySet()) {
            Result r = judgeGroup(spec, g.getValue(), repairs, shapeProblems, evaluations, seed);
            results.put(g.getKey(), r);
            if (primary == null || (primary.passed() && !r.passed())) {
                primary = r;
            }
        }
        Report.Builder report = merged(primary.headline(), primary, others(results, primary));
        Map<String, DMatrixRMaj> analytic = new LinkedHashMap<>(primary.analyticValues());
        Map<String, DMatrixRMaj> numeric = new LinkedHashMap<>(primary.numericValues());
        return new Result(primary.status(), primary.mistake(), primary.scaleFactor(), primary.maxAbsError(),
                primary.maxRelError(), evaluations, seed, Optional.empty(), primary.origin(), analytic, numeric,
                Lazy.value(report.build()));
    }

    private static Result judgeGroup(CheckSpec spec, List<InputComparison> comparisons, Map<String, Repair> repairs,
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
        java.util.function.Supplier<Report.Builder> head;
        InputComparison mended = comparisons.stream().filter(c -> repairs.containsKey(c.input)).findFirst()
                .orElse(null);
        if (mended != null) {
            String input = mended.input;
            Repair repair = repairs.get(input);
            boolean explained = mended.failedSmooth() == 0 && mended.failedIntervals() == 0
                    && mended.failedUnresolved() == 0 && mended.resolved();
            status = Status.SHAPE_MISMATCH;
            mistake = explained ? repair.mistake : Mistake.UNKNOWN;
            origin = Origin.DERIVATIVE;
            head = () -> shapeMismatch(spec, mended, repair, explained, shapeProblems.get(input));
        } else if (mismatch) {
            status = Status.MISMATCH;
            origin = Origin.DERIVATIVE;
            Worst worst = worst(comparisons, e -> e.kind() == EntryKind.SMOOTH);
            Diagnosis.Finding finding = diagnose(spec, worst.comparison);
            mistake = finding.mistake();
            if (mistake == Mistake.WRONG_SCALE) {
                factor = OptionalDouble.of(finding.scaleFactor());
            }
            head = () -> mismatch(spec, comparisons, worst, finding);
        } else if (kink) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.KINK;
            head = () -> kink(spec, comparisons);
        } else if (unresolved != null) {
            status = Status.NOT_DIFFERENTIABLE;
            origin = Origin.UNRESOLVED;
            InputComparison least = unresolved;
            head = () -> unresolved(spec, least);
        } else {
            status = Status.PASSED;
            origin = Origin.NONE;
            double abs = maxAbs;
            double rel = maxRel;
            head = () -> passed(spec, comparisons, abs, rel);
        }
        Status judged = status;
        Lazy<Report> content = Lazy.of(() -> {
            Report.Builder report = head.get();
            if (comparisons.size() > 1 && judged != Status.PASSED) {
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
            Against against = comparisons.get(0).against;
            if (against == Against.EXACT) {
                report.fact("reference", "exact derivative of " + spec.reference().exact());
            } else {
                report.fact("mode", against == Against.SECOND_DIFFERENCES
                        ? "FULL (second differences along every pair of coordinates)"
                        : "FULL (central differences along every coordinate)");
            }
            report.fact("evaluations", evaluations)
                    .fact("seed", seed);
            String note = note(spec, comparisons, judged);
            if (!note.isEmpty()) {
                report.fact("note", note);
            }
            return report.build();
        });
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
                Optional.empty(), origin, analytic, numeric, content);
    }

    private static Report.Builder passed(CheckSpec spec, List<InputComparison> comparisons,
                                         double maxAbs, double maxRel) {
        long entries = 0;
        for (InputComparison c : comparisons) {
            entries += c.compared();
        }
        String what = comparisons.size() == 1
                ? form(comparisons.get(0)) + " matches " + words(comparisons) + " at all " + entries + " entries"
                        + of(spec, comparisons.get(0))
                : plural(comparisons) + " of " + names(comparisons) + " match " + words(comparisons) + " at all "
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
                        + atol(first) + (first.against.estimated() ? " + FD error estimate per entry" : ""));
    }

    private static Report.Builder mismatch(CheckSpec spec, List<InputComparison> comparisons, Worst worst,
                                           Diagnosis.Finding finding) {
        InputComparison c = worst.comparison;
        InputComparison.Entry e = worst.entry;
        String form = form(c);
        String count = (c.overflowed() ? "at least " : "") + c.failedSmooth() + " of " + c.compared();
        String asymmetry = c.derivative.secondOrder() ? asymmetry(c, spec) : null;
        String reference = c.against == Against.EXACT ? "exact" : "numerical";
        String headline;
        if (!finding.advice().isEmpty()) {
            headline = form + " mismatch" + of(spec, c) + ": " + finding.advice();
        } else if (asymmetry != null && symmetricPartMatches(c)) {
            headline = form + " mismatch" + of(spec, c) + ": the Hessian is not symmetric, but its symmetric part "
                    + "(H + Hᵀ)/2 matches; symmetry was assumed where it is not (2A for the A + Aᵀ of xᵀAx)";
        } else if (asymmetry != null) {
            headline = form + " mismatch" + of(spec, c) + ": the Hessian is not symmetric, as the Hessian of a "
                    + "twice-differentiable f must be (" + asymmetry + ")";
        } else {
            headline = form + " mismatch: analytic and " + reference + " " + form + "s differ at " + count + " entries"
                    + of(spec, c) + (finding.where().isEmpty() ? "" : " (" + finding.where() + ")");
        }
        Report.Builder report = Report.headline(headline);
        report.fact("status", Status.MISMATCH.name()).fact("mistake", finding.mistake().name());
        if (finding.mistake() == Mistake.WRONG_SCALE) {
            report.fact("scale factor", Numbers.factor(finding.scaleFactor()) + " (analytic ≈ factor × " + c.against.key
                    + ")");
        }
        describeInput(report, c, spec);
        report.fact("worst entry", c.label(e, spec.functionName()))
                .fact("analytic", e.analytic())
                .fact(c.against.key, e.value())
                .fact("abs error", Numbers.brief(e.distance()))
                .fact("rel error", Numbers.brief(relative(e.distance(), c.scale()))
                        + " (of the derivative's scale " + Numbers.format(c.scale()) + ")")
                .fact("tolerance", tolerance(c, e))
                .fact("failed entries", count);
        if (!finding.where().isEmpty()) {
            report.fact("where", finding.where());
        }
        if (asymmetry != null) {
            report.fact("symmetry", "not symmetric: " + asymmetry);
        }
        return report;
    }

    /**
     * Where a Hessian (seen through its coordinates, when that makes it square) is not symmetric
     * beyond the tolerances of both entries: "∂²f/∂X(0, 1)∂X(1, 0) = 2.0 but ∂²f/∂X(1, 0)∂X(0, 1)
     * = 0.0"; null when it is symmetric or too large to keep.
     */
    private static boolean symmetricPartMatches(InputComparison c) {
        DMatrixRMaj a = c.dense(true);
        DMatrixRMaj numeric = c.dense(false);
        DMatrixRMaj tolerance = c.denseTolerance();
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                double symmetric = 0.5 * (a.unsafe_get(i, j) + a.unsafe_get(j, i));
                if (!(Math.abs(symmetric - numeric.unsafe_get(i, j)) <= tolerance.unsafe_get(i, j))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String asymmetry(InputComparison c, CheckSpec spec) {
        DMatrixRMaj a = c.dense(true);
        DMatrixRMaj tolerance = c.denseTolerance();
        if (a == null || a.numRows != a.numCols || a.numRows != c.coordinates.size()) {
            return null;
        }
        int worstI = -1;
        int worstJ = -1;
        double worst = 1.0;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = i + 1; j < a.numCols; j++) {
                double excess = Math.abs(a.unsafe_get(i, j) - a.unsafe_get(j, i))
                        / (tolerance.unsafe_get(i, j) + tolerance.unsafe_get(j, i));
                if (excess > worst) {
                    worst = excess;
                    worstI = i;
                    worstJ = j;
                }
            }
        }
        if (worstI < 0) {
            return null;
        }
        String f = spec.functionName();
        return c.label(worstI, worstJ, f) + " = " + Numbers.format(a.unsafe_get(worstI, worstJ)) + " but "
                + c.label(worstJ, worstI, f) + " = " + Numbers.format(a.unsafe_get(worstJ, worstI));
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
            headline = label + " has the transposed shape, and transposed it matches " + c.against.words + ": "
                    + "return its transpose";
        } else {
            headline = label + " has the batch's shape, and " + repair.done + " it matches " + c.against.words + ": "
                    + "sum it over the batch (" + (repair == Repair.SUM_ROWS ? "its rows" : "its columns") + ") to "
                    + Numbers.shape(c.inputRows, c.inputCols);
        }
        Report.Builder report = Report.headline(headline)
                .fact("status", Status.SHAPE_MISMATCH.name())
                .fact("mistake", (explained ? repair.mistake : Mistake.UNKNOWN).name())
                .fact("function", label)
                .fact("shapes", shapes);
        long bad = c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
        report.fact("mended", explained ? repair.done + ", it matches " + c.against.words + " at all " + c.compared()
                + " entries" : "even " + repair.done + ", it differs from " + c.against.words + " at " + bad + " of "
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
                + " at this point: " + c.against.words + " are too uncertain (error up to " + Numbers.brief(c.maxError())
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
        if (c.derivative.secondOrder()) {
            int n = c.inputRows * c.inputCols;
            report.fact("output", "Hessian " + Numbers.shape(n, n) + " = ∂²f/∂vec " + c.input + " ∂vec " + c.input + "ᵀ"
                    + (c.outputsAreCoordinates && c.coordinates.size() != n ? ", seen along the " + c.coordinates.size()
                    + " coordinates of the structure" : ""));
        } else if (!c.scalarOutput()) {
            report.fact("output", spec.functionName() + " (" + Numbers.shape(c.outputRows, c.outputCols) + "), "
                    + "Jacobian " + Numbers.shape(c.outputRows * c.outputCols, c.inputRows * c.inputCols)
                    + " = ∂vec " + spec.functionName() + "/∂vec " + c.input + "ᵀ");
        }
    }

    private static String tolerance(InputComparison c, InputComparison.Entry e) {
        return Numbers.brief(c.tolerance(e)) + " = " + Numbers.brief(c.rtol()) + " (rtol) × "
                + Numbers.format(c.scale()) + " (scale)"
                + (c.against.estimated() ? " + " + Numbers.brief(e.error()) + " (FD error estimate)" : "") + atol(c);
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

    /** How headlines name the reference of these comparisons (they share it). */
    private static String words(List<InputComparison> comparisons) {
        InputComparison c = comparisons.get(0);
        if (c.against == Against.FINITE_DIFFERENCES && c.derivative.secondOrder()) {
            return "finite differences of the gradient";
        }
        return c.against.words;
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
