package io.github.gradcheck.internal.check;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * FULL mode's columns on the common fork-join pool: each worker has its own copies of the inputs
 * (its own {@link Guard}), and what they did is taken in coordinate order, so the result, failures
 * and evaluation count included, is the sequential one.
 */
final class ParallelColumns {

    /** One column's work, on a worker: column k at place {@code slot} of the block. */
    interface Task {
        void run(ColumnWorker worker, int k, int slot);
    }

    private final Guard guard;
    private final Analytic analytic;
    private final int outputs;
    private final ConcurrentLinkedQueue<ColumnWorker> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param guard the check's own guard: workers fork it, and it counts their evaluations
     * @param analytic the derivative whose columns are estimated
     * @param outputs F's entries
     */
    ParallelColumns(Guard guard, Analytic analytic, int outputs) {
        this.guard = guard;
        this.analytic = analytic;
        this.outputs = outputs;
    }

    /**
     * Runs {@code task} on columns start..end−1 (only those flagged in {@code only}, when given),
     * in parallel; then counts their evaluations in coordinate order and throws the first column's
     * {@link Abort}, as a sequential run would have stopped there.
     */
    void run(int start, int end, boolean[] only, Task task) {
        int count = end - start;
        long[] evaluations = new long[count];
        Abort[] aborts = new Abort[count];
        Arrays.fill(aborts, null);
        IntStream.range(start, end).parallel().forEach(k -> {
            int slot = k - start;
            if (only != null && !only[slot]) {
                return;
            }
            ColumnWorker w = idle.poll();
            if (w == null) {
                w = worker();
            }
            ColumnWorker used = w;
            long before = used.guard.evaluations();
            try {
                task.run(used, k, slot);
            } catch (Abort abort) {
                aborts[slot] = abort;
                w = worker(); // the aborted one's inputs may be left anywhere
            } finally {
                evaluations[slot] = used.guard.evaluations() - before;
            }
            idle.add(w);
        });
        for (int slot = 0; slot < count; slot++) {
            guard.count(evaluations[slot]);
            if (aborts[slot] != null) {
                throw aborts[slot];
            }
        }
    }

    /** A worker: its own inputs, line, differences and derivative. */
    private ColumnWorker worker() {
        Guard own = guard.fork();
        return new ColumnWorker(own, analytic.forGuard(own), outputs);
    }
}
