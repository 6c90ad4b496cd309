package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.Function;

/**
 * A check of the gradient of a scalar function of a vector, f: ℝⁿ → ℝ, written over
 * {@code double[]}: {@code g[i] = ∂f/∂x[i]}. The vector is a column (n×1) in reports and
 * diagnosis, and is called {@code x}. Immutable: every method returns a new check. Start with
 * {@link GradCheck#vector}.
 *
 * <pre>{@code
 * GradCheck.vector(x -> logSumExp(x))
 *         .gradient(x -> softmax(x))
 *         .at(new double[] {0.5, -1, 2})
 *         .assertPasses();
 * }</pre>
 *
 * <p>The functions get gradcheck's own arrays, which they must not modify (a function that does
 * is reported as {@link Status#INPUT_MUTATED}); a gradient array they return is copied at once
 * and may be reused by them afterwards.
 */
public final class VectorCheck extends AbstractCheck<VectorCheck> {

    /** The name of the vector in reports and domains. */
    static final String VECTOR = "x";

    VectorCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    VectorCheck with(CheckSpec newSpec) {
        return new VectorCheck(newSpec);
    }

    /**
     * The hand-written gradient to check: x ↦ g with {@code g[i] = ∂f/∂x[i]}, of x's length.
     *
     * @param gradient x ↦ g; must not modify x
     * @return this check with the gradient
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a gradient is already given
     */
    public VectorCheck gradient(Function<double[], double[]> gradient) {
        return with(spec.withDerivative(VECTOR, new Derivative.Gradient(gradient == null ? null
                : in -> ArrayViews.column(gradient.apply(ArrayViews.data(in.get(VECTOR)))))));
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @return the check at x, ready to run
     * @throws IllegalArgumentException for a null, empty or non-finite x
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(double[] x) {
        return Points.single(spec, Points.vector(x));
    }

    /**
     * Random trials: the check at vectors drawn from {@code domain}, which has one input of shape
     * n×1, e.g. {@code Domain.dims("n=1..8").input("x", "n", 1, Structure.GAUSSIAN)}.
     *
     * @throws IllegalArgumentException when the domain does not have exactly one input of one column
     */
    @Override
    public Trials forAll(Domain domain) {
        return super.forAll(Points.vectorDomain(domain));
    }
}
