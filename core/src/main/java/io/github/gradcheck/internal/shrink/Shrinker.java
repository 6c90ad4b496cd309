package io.github.gradcheck.internal.shrink;

import io.github.gradcheck.internal.generate.DimRange;
import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.InputSpec;
import io.github.gradcheck.internal.generate.StructureRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ejml.data.DMatrixRMaj;

/**
 * Shrinks a failing case to a smaller, simpler one that still fails the same way.
 *
 * <p>Passes repeat until one changes nothing: first the dimensions, each toward its lower bound
 * (to the bound, to halfway, then one row or column less, trying each index), removing the same
 * rows and columns from every input that uses the dimension and keeping each input's structure;
 * then the values, input by input and entry by entry, toward 0, ±1, small integers, each strictly
 * simpler than the last (so shrinking cannot cycle). A candidate is
 * kept only when the predicate says it still fails the same way. Shrinking is deterministic; it
 * stops early only at the time limit, which the outcome reports.
 */
public final class Shrinker {

    /** A case: the dimensions and the inputs. */
    public record Case(Map<String, Integer> dims, Map<String, DMatrixRMaj> inputs) {
        public Case {
            dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
            inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }
    }

    /**
     * @param shrunk the smallest failing case found
     * @param steps the candidates accepted
     * @param tried the candidates checked
     * @param timedOut whether the time limit stopped shrinking
     */
    public record Outcome(Case shrunk, int steps, int tried, boolean timedOut) {
    }

    private final DomainSpec domain;
    private final Predicate<Case> stillFails;
    private final long deadline;
    private Case current;
    private int steps;
    private int tried;
    private boolean timedOut;

    private Shrinker(DomainSpec domain, Case failing, Predicate<Case> stillFails, Duration budget) {
        this.domain = domain;
        this.current = failing;
        this.stillFails = stillFails;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /**
     * Shrinks {@code failing}.
     *
     * @param stillFails whether a candidate fails the same way as the original
     * @param budget the time limit
     */
    public static Outcome shrink(DomainSpec domain, Case failing, Predicate<Case> stillFails, Duration budget) {
        Shrinker shrinker = new Shrinker(domain, failing, stillFails, budget);
        shrinker.run();
        return new Outcome(shrinker.current, shrinker.steps, shrinker.tried, shrinker.timedOut);
    }

    private void run() {
        boolean changed = true;
        while (changed && !outOfTime()) {
            changed = shrinkDims();
            changed |= shrinkValues();
        }
    }

    private boolean outOfTime() {
        if (System.nanoTime() - deadline > 0) {
            timedOut = true;
        }
        return timedOut;
    }

    private boolean accept(Case candidate) {
        if (outOfTime()) {
            return false;
        }
        tried++;
        if (stillFails.test(candidate)) {
            current = candidate;
            steps++;
            return true;
        }
        return false;
    }

    private boolean shrinkDims() {
        boolean any = false;
        for (DimRange range : domain.dims()) {
            boolean changed = true;
            while (changed && !outOfTime()) {
                changed = false;
                for (int[] keep : keepLists(range, current.dims().get(range.name()))) {
                    Case candidate = restrict(range.name(), keep);
                    if (candidate != null && accept(candidate)) {
                        changed = true;
                        any = true;
                        break;
                    }
                }
            }
        }
        return any;
    }

    /** Index lists to keep: down to the lower bound, to halfway, then all but one (last index first). */
    private static List<int[]> keepLists(DimRange range, int size) {
        List<int[]> out = new ArrayList<>();
        if (size <= range.lo()) {
            return out;
        }
        addNew(out, firstIndices(range.lo()));
        addNew(out, firstIndices((range.lo() + size) / 2));
        if (size - 1 > range.lo()) {
            for (int drop = size - 1; drop >= 0; drop--) {
                int[] keep = new int[size - 1];
                for (int i = 0, j = 0; i < size; i++) {
                    if (i != drop) {
                        keep[j++] = i;
                    }
                }
                addNew(out, keep);
            }
        }
        return out;
    }

    private static void addNew(List<int[]> lists, int[] keep) {
        for (int[] existing : lists) {
            if (Arrays.equals(existing, keep)) {
                return;
            }
        }
        lists.add(keep);
    }

    private static int[] firstIndices(int n) {
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            keep[i] = i;
        }
        return keep;
    }

    /** The current case with dimension {@code dim} cut to the kept indices in every input, or null. */
    private Case restrict(String dim, int[] keep) {
        Map<String, Integer> dims = new LinkedHashMap<>(current.dims());
        dims.put(dim, keep.length);
        Map<String, DMatrixRMaj> inputs = new LinkedHashMap<>();
        for (InputSpec spec : domain.inputs()) {
            DMatrixRMaj m = current.inputs().get(spec.name());
            if (!spec.rowsUse(dim) && !spec.colsUse(dim)) {
                inputs.put(spec.name(), m);
                continue;
            }
            int[] rows = spec.rowsUse(dim) ? keep : firstIndices(m.numRows);
            int[] cols = spec.colsUse(dim) ? keep : firstIndices(m.numCols);
            DMatrixRMaj sub = StructureRules.restrict(spec.structure(), m, rows, cols);
            if (sub == null || !StructureRules.acceptable(spec.structure(), sub)) {
                return null;
            }
            inputs.put(spec.name(), sub);
        }
        return new Case(dims, inputs);
    }

    private boolean shrinkValues() {
        boolean any = false;
        for (InputSpec spec : domain.inputs()) {
            DMatrixRMaj m = current.inputs().get(spec.name());
            int slots = Simplifications.slots(spec.structure(), m.numRows, m.numCols);
            for (int slot = 0; slot < slots && !outOfTime(); slot++) {
                DMatrixRMaj now = current.inputs().get(spec.name());
                double complexity = Simplifications.complexity(spec.structure(), now);
                for (DMatrixRMaj candidate : Simplifications.candidates(spec.structure(), now, slot)) {
                    if (Simplifications.complexity(spec.structure(), candidate) >= complexity
                            || !StructureRules.acceptable(spec.structure(), candidate)) {
                        continue;
                    }
                    Map<String, DMatrixRMaj> inputs = new LinkedHashMap<>(current.inputs());
                    inputs.put(spec.name(), candidate);
                    if (accept(new Case(current.dims(), inputs))) {
                        any = true;
                        break;
                    }
                }
            }
        }
        return any;
    }
}
