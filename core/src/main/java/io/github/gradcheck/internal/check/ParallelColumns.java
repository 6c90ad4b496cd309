package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.CentralDifference;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.verdict.Comparison;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * FULL mode's columns on the common fork-join pool, a chunk of coordinates at a time: each worker
 * has its own copies of the inputs (its own {@link Guard}), and the columns are compared in
 * coordinate order, so the result, failures and evaluation count included, is the sequential one.
 */
final class ParallelColumns {

    private final FullMode full;
    private final Guard guard;
    private final Analytic analytic;
    private final int outputs;

    ParallelColumns(FullMode full, Guard guard, Analytic analytic, int outputs) {
        this.full = full;
        this.guard = guard;
        this.analytic = analytic;
        this.outputs = outputs;
    }

    void compare(Comparison comparison) {
        int m = outputs;
        int n = analytic.coordinates.size();
        int chunk = (int) Math.max(1, Math.min(Math.min(n, 4L * ForkJoinPool.getCommonPoolParallelism()),
                FullMode.WORK_BUDGET / (8L * m)));
        ColumnEstimate[] estimates = new ColumnEstimate[chunk];
        double[][] columns = new double[chunk][m];
        long[] evaluations = new long[chunk];
        Abort[] aborts = new Abort[chunk];
        for (int c = 0; c < chunk; c++) {
            estimates[c] = new ColumnEstimate(m);
        }
        ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
        for (int start = 0; start < n; start += chunk) {
            int first = start;
            int end = Math.min(n, start + chunk);
            Arrays.fill(aborts, null);
            IntStream.range(start, end).parallel().forEach(k -> {
                Worker w = idle.poll();
                if (w == null) {
                    w = new Worker();
                }
                int slot = k - first;
                long before = w.guard.evaluations();
                try {
                    w.analytic.column(k, columns[slot]);
                    full.estimateColumn(w.line, k, w.differences, columns[slot], analytic.isGradient(), w.hint,
                            estimates[slot]);
                } catch (Abort abort) {
                    aborts[slot] = abort;
                    w = new Worker(); // its inputs may be left anywhere
                } finally {
                    evaluations[slot] = w.guard.evaluations() - before;
                }
                idle.add(w);
            });
            for (int k = start; k < end; k++) {
                int slot = k - start;
                guard.count(Math.max(0, evaluations[slot]));
                if (aborts[slot] != null) {
                    throw aborts[slot];
                }
                for (int i = 0; i < m; i++) {
                    comparison.add(i, k, columns[slot][i], estimates[slot], i);
                }
            }
        }
    }

    /** A worker: its own inputs, line, differences and derivative. */
    private final class Worker {
        final Guard guard;
        final CoordinateLine line;
        final CentralDifference differences;
        final Analytic analytic;
        final double[] hint;

        Worker() {
            this.guard = ParallelColumns.this.guard.fork();
            this.line = new CoordinateLine(guard, ParallelColumns.this.analytic.input,
                    ParallelColumns.this.analytic.coordinates);
            this.differences = new CentralDifference(outputs);
            this.analytic = ParallelColumns.this.analytic.forGuard(guard);
            this.hint = new double[outputs];
        }
    }
}
