package io.github.gradcheck.samples;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Mode;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The benchmark's figures for the checks of array code (run by {@link Benchmark}): the 5×4 check
 * of item 1 written over a {@code double[]} of 20 entries, against the same check over a matrix;
 * and a model check of a two-layer perceptron with about 10⁴ parameters held in {@code double[]}
 * fields, in FAST mode, in units of one evaluation of its loss.
 */
final class ArrayBenchmark {

    /** The seeds both forms of item 6 cycle through. */
    private static final int SEEDS = 16;

    private ArrayBenchmark() {
    }

    static void run(PrintStream out) {
        vectorAgainstMatrix(out);
        model(out);
    }

    /** f(x) = ‖XA‖² with x = vec of X 5×4 row by row, as a vector check and as a matrix check. */
    private static void vectorAgainstMatrix(PrintStream out) {
        Random random = new Random(1);
        double[][] a = new double[4][3];
        for (double[] row : a) {
            for (int j = 0; j < 3; j++) {
                row[j] = 2 * random.nextDouble() - 1;
            }
        }
        DMatrixRMaj am = new DMatrixRMaj(a);
        double[] x0 = new double[20];
        for (int i = 0; i < 20; i++) {
            x0[i] = 2 * random.nextDouble() - 1;
        }
        // each check draws its calibration direction from its seed, and a vector's coordinates are
        // in another order than the 5×4 matrix's: one seed compares two different draws, so both
        // forms cycle through the same SEEDS seeds
        long[] vectorSeed = {0};
        long[] matrixSeed = {0};
        Supplier<CheckResult> vector = () -> GradCheck.vector(x -> squaredNorm(x, a)).gradient(x -> gradient(x, a))
                .seed(vectorSeed[0]++ % SEEDS).at(x0).check();
        DMatrixRMaj x0m = new DMatrixRMaj(5, 4, true, x0);
        Supplier<CheckResult> matrix = () -> GradCheck.scalar(x -> squaredNorm(x.data, a))
                .gradient(x -> new DMatrixRMaj(5, 4, true, gradient(x.data, a))).seed(matrixSeed[0]++ % SEEDS)
                .at(x0m).check();
        Benchmark.median(vector, 20000, 1);
        Benchmark.median(matrix, 20000, 1);
        int rounds = 7;
        double[] ratios = new double[rounds];
        double[] vectors = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            vectors[i] = Benchmark.median(vector, 512, 2048);
            ratios[i] = vectors[i] / Benchmark.median(matrix, 512, 2048);
        }
        double vectorEvaluations = 0;
        double matrixEvaluations = 0;
        for (int i = 0; i < SEEDS; i++) {
            vectorEvaluations += vector.get().evaluations() / (double) SEEDS;
            matrixEvaluations += matrix.get().evaluations() / (double) SEEDS;
        }
        out.printf(Locale.ROOT, "%n6. The check of item 1 as a vector check over double[20]: %s, %.1f evaluations on "
                + "average over %d seeds (the matrix form: %.1f)%n", vector.get().status(), vectorEvaluations, SEEDS,
                matrixEvaluations);
        out.printf(Locale.ROOT, "   median %.1f µs; vector / matrix = %.2f (rounds %.2f to %.2f; target ≤ 1)%n",
                Benchmark.median(vectors) / 1e3, Benchmark.median(ratios), Benchmark.min(ratios), Benchmark.max(ratios));
    }

    private static double squaredNorm(double[] x, double[][] a) {
        double s = 0;
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int k = 0; k < 4; k++) {
                    v += x[r * 4 + k] * a[k][c];
                }
                s += v * v;
            }
        }
        return s;
    }

    /** ∇ = 2 X A Aᵀ, row by row. */
    private static double[] gradient(double[] x, double[][] a) {
        double[] g = new double[20];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int k = 0; k < 4; k++) {
                    v += x[r * 4 + k] * a[k][c];
                }
                for (int k = 0; k < 4; k++) {
                    g[r * 4 + k] += 2 * v * a[k][c];
                }
            }
        }
        return g;
    }

    /** A model check of a 2-layer perceptron with 10,066 parameters, FAST, against its loss's time. */
    private static void model(PrintStream out) {
        Perceptron net = new Perceptron(32, 50, 150, 16, new Random(4));
        Supplier<CheckResult> check = () -> GradCheck.model(net::loss)
                .parameter("W1", net.w1, 50, 150).parameter("b1", net.b1)
                .parameter("W2", net.w2, 150, 16).parameter("b2", net.b2)
                .gradients(() -> {
                    net.backward();
                    return Map.of("W1", net.dW1, "b1", net.db1, "W2", net.dW2, "b2", net.db2);
                })
                .mode(Mode.FAST).check();
        CheckResult r = check.get();
        Benchmark.median(check, 5, 1);
        int rounds = 5;
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double loss = Benchmark.median(net::loss, 50, 5);
            ratios[i] = Benchmark.median(check, 5, 1) / loss;
        }
        int parameters = net.w1.length + net.b1.length + net.w2.length + net.b2.length;
        out.printf(Locale.ROOT, "%n7. Model check, a 2-layer perceptron with %d parameters in double[] fields, FAST: %s, "
                + "%d evaluations of the loss%n", parameters, r.status(), r.evaluations());
        out.printf(Locale.ROOT, "   check = %.1f evaluations' time (rounds %.1f to %.1f; two backward calls "
                + "included)%n", Benchmark.median(ratios), Benchmark.min(ratios), Benchmark.max(ratios));
    }

    /**
     * H = tanh(X W₁ + 1b₁), Z = H W₂ + 1b₂, L = ‖Z − T‖²/2n, its parameters in double[] fields
     * (row-major) and its gradients written into buffers it owns, as Java ML code keeps them.
     */
    private static final class Perceptron {
        final int n;
        final int d;
        final int h;
        final int k;
        final double[] x;
        final double[] t;
        final double[] w1;
        final double[] b1;
        final double[] w2;
        final double[] b2;
        final double[] dW1;
        final double[] db1;
        final double[] dW2;
        final double[] db2;
        private final double[] hidden;
        private final double[] z;

        Perceptron(int n, int d, int h, int k, Random random) {
            this.n = n;
            this.d = d;
            this.h = h;
            this.k = k;
            x = gaussian(n * d, 1, random);
            t = gaussian(n * k, 1, random);
            w1 = gaussian(d * h, 1 / Math.sqrt(d), random);
            b1 = gaussian(h, 0.1, random);
            w2 = gaussian(h * k, 1 / Math.sqrt(h), random);
            b2 = gaussian(k, 0.1, random);
            dW1 = new double[w1.length];
            db1 = new double[b1.length];
            dW2 = new double[w2.length];
            db2 = new double[b2.length];
            hidden = new double[n * h];
            z = new double[n * k];
        }

        private static double[] gaussian(int size, double scale, Random random) {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = scale * random.nextGaussian();
            }
            return v;
        }

        private void forward() {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < h; j++) {
                    double s = b1[j];
                    for (int i = 0; i < d; i++) {
                        s += x[r * d + i] * w1[i * h + j];
                    }
                    hidden[r * h + j] = Math.tanh(s);
                }
                for (int c = 0; c < k; c++) {
                    double s = b2[c];
                    for (int j = 0; j < h; j++) {
                        s += hidden[r * h + j] * w2[j * k + c];
                    }
                    z[r * k + c] = s;
                }
            }
        }

        double loss() {
            forward();
            double l = 0;
            for (int i = 0; i < z.length; i++) {
                double e = z[i] - t[i];
                l += e * e;
            }
            return l / (2 * n);
        }

        void backward() {
            forward();
            Arrays.fill(dW1, 0);
            Arrays.fill(db1, 0);
            Arrays.fill(dW2, 0);
            Arrays.fill(db2, 0);
            double[] dh = new double[h];
            for (int r = 0; r < n; r++) {
                Arrays.fill(dh, 0);
                for (int c = 0; c < k; c++) {
                    double dz = (z[r * k + c] - t[r * k + c]) / n;
                    db2[c] += dz;
                    for (int j = 0; j < h; j++) {
                        dW2[j * k + c] += hidden[r * h + j] * dz;
                        dh[j] += w2[j * k + c] * dz;
                    }
                }
                for (int j = 0; j < h; j++) {
                    double a = hidden[r * h + j];
                    double ds = dh[j] * (1 - a * a);
                    db1[j] += ds;
                    for (int i = 0; i < d; i++) {
                        dW1[i * h + j] += x[r * d + i] * ds;
                    }
                }
            }
        }
    }
}
