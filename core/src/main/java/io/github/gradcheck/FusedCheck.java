package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of a fused value-and-gradient function, the optimizer signature
 * {@code double valueAndGradient(double[] x, double[] gradient)}: its gradient against finite
 * differences of its own values. The gradient array it is given holds random values, as an
 * optimizer's reused buffer may: a function that adds into it instead of writing it is reported as
 * {@link Mistake#GRADIENT_NOT_RESET}. The vector is called {@code x}. Immutable. Start with
 * {@link GradCheck#fused}.
 *
 * <pre>{@code
 * GradCheck.fused((w, g) -> logisticLoss(w, X, y, g))   // returns the loss, writes its gradient into g
 *         .at(w0)
 *         .assertPasses();
 * }</pre>
 */
public final class FusedCheck extends AbstractCheck<FusedCheck> {

    FusedCheck(CheckSpec spec) {
        super(spec);
    }

    @Override
    FusedCheck with(CheckSpec newSpec) {
        return new FusedCheck(newSpec);
    }

    /** The check of f with its gradient from the same function. */
    static FusedCheck of(ValueAndGradient f) {
        if (f == null) {
            throw new IllegalArgumentException("the function to check is null");
        }
        CheckSpec spec = CheckSpec.ofScalar(in -> {
            double[] x = ArrayViews.data(in.get(VectorCheck.VECTOR));
            return f.valueAndGradient(x, new double[x.length]);
        }, VectorCheck.VECTOR);
        Derivative.Again again = new Derivative.Again() {
            @Override
            public Derivative.Reading call(Inputs in, int time) {
                double[] x = ArrayViews.data(in.get(VectorCheck.VECTOR));
                // values of the gradient's own size, as an optimizer's buffer holds the last gradient:
                // adding into them changes the result at any scale
                double[] sized = new double[x.length];
                f.valueAndGradient(x, sized);
                double[] buffer = noise(in, time);
                double size = 0;
                for (double v : sized) {
                    size = Math.max(size, Math.abs(v));
                }
                size = size > 0 && Double.isFinite(size) ? size : 1;
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] = Math.scalb(buffer[i], 20) / 8 * size;
                }
                double[] before = buffer.clone();
                f.valueAndGradient(x, buffer);
                return new Derivative.Reading(ArrayViews.column(buffer), ArrayViews.column(before));
            }

            @Override
            public boolean givenBuffer() {
                return true;
            }
        };
        return new FusedCheck(spec.withDerivative(VectorCheck.VECTOR, new Derivative.Gradient(in -> {
            double[] buffer = noise(in, 1);
            f.valueAndGradient(ArrayViews.data(in.get(VectorCheck.VECTOR)), buffer);
            return ArrayViews.column(buffer);
        }, "gradient", again)));
    }

    /**
     * A gradient buffer of x's length holding small nonzero values (odd multiples of 2⁻²¹, below
     * 9·2⁻²⁰ in size), a different pattern for each round. The later calls scale their pattern to the
     * gradient's size, so that what a function that adds into its buffer returns differs from the
     * first call's result at any scale.
     */
    static double[] noise(Inputs in, int round) {
        DMatrixRMaj x = in.get(VectorCheck.VECTOR);
        double[] buffer = new double[x.getNumElements()];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = Math.scalb((((long) i * 7 + round * 13L) % 17) - 7.5, -20);
        }
        return buffer;
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here
     * @return the check at x, ready to run
     * @throws IllegalArgumentException for a null, empty or non-finite x
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
