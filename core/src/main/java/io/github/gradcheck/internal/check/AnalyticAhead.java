package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.verdict.ProbeKind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * FAST mode's directions in order, each with the user's side of its probe (J·vec(V)), computed
 * one direction ahead on another core while the user's function is evaluated along the current
 * one, when that is safe and worth it: the derivative is the toolkit's own arithmetic on values
 * fixed at the point (a Kronecker form of copied factors, a Jacobian matrix), F is large, and the
 * machine has a second core. For F(X) = AXB on 500×500 that hides the five applications of the
 * Kronecker form (each about two thirds of an evaluation of F) behind F's evaluations.
 *
 * <p>Nothing else changes: the directions are drawn in the same order from the same seed, the
 * values are computed by the same code, and the check's course does not depend on timing (a
 * value computed ahead is always awaited at the same step, after F's evaluations along its
 * direction; a value that is not finite is reported there, a few evaluations later than it
 * would be on the calling thread). The user's code is never called from another thread.
 */
final class AnalyticAhead {

    /** F's entries from which computing ahead is worth a hop between threads. */
    static final int MIN_OUTPUTS = 10_000;

    private final Directions directions;
    private final boolean ahead;
    private final int to;
    /** Directions drawn so far, and returned by {@link #next} so far (counting from {@code from}). */
    private int drawn;
    private int returned;
    /** The direction {@link #next} returned last, and the one drawn ahead of it (or null). */
    private Pending current;
    private Pending queued;

    /** A drawn direction and its analytic side, under way (null when computed on demand). */
    private record Pending(Directions.Direction direction, CompletableFuture<double[]> analytic) {
    }

    /**
     * The directions {@code from} to {@code to} (exclusive) still to draw.
     *
     * @param overlapped whether the user's function will be evaluated along each direction (the
     *     work to hide the derivative behind)
     */
    AnalyticAhead(Directions directions, List<Analytic> analytics, ProbeKind kind, int outputs, int from, int to,
                  boolean overlapped) {
        this.directions = directions;
        this.drawn = from;
        this.returned = from;
        this.to = to;
        this.ahead = overlapped && kind == ProbeKind.VECTOR && outputs >= MIN_OUTPUTS
                && Runtime.getRuntime().availableProcessors() > 1
                && analytics.stream().allMatch(Analytic::alongSelfContained);
    }

    /** Whether another direction remains. */
    boolean hasNext() {
        return returned < to;
    }

    /**
     * The next direction; its analytic side comes from {@link #analytic}. When computing ahead,
     * the direction after it is drawn now and its analytic side started.
     */
    Directions.Direction next() {
        returned++;
        if (!ahead) {
            drawn++;
            current = new Pending(directions.draw(), null);
            return current.direction();
        }
        current = queued != null ? queued : start();
        queued = drawn < to ? start() : null;
        return current.direction();
    }

    private Pending start() {
        drawn++;
        Directions.Direction d = directions.draw();
        return new Pending(d, CompletableFuture.supplyAsync(() -> directions.analytic(d)));
    }

    /**
     * The analytic side of the direction {@link #next} returned last: computed now when it is not
     * computed ahead (call this at the point, before F is evaluated along the direction: the
     * user's derivative may read X), else awaited when asked for, so that F's evaluations along
     * the direction may come first.
     */
    Supplier<double[]> analytic() {
        if (current.analytic() == null) {
            double[] value = directions.analytic(current.direction());
            return () -> value;
        }
        CompletableFuture<double[]> underWay = current.analytic();
        return () -> join(underWay);
    }

    private static double[] join(CompletableFuture<double[]> underWay) {
        try {
            return underWay.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
