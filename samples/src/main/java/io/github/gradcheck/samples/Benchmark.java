package io.github.gradcheck.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Mode;
import io.github.gradcheck.kron.Kron;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The performance figures of the README, measured in one run: {@code mvn -q -Pbench package}.
 * Times are medians of repeated runs after warm-up (wall clock, one thread); ratios divide times
 * measured in the same run, so they mean more than the absolute times on a shared machine.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("gradcheck benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
        smallGradient(out);
        overhead(out);
        fastMillion(out);
        kronecker(out);
        gradientTest(out);
    }

    /** A scalar gradient check on 5×4 / 4×3 matrices: f(X) = ‖XA‖², ∇f = 2XAAᵀ. */
    private static void smallGradient(PrintStream out) {
        Random random = new Random(1);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(4, 3, -1, 1, random);
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(5, 4, -1, 1, random);
        DMatrixRMaj aat = Mat.mult(a, Mat.transpose(a));
        Supplier<CheckResult> check = () -> GradCheck.scalar(x -> squaredNorm(Mat.mult(x, a)))
                .gradient(x -> Mat.scale(2, Mat.mult(x, aat))).at(x0).check();
        double median = median(check, 20000, 5000); // C2 has compiled the check's loops by then
        CheckResult r = check.get();
        out.printf(Locale.ROOT, "%n1. Scalar gradient check, X 5×4, A 4×3, f(X) = ‖XA‖²: %s, %d evaluations%n",
                r.status(), r.evaluations());
        out.printf(Locale.ROOT, "   median time per check: %.1f µs (target ≤ 50 µs)%n", median / 1e3);
    }

    /** Check time / (evaluations × time of one evaluation), for an f of a few microseconds. */
    private static void overhead(PrintStream out) {
        Random random = new Random(2);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(12, 12, -1, 1, random);
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(12, 12, -1, 1, random);
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            DMatrixRMaj y = Mat.mult(x, a);
            double s = 0;
            for (int i = 0; i < y.getNumElements(); i++) {
                s += Math.sin(y.data[i]);
            }
            return s;
        };
        UnaryOperator<DMatrixRMaj> g = x -> {
            DMatrixRMaj y = Mat.mult(x, a);
            return Mat.mult(Mat.map(y, Math::cos), Mat.transpose(a));
        };
        Supplier<CheckResult> check = () -> GradCheck.scalar(f).gradient(g).at(x0).check();
        CheckResult r = check.get();
        median(check, 300, 1); // compiled before the rounds start
        // rounds of an evaluation's median and the check's median, each ratio from one round: the
        // machine's speed drifts between rounds, hardly within one
        int rounds = 7;
        double[] evaluations = new double[rounds];
        double[] times = new double[rounds];
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            evaluations[i] = median(() -> f.applyAsDouble(x0), 2000, 5000);
            times[i] = median(check, 5, 31);
            ratios[i] = times[i] / (r.evaluations() * evaluations[i]);
        }
        out.printf(Locale.ROOT, "%n2. Overhead, X 12×12, f(X) = Σ sin(XA) (%.2f µs an evaluation): %s, %d evaluations%n",
                median(evaluations) / 1e3, r.status(), r.evaluations());
        out.printf(Locale.ROOT, "   check %.1f µs; ratio check / (evaluations × evaluation) = %.2f (target ≤ 1.3)%n",
                median(times) / 1e3, median(ratios));
    }

    /** FAST on a 1000×1000 input. */
    private static void fastMillion(PrintStream out) {
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(1000, 1000, -1, 1, new Random(3));
        ToDoubleFunction<DMatrixRMaj> f = x -> {
            double s = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                s += Math.log(Math.cosh(x.data[i]));
            }
            return s;
        };
        UnaryOperator<DMatrixRMaj> g = x -> Mat.map(x, Math::tanh);
        Stopwatch watch = new Stopwatch();
        ToDoubleFunction<DMatrixRMaj> timed = x -> watch.time(() -> f.applyAsDouble(x)); // boxed: 22 calls of 35 ms
        Supplier<CheckResult> check = () -> GradCheck.scalar(timed).gradient(g).mode(Mode.FAST).at(x0).check();
        Ratio ratio = ratio(check, watch, 2, 5);
        CheckResult r = check.get();
        out.printf(Locale.ROOT, "%n3. FAST, X 1000×1000 (10^6 entries), f(X) = Σ log cosh(X) (%.1f ms an evaluation): %s%n",
                ratio.evaluation() / 1e6, r.status());
        out.printf(Locale.ROOT, "   %d evaluations (target ≤ 50); check %.0f ms = %.1f evaluations' time (target ≤ 60)%n",
                r.evaluations(), ratio.check() / 1e6, ratio.value());
    }

    /** The Kronecker form of F(X) = A X B, 500×500 → 500×500, in FAST mode. */
    private static void kronecker(PrintStream out) {
        Random random = new Random(4);
        int n = 500;
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        DMatrixRMaj bt = Mat.transpose(b);
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        Stopwatch watch = new Stopwatch();
        UnaryOperator<DMatrixRMaj> map = x -> watch.time(() -> Mat.mult(a, x, b));
        Supplier<CheckResult> check = () -> GradCheck.matrix(map).kronecker(x -> Kron.of(bt, a)).at(x0).check();
        Ratio ratio = ratio(check, watch, 1, 5);
        CheckResult r = check.get();
        out.printf(Locale.ROOT, "%n4. Kronecker form, F(X) = AXB, 500×500 → 500×500 (%.0f ms an evaluation): %s, %s%n",
                ratio.evaluation() / 1e6, r.status(), r.facts().get("mode"));
        out.printf(Locale.ROOT, "   %d evaluations; check %.1f s = %.1f evaluations' time (target ≤ 20)%n",
                r.evaluations(), ratio.check() / 1e9, ratio.value());
    }

    /**
     * Times the calls of a function made inside a check: their mean is "one evaluation" measured
     * in the same conditions as the check itself (the same heap, caches and neighbours on a
     * shared machine), which a separate measurement of f is not.
     */
    private static final class Stopwatch {
        private long nanos;
        private long calls;

        <T> T time(Supplier<T> call) {
            long start = System.nanoTime();
            T value = call.get();
            nanos += System.nanoTime() - start;
            calls++;
            return value;
        }

        void reset() {
            nanos = 0;
            calls = 0;
        }

        double mean() {
            return (double) nanos / calls;
        }
    }

    /** A check's time, the mean evaluation inside it, and their ratio, each the median over runs. */
    private record Ratio(double check, double evaluation, double value) {
    }

    private static Ratio ratio(Supplier<CheckResult> check, Stopwatch watch, int warmUp, int runs) {
        for (int i = 0; i < warmUp; i++) {
            check.get();
        }
        double[] times = new double[runs];
        double[] evaluations = new double[runs];
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++) {
            watch.reset();
            long start = System.nanoTime();
            check.get();
            times[i] = System.nanoTime() - start;
            evaluations[i] = watch.mean();
            ratios[i] = times[i] / evaluations[i];
        }
        return new Ratio(median(times), median(evaluations), median(ratios));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A @GradientTest of 100 trials on a 6×8 softmax, end to end through JUnit. */
    private static void gradientTest(PrintStream out) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(className("io.github.gradcheck.samples.SoftmaxCrossEntropyTest")))
                // the property itself is measured, not the suite report written after each run
                .configurationParameter("gradcheck.report", "false").build();
        var launcher = LauncherFactory.create();
        Supplier<Long> run = () -> {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(request, summary);
            return summary.getSummary().getTestsSucceededCount();
        };
        double time = median(run, 3, 9);
        out.printf(Locale.ROOT, "%n5. @GradientTest(trials = 100), softmax cross-entropy on 6×8, through JUnit: %d passed%n",
                run.get());
        out.printf(Locale.ROOT, "   median time end to end: %.0f ms%n", time / 1e6);
    }

    private static Class<?> className(String name) {
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the benchmark's test class is not on the class path: run it with "
                    + "mvn -q -Pbench package", e);
        }
    }

    private static double squaredNorm(DMatrixRMaj m) {
        return Mat.dot(m, m);
    }

    /** The median wall-clock time of {@code task}, in nanoseconds, after {@code warmUp} runs. */
    private static double median(Supplier<?> task, int warmUp, int runs) {
        Object sink = null;
        for (int i = 0; i < warmUp; i++) {
            sink = task.get();
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink = task.get();
            times[i] = System.nanoTime() - start;
        }
        if (sink == null) {
            throw new IllegalStateException("nothing measured");
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
