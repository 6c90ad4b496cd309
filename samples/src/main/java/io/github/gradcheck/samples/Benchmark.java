package io.github.gradcheck.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Mode;
import io.github.gradcheck.PointCheck;
import io.github.gradcheck.kron.Kron;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Times are medians of repeated runs after warm-up (wall clock, one thread), each printed with the
 * range of the medians of several rounds; ratios divide times measured in the same run, so they
 * mean more than the absolute times on a shared machine. A large map's check is timed as a user
 * would time it: the wall time of {@code check()} in a fresh JVM with a 1 GiB heap, divided by the
 * fastest of three plain evaluations of F made just before it in that JVM (and, beside it, the
 * time of the whole statement {@code …at(X).check()}, which validates and copies X too).
 */
public final class Benchmark {

    /** The argument that makes this main time one Kronecker-form check in a fresh JVM and print it. */
    static final String KRONECKER_ONCE = "kronecker-once";
    /** Fresh JVMs the Kronecker-form check is timed in. */
    static final int FRESH_JVMS = 3;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(KRONECKER_ONCE)) {
            kroneckerOnce(System.out);
            return;
        }
        PrintStream out = System.out;
        out.println("gradcheck benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
        smallGradient(out);
        overhead(out);
        fastMillion(out);
        kronecker(out);
        gradientTest(out);
        ArrayBenchmark.run(out);
    }

    /** A scalar gradient check on 5×4 / 4×3 matrices: f(X) = ‖XA‖², ∇f = 2XAAᵀ. */
    private static void smallGradient(PrintStream out) {
        Random random = new Random(1);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(4, 3, -1, 1, random);
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(5, 4, -1, 1, random);
        DMatrixRMaj aat = Mat.mult(a, Mat.transpose(a));
        Supplier<CheckResult> check = () -> GradCheck.scalar(x -> squaredNorm(Mat.mult(x, a)))
                .gradient(x -> Mat.scale(2, Mat.mult(x, aat))).at(x0).check();
        median(check, 20000, 1); // C2 has compiled the check's loops by then
        int rounds = 7;
        double[] medians = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            medians[i] = median(check, 500, 3000);
        }
        CheckResult r = check.get();
        int entries = x0.getNumElements();
        out.printf(Locale.ROOT, "%n1. Scalar gradient check, X 5×4, A 4×3, f(X) = ‖XA‖²: %s, %d evaluations "
                + "(target ≤ 2·%d + 16 = %d)%n", r.status(), r.evaluations(), entries, 2 * entries + 16);
        out.printf(Locale.ROOT, "   median time per check: %.1f µs (rounds %.1f to %.1f µs; target ≤ 25 µs)%n",
                median(medians) / 1e3, min(medians) / 1e3, max(medians) / 1e3);
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
        out.printf(Locale.ROOT, "   check %.1f µs; ratio check / (evaluations × evaluation) = %.2f "
                + "(rounds %.2f to %.2f; target ≤ 1.1)%n", median(times) / 1e3, median(ratios), min(ratios), max(ratios));
    }

    /** FAST on a 1000×1000 input, timed end to end: check / the fastest of three plain evaluations. */
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
        Supplier<CheckResult> check = () -> GradCheck.scalar(f).gradient(g).mode(Mode.FAST).at(x0).check();
        check.get(); // warm-up
        int rounds = 3;
        double[] ratios = new double[rounds];
        double[] checks = new double[rounds];
        double[] evaluations = new double[rounds];
        CheckResult r = null;
        for (int i = 0; i < rounds; i++) {
            evaluations[i] = fastest(() -> f.applyAsDouble(x0), 3);
            long start = System.nanoTime();
            r = check.get();
            checks[i] = System.nanoTime() - start;
            ratios[i] = checks[i] / evaluations[i];
        }
        out.printf(Locale.ROOT, "%n3. FAST, X 1000×1000 (10^6 entries), f(X) = Σ log cosh(X) (%.1f ms an evaluation): %s%n",
                median(evaluations) / 1e6, r.status());
        out.printf(Locale.ROOT, "   %d evaluations (target ≤ 50); check %.0f ms = %.1f evaluations' time "
                + "(rounds %.1f to %.1f; target ≤ 60)%n", r.evaluations(), median(checks) / 1e6, median(ratios),
                min(ratios), max(ratios));
    }

    /**
     * The Kronecker form of F(X) = A X B, 500×500 → 500×500 (AUTO chooses FAST), timed as a user
     * would: in {@value #FRESH_JVMS} fresh JVMs with a 1 GiB heap, each timing one check after three
     * plain evaluations of F.
     */
    private static void kronecker(PrintStream out) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] ratios = new double[FRESH_JVMS];
        double[] statements = new double[FRESH_JVMS];
        double[] checks = new double[FRESH_JVMS];
        double[] evaluations = new double[FRESH_JVMS];
        String described = "";
        for (int i = 0; i < FRESH_JVMS; i++) {
            Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    Benchmark.class.getName(), KRONECKER_ONCE).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !output.startsWith("kronecker ")) {
                throw new IllegalStateException("the fresh JVM's Kronecker-form check failed:\n" + output);
            }
            String[] fields = output.trim().split(" ");
            checks[i] = Double.parseDouble(fields[1]);
            double statement = Double.parseDouble(fields[2]);
            evaluations[i] = Double.parseDouble(fields[3]);
            ratios[i] = checks[i] / evaluations[i];
            statements[i] = statement / evaluations[i];
            described = fields[4] + ", " + fields[5] + ", " + fields[6] + " evaluations";
        }
        out.printf(Locale.ROOT, "%n4. Kronecker form, F(X) = AXB, 500×500 → 500×500 (%.0f ms an evaluation): %s%n",
                median(evaluations) / 1e6, described);
        out.printf(Locale.ROOT, "   end to end in a fresh JVM (1 GiB heap): check() %.2f s = %.1f evaluations' time "
                + "(%d JVMs: %.1f to %.1f; target ≤ 20);%n   with at(X) too, as one statement: %.1f (%.1f to %.1f)%n",
                median(checks) / 1e9, median(ratios), FRESH_JVMS, min(ratios), max(ratios), median(statements),
                min(statements), max(statements));
    }

    /**
     * One Kronecker-form check in this (fresh) JVM: three plain evaluations of F, then the check.
     * Prints "kronecker", the nanoseconds of {@code check()}, of the whole statement (the check
     * configured with {@code at(X)} and run), the fastest evaluation's, the status, the mode and
     * the evaluations.
     */
    private static void kroneckerOnce(PrintStream out) {
        Random random = new Random(4);
        int n = 500;
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        DMatrixRMaj bt = Mat.transpose(b);
        DMatrixRMaj x0 = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
        UnaryOperator<DMatrixRMaj> map = x -> Mat.mult(a, x, b);
        double evaluation = fastest(() -> map.apply(x0), 3);
        long start = System.nanoTime();
        PointCheck configured = GradCheck.matrix(map).kronecker(x -> Kron.of(bt, a)).at(x0);
        long checkStart = System.nanoTime();
        CheckResult r = configured.check();
        long end = System.nanoTime();
        out.printf(Locale.ROOT, "kronecker %d %d %.0f %s %s %d%n", end - checkStart, end - start, evaluation, r.status(),
                r.mode(), r.evaluations());
    }

    /** The fastest of {@code runs} calls of {@code task}, in nanoseconds. */
    private static double fastest(Supplier<?> task, int runs) {
        long best = Long.MAX_VALUE;
        Object sink = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink = task.get();
            best = Math.min(best, System.nanoTime() - start);
        }
        if (sink == null) {
            throw new IllegalStateException("nothing measured");
        }
        return best;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
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
    static double median(Supplier<?> task, int warmUp, int runs) {
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
