package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mode;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Judge;
import io.github.gradcheck.internal.verdict.ProbeSet;
import io.github.gradcheck.internal.verdict.Problem;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One run of a check at one point, in the order a reader would expect: f at the point (finite?),
 * f again (deterministic?), the derivatives prepared at the point (shapes, values), the mode
 * chosen, then the comparisons of that mode ({@link FullMode} with its {@link Calibration}s, or
 * {@link FastMode}), judged by the {@link Judge}. A FAST failure on an input small enough for
 * FULL mode runs FULL for the entry-level report. The user's code misbehaving at any step ends
 * the run with its {@link Problem}.
 */
final class Session {

    /** Two evaluations at the same point may differ by this much relative to |f| (parallel sums). */
    static final double NONDETERMINISM = 1e-12;

    private final CheckSpec spec;
    private final Guard guard;
    private final Shapes shapes = new Shapes();
    /** Each input's perturbation basis, made once (for a large input it is not free). */
    private final Map<BasisKey, Coordinates> bases = new HashMap<>();

    private record BasisKey(String name, int max) {
    }

    private Session(CheckSpec spec, Inputs point) {
        this.spec = spec;
        this.guard = new Guard(spec, point);
    }

    /**
     * Runs the check of {@code spec}'s derivatives at {@code point}.
     *
     * @param point the inputs, already validated; not modified
     */
    static Verdict run(CheckSpec spec, Inputs point) {
        return new Session(spec, point).execute();
    }

    private Verdict execute() {
        Mode mode = mode();
        try {
            double[] f0 = evaluatePoint();
            List<Analytic> first = new ArrayList<>();
            for (Map.Entry<String, Derivative> e : spec.derivatives().entrySet()) {
                first.add(prepare(e.getKey(), e.getValue(), false, mode));
            }
            List<Analytic> second = new ArrayList<>();
            for (Map.Entry<String, Derivative> e : secondWithoutGradient().entrySet()) {
                second.add(prepare(e.getKey(), e.getValue(), true, mode));
            }
            return mode == Mode.FAST ? fast(f0, first, second) : full(f0, first, second);
        } catch (Abort abort) {
            return new Verdict.Single(Judge.ended(abort.problem, mode), guard.evaluations());
        }
    }

    /** FULL mode: every coordinate, against each reference; one finding per reference. */
    private Verdict full(double[] f0, List<Analytic> first, List<Analytic> second) {
        List<Comparison> comparisons = new ArrayList<>();
        if (spec.reference().exact() != null && !first.isEmpty()) {
            Map<String, Operator> exact = ExactReference.jacobians(spec, guard, f0, first);
            for (Analytic a : first) {
                comparisons.add(FullMode.compareExact(a, exact.get(a.input), spec.options()));
            }
        }
        boolean numeric = spec.reference().numeric() && !first.isEmpty();
        if (numeric || !second.isEmpty()) {
            List<Analytic> all = new ArrayList<>(first);
            all.addAll(second);
            Lazy<Calibration> calibration = Lazy.of(() -> Calibration.measure(guard, spec, f0, all));
            Calibration.Prior prior = numeric ? Calibration.prior(guard, spec, f0, first) : null;
            FullMode full = new FullMode(guard, spec.options(), f0, prior, calibration, spec.functionName(),
                    spec.isScalar());
            if (numeric) {
                for (Analytic a : first) {
                    comparisons.add(full.compareNumeric(a));
                }
            }
            for (Analytic a : second) {
                comparisons.add(SecondOrder.compare(guard, spec.options(), f0, calibration.get(), a));
            }
        }
        Map<Against, List<Comparison>> groups = new EnumMap<>(Against.class);
        for (Comparison c : comparisons) {
            groups.computeIfAbsent(c.against, a -> new ArrayList<>()).add(c);
        }
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(group -> findings.add(Judge.full(group, shapes.mended())));
        return Judge.references(findings, guard.evaluations());
    }

    /**
     * FAST mode: random directional probes. When they fail on a check small enough for FULL mode,
     * FULL runs for the entry-level report and the mistake.
     */
    private Verdict fast(double[] f0, List<Analytic> first, List<Analytic> second) {
        List<ProbeSet> sets = new ArrayList<>();
        if (!first.isEmpty()) {
            Map<String, Operator> exact = spec.reference().exact() != null
                    ? ExactReference.jacobians(spec, guard, f0, first) : null;
            sets.addAll(new FastMode(guard, spec, f0, first).execute(exact, spec.reference().numeric()));
        }
        for (Analytic a : second) {
            sets.addAll(new FastMode(guard, spec, f0, List.of(a)).execute(null, true));
        }
        int coordinates = coordinates();
        boolean auto = spec.options().mode() == Mode.AUTO;
        Map<Against, Finding> byReference = new EnumMap<>(Against.class);
        for (ProbeSet set : sets) {
            Finding f = Judge.fast(set, shapes.mended(), auto, coordinates);
            byReference.merge(set.against(), f, (a, b) -> a.passed() ? b : a);
        }
        Verdict verdict = Judge.references(new ArrayList<>(byReference.values()), guard.evaluations());
        if (verdict.decisive().passed() || coordinates > Mode.AUTO_LIMIT) {
            return verdict;
        }
        Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
        for (String name : guard.names()) {
            point.put(name, guard.pristine(name));
        }
        Verdict full = run(spec.withOptions(spec.options().withMode(Mode.FULL)), Inputs.of(point));
        return Judge.afterFast(verdict, full);
    }

    /** The mode this run takes: AUTO chooses by the size of the check. */
    private Mode mode() {
        Mode mode = spec.options().mode();
        if (mode != Mode.AUTO) {
            return mode;
        }
        return coordinates() <= Mode.AUTO_LIMIT ? Mode.FULL : Mode.FAST;
    }

    /**
     * The size of a FULL check, in coordinates: every free coordinate of a first derivative, and
     * every pair of coordinates of a Hessian checked by second differences.
     */
    private int coordinates() {
        long free = 0;
        for (String name : spec.derivatives().keySet()) {
            free += coordinates(name, Mode.FULL).size();
        }
        for (String name : secondWithoutGradient().keySet()) {
            long n = coordinates(name, Mode.FULL).size();
            free += n * (n + 1) / 2;
        }
        return (int) Math.min(Integer.MAX_VALUE, free);
    }

    /** The Hessians and hvps of a scalar f given without a gradient: checked by second differences. */
    private Map<String, Derivative> secondWithoutGradient() {
        Map<String, Derivative> second = new LinkedHashMap<>();
        if (spec.isScalar()) {
            spec.secondOrder().forEach((name, d) -> {
                if (!(spec.derivatives().get(name) instanceof Derivative.Gradient)) {
                    second.put(name, d);
                }
            });
        }
        return second;
    }

    private Analytic prepare(String name, Derivative d, boolean ofScalar, Mode mode) {
        return Analytic.prepare(shapes, spec.functionName(), guard, name, d, coordinates(name, mode),
                spec.derivativeName(name, d), ofScalar);
    }

    /**
     * The perturbation basis of an input, from its declared structure; in FULL mode, the evenly
     * spread subset asked for, if any. Made once (for a large input it is not free).
     */
    private Coordinates coordinates(String name, Mode mode) {
        int max = mode == Mode.FAST ? Integer.MAX_VALUE : spec.options().subset(name);
        return bases.computeIfAbsent(new BasisKey(name, max), key -> {
            DMatrixRMaj x = guard.pristine(name);
            return Basis.of(spec.options().structure(name), x.numRows, x.numCols, max);
        });
    }

    /** f at the point, twice: it must be finite and deterministic. */
    private double[] evaluatePoint() {
        double[] f0 = guard.evaluateNew();
        String f = spec.functionName();
        int rows = spec.isScalar() ? 0 : guard.outputRows();
        double max = 0;
        for (int i = 0; i < f0.length; i++) {
            if (!Double.isFinite(f0[i])) {
                throw new Abort(new Problem.NotFinite(f, f0[i], i, rows));
            }
            max = Math.max(max, Math.abs(f0[i]));
        }
        double[] again = guard.evaluateNew();
        if (Arrays.equals(f0, again)) {
            return f0; // the same doubles (a vectorized comparison: F may have a million entries)
        }
        double allowed = NONDETERMINISM * max;
        for (int i = 0; i < f0.length; i++) {
            if (!(Math.abs(again[i] - f0[i]) <= allowed)) {
                throw new Abort(new Problem.Nondeterministic(f, f0[i], again[i], allowed, i, rows));
            }
        }
        return f0;
    }
}
