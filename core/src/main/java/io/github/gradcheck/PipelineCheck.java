package io.github.gradcheck;

import io.github.gradcheck.internal.pipeline.PipelineRun;
import io.github.gradcheck.internal.pipeline.PipelineSpec;
import io.github.gradcheck.internal.text.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of a hand-written forward and backward pass, stage by stage: which stage's derivative is
 * wrong, and whether the stages are wired together right. Immutable: every method returns a new
 * check. Start with {@link GradCheck#pipeline()}.
 *
 * <pre>{@code
 * PipelineResult r = GradCheck.pipeline()
 *         .stage("affine", Stage.of(in -> affine(in.get("x"), in.get("W"), in.get("b")),
 *                                   (in, g) -> Inputs.of("x", gx, "W", gW, "b", gb)))
 *         .stage("softmax", Stage.matrix(X -> softmaxRows(X), (X, G) -> softmaxVjp(X, G)))
 *         .loss("cross-entropy", Stage.loss(in -> ce(in.get("x"), Y), in -> Inputs.of("x", ceGradient(in.get("x"), Y))))
 *         .at(Inputs.of("x", X, "W", W0, "b", b0))
 *         .check();
 * r.failedStage();   // the first stage, in forward order, whose derivative is wrong
 * }</pre>
 *
 * <p>The inputs given to {@code at} (or drawn by {@code forAll}) are the pipeline's input
 * {@value Stage#INPUT}, the parameters (every other input) and the constants (data such as labels,
 * declared with {@link #constant} or drawn with a constant structure, ONE_HOT_ROWS or INTEGER).
 * Parameters are shared by name: a parameter several stages read (weight tying) gets the sum of
 * their contributions.
 *
 * <p>What a stage is differentiated with respect to: its input {@value Stage#INPUT} (after the
 * first stage always: a derivative that leaves it out is checked as returning zero; for the first
 * stage when its derivative returns a gradient for it) and the parameters its derivative returns.
 * A stage sees only those, its input and the constants: a stage that reads a parameter its
 * derivative leaves out is found (by running it without each such parameter in turn) and checked
 * as returning zero for it, which fails when the stage depends on it.
 */
public final class PipelineCheck {

    private final PipelineSpec spec;

    PipelineCheck(PipelineSpec spec) {
        this.spec = spec;
    }

    /**
     * The next matrix stage. It reads the previous stage's output (or the pipeline's input) as
     * {@value Stage#INPUT}.
     *
     * @param name the stage's name, unique in the pipeline; reports and results use it
     * @param stage {@link Stage#of} or {@link Stage#matrix}
     * @return this pipeline with the stage appended
     * @throws IllegalArgumentException for an empty name, a name used twice, a null or a loss stage
     * @throws IllegalStateException after the loss
     */
    public PipelineCheck stage(String name, Stage stage) {
        return new PipelineCheck(spec.withStage(require(stage).spec(Names.require(name))));
    }

    /**
     * The loss, which ends the pipeline: a scalar of the last stage's output and any parameters.
     *
     * @param name the loss's name, unique in the pipeline
     * @param loss {@link Stage#loss}
     * @return this pipeline ended by the loss stage
     * @throws IllegalArgumentException for an empty name, a name used twice, a null or a matrix stage
     * @throws IllegalStateException when the pipeline already has its loss
     */
    public PipelineCheck loss(String name, Stage loss) {
        return new PipelineCheck(spec.withLoss(require(loss).spec(Names.require(name))));
    }

    private static Stage require(Stage stage) {
        if (stage == null) {
            throw new IllegalArgumentException("the stage is null");
        }
        return stage;
    }

    /**
     * Your own end-to-end gradient of the loss with respect to one parameter (the backpropagation
     * code that wires the stages together), checked instead of the chain rule gradcheck applies
     * through the stages. When every stage is right but this gradient is wrong, the result says
     * the wiring is wrong, at which entries, and which miswiring it equals
     * ({@link PipelineResult#wiring()}).
     *
     * @param parameter the parameter's name
     * @param gradient inputs ↦ the gradient, the parameter's shape; gets every input of the
     *     pipeline; must not modify them
     * @return this check with the gradient
     * @throws IllegalArgumentException for the pipeline's input or a null function
     * @throws IllegalStateException when that parameter already has a gradient
     */
    public PipelineCheck gradient(String parameter, Function<Inputs, DMatrixRMaj> gradient) {
        return new PipelineCheck(spec.withGradient(Names.require(parameter), gradient));
    }

    /**
     * Declares an input as data (labels, a mask): never differentiated, given to every stage.
     *
     * @param name the input's name
     * @return this pipeline with the input held constant
     * @throws IllegalArgumentException for an empty name or the pipeline's input
     */
    public PipelineCheck constant(String name) {
        return new PipelineCheck(spec.withConstant(Names.require(name)));
    }

    /**
     * The tolerance of every check of the pipeline; see {@link ScalarCheck#tolerance(double, double)}.
     *
     * @param rtol the relative tolerance, a fraction of the derivative's scale
     * @param atol the absolute tolerance
     * @return this check with these tolerances
     */
    public PipelineCheck tolerance(double rtol, double atol) {
        return new PipelineCheck(spec.withTolerance(rtol, atol));
    }

    /**
     * The mode of every check of the pipeline: {@link Mode#FULL}, {@link Mode#FAST} or
     * {@link Mode#AUTO} (the default), decided per check.
     *
     * @param mode the mode
     * @return this check in that mode
     * @throws IllegalArgumentException for a null mode
     */
    public PipelineCheck mode(Mode mode) {
        return new PipelineCheck(spec.withMode(mode));
    }

    /**
     * The seed of every random choice of every check (default 0); reports print it.
     *
     * @param seed the seed
     * @return this check with that seed
     */
    public PipelineCheck seed(long seed) {
        return new PipelineCheck(spec.withSeed(seed));
    }

    /**
     * Random trials: the pipeline checked at inputs drawn from {@code domain} (which draws
     * {@value Stage#INPUT}, every parameter and the constants), the first failure shrunk to the
     * smallest dimensions and simplest values where the same stage fails the same way.
     *
     * @param domain where the inputs are drawn
     * @return the random trials, ready to run
     * @throws IllegalArgumentException for a null domain, one without {@value Stage#INPUT}, or
     *     without an input a gradient or constant names
     * @throws IllegalStateException when the pipeline has no loss
     */
    public PipelineTrials forAll(Domain domain) {
        return PipelineTrials.of(spec, domain);
    }

    /**
     * The point to check at.
     *
     * @param inputs the pipeline's input {@value Stage#INPUT}, every parameter and constant; copied here
     * @return the check at this point, ready to run
     * @throws IllegalArgumentException when {@value Stage#INPUT} is missing, an input is empty or
     *     not finite, a gradient or constant names no input
     * @throws IllegalStateException when the pipeline has no loss
     */
    public PipelinePoint at(Inputs inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException("at(inputs): inputs is null");
        }
        PipelineRun.validate(spec, inputs.names(), "the inputs");
        Map<String, DMatrixRMaj> copies = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : inputs.asMap().entrySet()) {
            copies.put(e.getKey(), Points.checked(e.getKey(), e.getValue(), null));
        }
        return new PipelinePoint(spec, Inputs.of(copies));
    }
}
