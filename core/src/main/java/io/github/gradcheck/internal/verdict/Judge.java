package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.diagnose.Diagnosis;
import io.github.gradcheck.internal.difference.EntryKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ejml.data.DMatrixRMaj;

/**
 * The one place where evidence becomes a verdict: FULL comparisons and FAST probes are judged by
 * the same precedence, and findings are merged by the same rule.
 *
 * <p><b>Precedence</b> (for both modes): a derivative of the wrong shape that the check mended
 * (SHAPE_MISMATCH, with the mistake only when the mended derivative then matches); then wrong
 * entries that the reference resolves (MISMATCH, diagnosed); then an analytic value outside the
 * one-sided slopes at a kink (NOT_DIFFERENTIABLE); then a reference too uncertain to judge
 * (error above {@link Comparison#MAX_RESOLUTION} of the derivative's scale: INCONCLUSIVE, since
 * neither a pass nor a mismatch would be honest); else PASSED.
 *
 * <p><b>Merging</b>: findings against several references, and the checks of second derivatives
 * beside their gradients, are ranked in order and the first that fails decides. After FAST mode
 * failed on an input small enough for FULL, FULL's verdict stands unless FULL could not see what
 * the probes saw: it passed only with a weak resolution, or could not judge.
 */
public final class Judge {

    /** A pass whose reference resolves worse than this (relative to the scale) is weak: a note says so. */
    public static final double WEAK_RESOLUTION = 1e-3;

    private Judge() {
    }

    // ------------------------------------------------------------------------------- precedence

    /** The reason a comparison's evidence supports, by the one precedence of both modes. */
    static Why rank(boolean wrongShape, boolean wrongEntries, boolean kink, boolean unresolved) {
        if (wrongShape) {
            return Why.WRONG_SHAPE;
        }
        if (wrongEntries) {
            return Why.WRONG_ENTRIES;
        }
        if (kink) {
            return Why.NOT_A_SUBGRADIENT;
        }
        return unresolved ? Why.UNRESOLVED : Why.MATCHES;
    }

    static Status statusOf(Why why) {
        return switch (why) {
            case MATCHES -> Status.PASSED;
            case WRONG_ENTRIES -> Status.MISMATCH;
            case NOT_A_SUBGRADIENT -> Status.NOT_DIFFERENTIABLE;
            case UNRESOLVED -> Status.INCONCLUSIVE;
            case WRONG_SHAPE -> Status.SHAPE_MISMATCH;
            case BUFFERS_NOT_RESET -> Status.MISMATCH;
            case ENDED -> throw new IllegalArgumentException("an ended check has its problem's status");
        };
    }

    static Origin originOf(Why why) {
        return switch (why) {
            case MATCHES -> Origin.NONE;
            case WRONG_ENTRIES, WRONG_SHAPE, BUFFERS_NOT_RESET -> Origin.DERIVATIVE;
            case NOT_A_SUBGRADIENT -> Origin.KINK;
            case UNRESOLVED -> Origin.UNRESOLVED;
            case ENDED -> throw new IllegalArgumentException("an ended check has its problem's origin");
        };
    }

    // ------------------------------------------------------------------------------------ FULL

    /**
     * Judges FULL comparisons against one reference.
     *
     * @param comparisons every differentiated input's comparison, finished, in order
     * @param mended the derivatives the check mended
     */
    public static Finding full(List<Comparison> comparisons, List<Mended> mended) {
        boolean wrong = false;
        boolean kink = false;
        Comparison unresolved = null;
        double maxAbs = Double.NaN;
        double maxRel = Double.NaN;
        double resolution = 0;
        long compared = 0;
        long failed = 0;
        for (Comparison c : comparisons) {
            wrong |= c.failedSmooth() > 0;
            kink |= c.failedIntervals() > 0;
            if ((c.failedUnresolved() > 0 || !c.resolved())
                    && (unresolved == null || c.resolution() > unresolved.resolution())) {
                unresolved = c;
            }
            maxAbs = max(maxAbs, c.maxDistance());
            maxRel = max(maxRel, c.maxRelative());
            resolution = Math.max(resolution, c.resolution());
            compared += c.compared();
            failed += c.failedSmooth() + c.failedIntervals() + c.failedUnresolved();
        }
        Mended repair = null;
        Comparison repaired = null;
        for (Comparison c : comparisons) {
            repair = find(mended, c.input);
            if (repair != null) {
                repaired = c;
                break;
            }
        }
        Why why = rank(repair != null, wrong, kink, unresolved != null);
        Comparison accumulating = null;
        for (Comparison c : comparisons) {
            accumulating = accumulating == null && c.accumulates != Accumulates.NO ? c : accumulating;
        }
        if (why == Why.MATCHES && accumulating != null) {
            why = Why.BUFFERS_NOT_RESET; // right, but only as the increment of a second call
        }
        Against against = comparisons.get(0).against;
        Mistake mistake = Mistake.NONE;
        double factor = Double.NaN;
        Comparison decisive = null;
        Comparison.Entry entry = null;
        Diagnosis.Label label = null;
        Finding.HessianSymmetry symmetry = null;
        switch (why) {
            case WRONG_SHAPE -> {
                decisive = repaired;
                boolean explained = repaired.failedSmooth() == 0 && repaired.failedIntervals() == 0
                        && repaired.failedUnresolved() == 0 && repaired.resolved();
                mistake = explained ? repair.repair().mistake : Mistake.UNKNOWN;
            }
            case WRONG_ENTRIES -> {
                Worst w = worst(comparisons, e -> e.kind() == EntryKind.SMOOTH);
                decisive = w.comparison;
                entry = w.entry;
                label = diagnose(decisive);
                mistake = label.mistake();
                factor = label.scaleFactor();
                symmetry = decisive.secondOrder ? symmetry(decisive) : null;
            }
            case BUFFERS_NOT_RESET -> {
                decisive = accumulating;
                mistake = Mistake.GRADIENT_NOT_RESET;
            }
            case NOT_A_SUBGRADIENT -> {
                Worst w = worst(comparisons, e -> e.kind() != EntryKind.SMOOTH);
                decisive = w.comparison;
                entry = w.entry;
            }
            case UNRESOLVED -> {
                decisive = unresolved;
                entry = unresolved.failures().isEmpty() ? null : unresolved.failures().get(0);
            }
            default -> {
            }
        }
        Comparison toleranceOf = decisive != null ? decisive : comparisons.get(0);
        Finding.Worst worst = entry == null ? null : new Finding.Worst(decisive.input, entry.output(),
                entry.coordinate(), -1, entry.analytic(), entry.value(), entry.distance(), decisive.tolerance(entry));
        return new Finding(statusOf(why), why, originOf(why), mistake, factor, Mode.FULL, against,
                toleranceOf.tolerance(), worst, compared, failed, maxAbs, maxRel, resolution,
                new Finding.Full(comparisons, decisive, entry, label, repair, symmetry,
                        mended.stream().map(Mended::input).toList()));
    }

    /** The diagnosis of one input's failed comparison (UNKNOWN when its derivative was too large to keep). */
    private static Diagnosis.Label diagnose(Comparison c) {
        DMatrixRMaj analytic = c.dense(true);
        if (analytic == null) {
            return new Diagnosis.Label(Mistake.UNKNOWN, Double.NaN, null, Diagnosis.Place.ANYWHERE, null);
        }
        return Diagnosis.of(new Diagnosis.Block(c.gradient, c.coordinates.symmetric(), c.inputRows, c.inputCols,
                c.outputRows, c.outputCols, analytic, c.dense(false), c.denseTolerance()));
    }

    /**
     * Where a Hessian (seen through its coordinates, when that makes it square) is not symmetric
     * beyond the tolerances of both entries, and whether its symmetric part (H + Hᵀ)/2 matches;
     * null when it is too large to keep or not square.
     */
    private static Finding.HessianSymmetry symmetry(Comparison c) {
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
            return new Finding.HessianSymmetry(-1, -1, false);
        }
        DMatrixRMaj numeric = c.dense(false);
        boolean symmetricPartMatches = true;
        for (int i = 0; i < a.numRows && symmetricPartMatches; i++) {
            for (int j = 0; j < a.numCols; j++) {
                double symmetric = 0.5 * (a.unsafe_get(i, j) + a.unsafe_get(j, i));
                if (!(Math.abs(symmetric - numeric.unsafe_get(i, j)) <= tolerance.unsafe_get(i, j))) {
                    symmetricPartMatches = false;
                    break;
                }
            }
        }
        return new Finding.HessianSymmetry(worstI, worstJ, symmetricPartMatches);
    }

    private record Worst(Comparison comparison, Comparison.Entry entry, double ratio) {
    }

    /** The failing entry furthest outside its tolerance among the relevant, resolved ones. */
    private static Worst worst(List<Comparison> comparisons, Predicate<Comparison.Entry> relevant) {
        Worst worst = null;
        for (Comparison c : comparisons) {
            for (Comparison.Entry e : c.failures()) {
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

    // ------------------------------------------------------------------------------------ FAST

    /**
     * Judges FAST probes against one reference.
     *
     * @param set the probes, judged at their final scale
     * @param mended the derivatives the check mended
     * @param auto whether AUTO chose FAST mode
     * @param coordinates the coordinates of the whole check
     */
    public static Finding fast(ProbeSet set, List<Mended> mended, boolean auto, int coordinates) {
        Tolerance tolerance = set.tolerance();
        Probe worst = set.failed().isEmpty() ? null : set.failed().get(0);
        int entry = worst == null ? 0 : worst.worstEntry(tolerance);
        Mended repair = null;
        for (String input : set.inputs()) {
            repair = repair != null ? repair : find(mended, input);
        }
        boolean smooth = worst != null && worst.smooth(entry);
        Why why = rank(repair != null, worst != null && set.resolved() && smooth,
                worst != null && set.resolved() && !smooth, !set.resolved());
        if (why == Why.MATCHES && set.accumulates() != Accumulates.NO) {
            why = Why.BUFFERS_NOT_RESET; // right, but only as the increment of a second call
        }
        Mistake mistake = Mistake.NONE;
        double factor = Double.NaN;
        Diagnosis.Label label = null;
        if (why == Why.WRONG_SHAPE) {
            mistake = set.passed() ? repair.repair().mistake : Mistake.UNKNOWN;
        } else if (why == Why.BUFFERS_NOT_RESET) {
            mistake = Mistake.GRADIENT_NOT_RESET;
        } else if (why == Why.WRONG_ENTRIES) {
            label = Diagnosis.of(sample(set));
            mistake = label.mistake();
            factor = label.scaleFactor();
        }
        double maxAbs = set.maxDistance();
        double scale = tolerance.scale();
        double maxRel = scale > 0 ? maxAbs / scale : (maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY);
        double resolution = scale > 0 ? set.maxError() / scale : 0;
        Finding.Worst w = worst == null ? null : new Finding.Worst(String.join(", ", set.inputs()), entry, -1,
                worst.index(), worst.analytic()[entry], worst.value(entry), worst.distance(entry),
                tolerance.allowed(worst.error(entry)));
        return new Finding(statusOf(why), why, originOf(why), mistake, factor, Mode.FAST, set.against(), tolerance,
                w, set.probes().size(), set.failed().size(), maxAbs, maxRel, resolution,
                new Finding.Fast(set, worst, entry, label, repair, auto, coordinates));
    }

    /** Every probe entry as one value to explain; an interval at a kink has no reference value. */
    private static Diagnosis.Sample sample(ProbeSet set) {
        List<double[]> values = new ArrayList<>();
        for (Probe p : set.probes()) {
            for (int i = 0; i < p.size(); i++) {
                values.add(new double[] {p.analytic()[i], p.smooth(i) ? p.value(i) : Double.NaN,
                        set.tolerance().allowed(p.error(i)), p.size() == 1 ? p.transposed() : Double.NaN});
            }
        }
        return new Diagnosis.Sample() {
            public int size() {
                return values.size();
            }

            public double analytic(int i) {
                return values.get(i)[0];
            }

            public double reference(int i) {
                return values.get(i)[1];
            }

            public double tolerance(int i) {
                return values.get(i)[2];
            }

            public double transposedAnalytic(int i) {
                return values.get(i)[3];
            }
        };
    }

    // --------------------------------------------------------------------------------- problems

    /** A check that ended before comparing, in the mode it was running. */
    public static Finding ended(Problem problem, Mode mode) {
        return new Finding(problem.status(), Why.ENDED, problem.origin(), problem.mistake(), Double.NaN, mode, null,
                null, null, 0, 0, Double.NaN, Double.NaN, 0, new Finding.Ended(problem));
    }

    // --------------------------------------------------------------------------------- merging

    /**
     * Findings against the references of one run, in reference order ({@link Against}); the
     * first that fails decides.
     */
    public static Verdict references(List<Finding> findings, long evaluations) {
        if (findings.size() == 1) {
            return new Verdict.Single(findings.get(0), evaluations);
        }
        return new Verdict.References(findings, firstFailing(findings), evaluations);
    }

    /** A check of first derivatives and of second derivatives beside gradients: the first that fails decides. */
    public static Verdict orders(List<Verdict.Orders.Part> parts) {
        if (parts.size() == 1) {
            return parts.get(0).verdict();
        }
        List<Finding> decisive = new ArrayList<>();
        parts.forEach(p -> decisive.add(p.verdict().decisive()));
        return new Verdict.Orders(parts, firstFailing(decisive));
    }

    /**
     * FULL mode's verdict after FAST mode failed: it stands unless it could not see what the probes
     * see where f is noisy (they add up many coordinates' worth of change): when it passed with a
     * weak resolution, or could not judge.
     */
    public static Verdict afterFast(Verdict fast, Verdict full) {
        Finding f = full.decisive();
        boolean weak = f.passed() && f.resolution() > WEAK_RESOLUTION;
        return new Verdict.FastThenFull(fast, full, !weak && f.why() != Why.UNRESOLVED);
    }

    /** Whether a passing finding rests on a reference that resolves the derivative only weakly. */
    public static boolean weak(Finding f) {
        return f.passed() && f.resolution() > WEAK_RESOLUTION;
    }

    private static int firstFailing(List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            if (!findings.get(i).passed()) {
                return i;
            }
        }
        return 0;
    }

    private static Mended find(List<Mended> mended, String input) {
        for (Mended m : mended) {
            if (m.input().equals(input)) {
                return m;
            }
        }
        return null;
    }

    private static double max(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}
