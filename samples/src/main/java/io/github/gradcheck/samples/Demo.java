package io.github.gradcheck.samples;

import static io.github.gradcheck.samples.Mat.dot;
import static io.github.gradcheck.samples.Mat.inverse;
import static io.github.gradcheck.samples.Mat.minus;
import static io.github.gradcheck.samples.Mat.mult;
import static io.github.gradcheck.samples.Mat.plus;
import static io.github.gradcheck.samples.Mat.transpose;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.PipelineCheck;
import io.github.gradcheck.Stage;
import io.github.gradcheck.Structure;
import io.github.gradcheck.TrialsResult;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.kron.Kron;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The demo, the README's first command: a tour of gradcheck. It checks the examples of the notes
 * (MATH.md), a two-layer network's backpropagation, and each classic mistake (the wrong twins,
 * run as the JUnit tests they are), printing each report; then it writes an HTML page with the
 * heatmaps ({@code samples/target/gradcheck-demo/index.html}, drawn by the renderer of gradcheck's
 * suite report) and prints its path.
 */
public final class Demo {

    /** The system property naming the folder of the HTML page (the pom sets it to samples/target/gradcheck-demo). */
    static final String DIRECTORY = "gradcheck.demo.dir";

    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {
            {1.0, 2.0, -1.0},
            {0.5, -1.5, 2.0},
            {-2.0, 0.3, 1.2},
            {1.1, 0.7, -0.4}});
    private static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{1.0}, {-2.0}, {0.5}, {3.0}});

    private Demo() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        Path directory = Path.of(System.getProperty(DIRECTORY, "target/gradcheck-demo"));
        out.println("gradcheck demo: hand-written derivatives, checked and explained");
        Tour tour = new Tour(out);
        notes(tour);
        network(tour);
        tour.part("3. The classic mistakes",
                "Each wrong twin is a @GradientTest that fails on purpose (tagged wrong-twin, left out of mvn verify). "
                        + "Run here through JUnit as a build would run it: random shapes until it fails, then the "
                        + "failing case shrunk to the smallest, simplest one, and the mistake named.");
        WrongTwins.run(tour, directory.resolve("junit"));
        stages(tour);

        String lead = "Hand-written derivatives checked against careful finite differences: the examples of the "
                + "notes, a two-layer network's backpropagation, each classic mistake found and named, and a wrong "
                + "stage found in a chain of right ones. "
                + tour.asExpected() + " of " + tour.size() + " checks came out as expected.";
        Path page = tour.page("gradcheck demo", lead).write(directory.resolve("index.html"));
        out.println();
        out.println("━".repeat(80));
        out.println(tour.asExpected() + " of " + tour.size() + " checks came out as expected.");
        out.println("The report with pictures: " + page.toAbsolutePath().normalize());
        if (tour.asExpected() != tour.size()) {
            out.println("Some verdicts were not the expected ones: please report this as a bug.");
        }
    }

    /** Part 1: the examples and identities of the notes, each checked right (and one of them wrong). */
    private static void notes(Tour tour) {
        tour.part("1. The examples of the notes", "The derivatives of the math notes (docs/MATH.md), written by hand "
                + "and checked against central differences along every coordinate, with an error estimate per entry.");
        DMatrixRMaj x0 = new DMatrixRMaj(new double[][] {{0.3}, {-0.7}, {1.1}});
        tour.check("Least squares: ∇‖Ax − b‖² = 2Aᵀ(Ax − b)", "The gradient of the notes' first example, right.",
                GradCheck.scalar(Demo::leastSquares).gradient(x -> residualTimesAT(x, 2)).at(x0).check(), Mistake.NONE);
        tour.check("Least squares without the 2: Aᵀ(Ax − b)", "The classic slip: the 2 of the square forgotten. "
                        + "gradcheck finds the constant factor and says what to multiply by.",
                GradCheck.scalar(Demo::leastSquares).gradient(x -> residualTimesAT(x, 1)).at(x0).check(),
                Mistake.WRONG_SCALE);

        DMatrixRMaj s0 = new DMatrixRMaj(new double[][] {{2.0, 0.5, -0.3}, {0.5, 1.0, 0.8}, {-0.3, 0.8, 1.5}});
        tour.check("X² on symmetric matrices: DF[X](H) = XH + HX", "Not 2XH: X and H need not commute. The "
                        + "input is declared SYMMETRIC, so it is perturbed only in symmetric directions.",
                GradCheck.matrix(x -> mult(x, x)).structure(Structure.SYMMETRIC)
                        .jvp((x, h) -> plus(mult(x, h), mult(h, x))).at(s0).check(), Mistake.NONE);

        DMatrixRMaj m0 = new DMatrixRMaj(new double[][] {{1.2, -0.4, 0.3}, {0.2, 0.9, -0.7}, {-0.5, 0.6, 1.4}});
        tour.check("∇ log|det X| = X⁻ᵀ, against the exact derivative", "The reference here is not finite "
                        + "differences but the exact derivative of the expression log det(X), from the rules of "
                        + "matrix calculus: agreement to 1e-8 of the scale, with two evaluations of f.",
                GradCheck.scalar(Mat::logAbsDet).gradient(x -> transpose(inverse(x)))
                        .exactly(Expr.variable("X").logDet()).at(m0).check(), Mistake.NONE);

        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1.0, -2.0, 0.5}, {0.3, 0.8, -1.1}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{0.7, -0.2}, {1.5, 0.4}, {-0.6, 0.9}, {0.2, -1.3}});
        DMatrixRMaj xk = new DMatrixRMaj(new double[][] {
                {0.4, -1.0, 0.2, 0.9}, {1.3, 0.1, -0.8, 0.5}, {-0.2, 0.7, 0.6, -1.2}});
        tour.check("vec(AXB) = (Bᵀ ⊗ A) vec X, in Kronecker form", "The Jacobian given as a matrix-free "
                        + "Kronecker product, applied one column at a time, never formed.",
                GradCheck.matrix(x -> mult(a, x, b)).kronecker(x -> Kron.of(transpose(b), a)).at(xk).check(),
                Mistake.NONE);

        DMatrixRMaj w0 = new DMatrixRMaj(new double[][] {{0.2, -0.5, 1.0}, {0.7, 0.1, -0.3}, {-0.4, 0.9, 0.6},
                {0.3, -0.8, 0.2}});
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1.0}, {-0.5}, {2.0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0}, {0}, {1}, {0}});
        tour.check("Softmax regression: ∇_W −yᵀ log softmax(Wx) = (softmax(Wx) − y)xᵀ", "The notes' worked "
                        + "example, derived by the chain rule through z = Wx and s = softmax(z).",
                GradCheck.scalar(w -> SoftmaxRegression.loss(w, x, y))
                        .gradient(w -> SoftmaxRegression.gradient(w, x, y)).at(w0).check(), Mistake.NONE);

        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1.0, 2.0, 0.0}, {-1.0, 0.5, 3.0}, {0.4, 0.0, -2.0}});
        tour.check("Hessian of xᵀAx = A + Aᵀ (A not symmetric)", "Second order, in vec layout: the Hessian is "
                        + "compared with finite differences of the gradient, after the gradient (A + Aᵀ)x itself.",
                GradCheck.scalar(v -> dot(v, mult(q, v))).gradient(v -> mult(plus(q, transpose(q)), v))
                        .hessian(v -> plus(q, transpose(q))).at(x0).check(), Mistake.NONE);
    }

    /** Part 2: a two-layer network's backpropagation, at one point and over random shapes. */
    private static void network(Tour tour) {
        tour.part("2. A two-layer network's backpropagation", "H = tanh(XW₁ + 1b₁), Z = HW₂ + 1b₂, "
                + "L = −Σ Y ⊙ log softmax(Z), with the four gradients written by hand (TwoLayerNetwork.backward).");
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.5, -1.2, 0.3}, {1.1, 0.4, -0.7}, {-0.3, 0.8, 1.5},
                {0.9, -0.2, 0.1}, {-1.4, 0.6, -0.5}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}, {0, 1}});
        DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{0.3, -0.6, 0.2, 0.8}, {-0.1, 0.5, 0.7, -0.4},
                {0.9, 0.2, -0.3, 0.1}});
        DMatrixRMaj b1 = new DMatrixRMaj(new double[][] {{0.1, -0.2, 0.05, 0.3}});
        DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{0.7, -0.3}, {-0.5, 0.4}, {0.2, 0.6}, {-0.8, 0.1}});
        DMatrixRMaj b2 = new DMatrixRMaj(new double[][] {{0.2, -0.1}});
        TwoLayerNetwork net = new TwoLayerNetwork(x, y);
        CheckResult all = GradCheck.scalarOf(in -> net.loss(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")))
                .gradient("W1", in -> net.backward(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")).w1())
                .gradient("b1", in -> net.backward(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")).b1())
                .gradient("W2", in -> net.backward(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")).w2())
                .gradient("b2", in -> net.backward(in.get("W1"), in.get("b1"), in.get("W2"), in.get("b2")).b2())
                .at(Inputs.of("W1", w1, "b1", b1, "W2", w2, "b2", b2))
                .check();
        tour.check("Backprop at one point: W₁, b₁, W₂, b₂", "All four gradients at once, by name; X and Y are "
                + "held constant.", all, Mistake.NONE);

        TrialsResult trials = GradCheck.scalarOf(Demo::networkLoss)
                .gradient("W1", in -> networkGradients(in).w1())
                .gradient("b1", in -> networkGradients(in).b1())
                .gradient("W2", in -> networkGradients(in).w2())
                .gradient("b2", in -> networkGradients(in).b2())
                .forAll(Domain.dims("n=1..6", "d=1..4", "h=1..5", "k=2..4")
                        .input("X", "n", "d", Structure.GAUSSIAN)
                        .input("Y", "n", "k", Structure.ONE_HOT_ROWS)
                        .input("W1", "d", "h", Structure.GAUSSIAN)
                        .input("b1", "1", "h", Structure.GAUSSIAN)
                        .input("W2", "h", "k", Structure.GAUSSIAN)
                        .input("b2", "1", "k", Structure.GAUSSIAN))
                .trials(60)
                .seed(7)
                .run();
        tour.trials("Backprop over random shapes: 60 trials", "Batch sizes from 1 (where a missing batch sum "
                + "hides) to 6, and random layer widths, all drawn from one seed.", trials);
    }

    /**
     * Part 4: the notes' story told stage by stage: softmax regression's gradient came out wrong
     * because softmax was differentiated as if elementwise, somewhere in a chain of right-looking
     * steps. Checked as a pipeline, the wrong step is found and named where it is.
     */
    private static void stages(Tour tour) {
        tour.part("4. Which stage is wrong", "Softmax regression as three stages, z = Wx, s = softmax(z), "
                + "l = −yᵀ log s, each with its own hand-written backward. gradcheck checks each stage's derivative "
                + "at the values the forward pass fed it, then the loss's gradient end to end, and names the first "
                + "stage that is wrong.");
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0.2, -0.5, 1.0}, {0.7, 0.1, -0.3}, {-0.4, 0.9, 0.6},
                {0.3, -0.8, 0.2}});
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1.0}, {-0.5}, {2.0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0}, {0}, {1}, {0}});
        Inputs at = Inputs.of("x", x, "W", w, "y", y);
        tour.pipeline("Softmax regression, stage by stage", "Every stage right, and the chain of their "
                + "derivatives right end to end.", softmaxRegression(SoftmaxRegression::softmaxVjp).at(at).check(),
                null, Mistake.NONE);
        tour.pipeline("The same, with softmax differentiated as if elementwise", "The slip of the notes: "
                        + "s ⊙ (1 − s) ⊙ G where (diag(s) − ssᵀ)G is right. The end-to-end gradient is merely wrong; "
                        + "the stage-by-stage check names the stage and the mistake.",
                softmaxRegression(SoftmaxRegression::softmaxVjpElementwise).at(at).check(), "softmax",
                Mistake.ELEMENTWISE_JACOBIAN);
    }

    /** z = Wx → s = softmax(z) → l = −yᵀ log s, with the given vjp of the softmax stage. */
    private static PipelineCheck softmaxRegression(java.util.function.BinaryOperator<DMatrixRMaj> softmaxVjp) {
        return GradCheck.pipeline()
                .stage("scores", Stage.of(in -> SoftmaxRegression.scores(in.get("W"), in.get("x")),
                        (in, g) -> Inputs.of("W", SoftmaxRegression.scoresVjp(in.get("x"), g))))
                .stage("softmax", Stage.matrix(SoftmaxRegression::softmax, softmaxVjp))
                .loss("cross-entropy", Stage.loss(in -> SoftmaxRegression.crossEntropy(in.get("x"), in.get("y")),
                        in -> Inputs.of("x", SoftmaxRegression.crossEntropyGradient(in.get("x"), in.get("y")))))
                .constant("y");
    }

    private static double networkLoss(Inputs in) {
        return new TwoLayerNetwork(in.get("X"), in.get("Y")).loss(in.get("W1"), in.get("b1"), in.get("W2"),
                in.get("b2"));
    }

    private static TwoLayerNetwork.Gradients networkGradients(Inputs in) {
        return new TwoLayerNetwork(in.get("X"), in.get("Y")).backward(in.get("W1"), in.get("b1"), in.get("W2"),
                in.get("b2"));
    }

    /** ‖Ax − b‖². */
    static double leastSquares(DMatrixRMaj x) {
        DMatrixRMaj r = minus(mult(A, x), B);
        return dot(r, r);
    }

    /** c·Aᵀ(Ax − b). */
    static DMatrixRMaj residualTimesAT(DMatrixRMaj x, double c) {
        DMatrixRMaj g = new DMatrixRMaj(A.numCols, 1);
        CommonOps_DDRM.multTransA(c, A, minus(mult(A, x), B), g);
        return g;
    }
}
