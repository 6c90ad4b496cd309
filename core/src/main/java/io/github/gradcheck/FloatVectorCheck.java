package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import io.github.gradcheck.internal.check.UserCodeProblem;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A check of the gradient of a scalar function of a {@code float[]} vector, as float32 code
 * computes it. The point is rounded to float and so is every perturbation of it; the default
 * relative tolerance is that of float rounding (1e-4 of the derivative's scale), not double's. The
 * vector is called {@code x}. Immutable. Start with {@link GradCheck#floatVector}.
 *
 * <pre>{@code
 * GradCheck.floatVector(x -> layer.loss(x))
 *         .gradient(x -> layer.gradient(x))
 *         .at(new float[] {0.5f, -1f, 2f})
 *         .assertPasses();
 * }</pre>
 */
public final class FloatVectorCheck extends AbstractCheck<FloatVectorCheck> {

    FloatVectorCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    FloatVectorCheck with(CheckSpec newSpec) {
        return new FloatVectorCheck(newSpec);
    }

    /** The check of f over floats. */
    static FloatVectorCheck of(ToDoubleFunction<float[]> f) {
        if (f == null) {
            throw new IllegalArgumentException("the function to check is null");
        }
        CheckSpec spec = CheckSpec.ofScalar(in -> {
            float[] x = ArrayViews.floats(in.get(VectorCheck.VECTOR));
            double value = f.applyAsDouble(x);
            requireUnchanged(in, x, "f", Origin.FUNCTION);
            return value;
        }, VectorCheck.VECTOR);
        return new FloatVectorCheck(spec.withOptions(spec.options().withFloat(VectorCheck.VECTOR)));
    }

    /**
     * The hand-written gradient to check: x ↦ g with {@code g[i] = ∂f/∂x[i]}, of x's length.
     *
     * @param gradient x ↦ g; must not modify x
     * @return this check with the gradient
     * @throws IllegalArgumentException for null
     * @throws IllegalStateException when a gradient is already given
     */
    public FloatVectorCheck gradient(Function<float[], float[]> gradient) {
        return with(spec.withDerivative(VectorCheck.VECTOR, new Derivative.Gradient(gradient == null ? null : in -> {
            float[] x = ArrayViews.floats(in.get(VectorCheck.VECTOR));
            float[] g = gradient.apply(x);
            requireUnchanged(in, x, "gradient", Origin.DERIVATIVE);
            return ArrayViews.column(g);
        })));
    }

    /** A float copy of x handed to user code must still hold x: else the code wrote into its argument. */
    private static void requireUnchanged(Inputs in, float[] x, String function, Origin origin) {
        double[] expected = in.get(VectorCheck.VECTOR).data;
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits((float) expected[i])) {
                throw new UserCodeProblem(new Problem.InputMutated(function, VectorCheck.VECTOR, x.length, 1, i,
                        (float) expected[i], x[i], x.length, 1, "near the point", origin));
            }
        }
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @return the check at x, ready to run
     * @throws IllegalArgumentException for a null, empty or non-finite x
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(float[] x) {
        if (x == null) {
            throw new IllegalArgumentException("at(x): x is null");
        }
        return Points.single(spec, Points.vector(ArrayViews.column(x).data));
    }

    /**
     * Random trials: the check at vectors drawn from {@code domain} (rounded to float), which has
     * one input of shape n×1, e.g. {@code Domain.dims("n=1..8").input("x", "n", 1, Structure.GAUSSIAN)}.
     *
     * @throws IllegalArgumentException when the domain does not have exactly one input of one column
     */
    @Override
    public Trials forAll(Domain domain) {
        return super.forAll(Points.vectorDomain(domain));
    }
}
