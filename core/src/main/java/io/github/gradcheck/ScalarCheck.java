package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.check.Derivative;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A check of the gradient of a scalar function of one matrix, f: ℝ^{m×n} → ℝ. Immutable: every
 * method returns a new check and leaves this one as it was. Start with
 * {@link GradCheck#scalar}; the input is called {@code X} in reports.
 */
public final class ScalarCheck {

    private final CheckSpec spec;

    ScalarCheck(CheckSpec spec) {
        this.spec = spec;
    }

    /**
     * The hand-written gradient to check: the m×n matrix G with {@code G[i][j] = ∂f/∂X[i][j]},
     * i.e. {@code df = tr(Gᵀ dX)}.
     *
     * @param gradient X ↦ G, the shape of X; must not modify X
     * @throws IllegalStateException when a gradient is already given
     */
    public ScalarCheck gradient(UnaryOperator<DMatrixRMaj> gradient) {
        return new ScalarCheck(spec.withDerivative(CheckSpec.SINGLE_INPUT, new Derivative.Gradient(
                gradient == null ? null : in -> gradient.apply(in.get(CheckSpec.SINGLE_INPUT)))));
    }

    /**
     * Tolerances: an entry passes when |analytic − numeric| ≤ FD error estimate + atol + rtol·S,
     * where S is the derivative's own scale (its largest |numeric| entry). Default rtol 1e-5,
     * atol 0.
     *
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public ScalarCheck tolerance(double rtol, double atol) {
        return new ScalarCheck(spec.withOptions(spec.options().withTolerance(rtol, atol)));
    }

    /** The seed of every random choice (default 0); reports print it. */
    public ScalarCheck seed(long seed) {
        return new ScalarCheck(spec.withOptions(spec.options().withSeed(seed)));
    }

    /**
     * Declares what kind of matrix X is. SYMMETRIC and SPD inputs are perturbed only in symmetric
     * directions and the gradient G is compared through (G + Gᵀ)/2; DIAGONAL and TRIANGULAR
     * inputs only inside their structure. The point given to {@code at} must have the structure.
     *
     * @throws IllegalArgumentException for a null structure
     */
    public ScalarCheck structure(Structure structure) {
        return new ScalarCheck(spec.withOptions(spec.options().withStructure(CheckSpec.SINGLE_INPUT, structure)));
    }

    /**
     * Random trials: the check at inputs drawn from {@code domain} (one input, called X in
     * reports), the first failure shrunk. Configure with {@link Trials#trials}, {@link Trials#seed}.
     *
     * @throws IllegalArgumentException when the domain does not have exactly one input, or it is
     *     a constant (ONE_HOT_ROWS, INTEGER)
     */
    public Trials forAll(Domain domain) {
        return Trials.of(spec, domain);
    }

    /**
     * The point to check at.
     *
     * @param x the point, copied here: later changes to x do not affect the check
     * @throws IllegalArgumentException for an empty or non-finite x
     * @throws IllegalStateException when no gradient is given
     */
    public PointCheck at(DMatrixRMaj x) {
        return Points.single(spec, x);
    }
}
