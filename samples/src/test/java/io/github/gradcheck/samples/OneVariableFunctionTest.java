package io.github.gradcheck.samples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.testing.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * Checking a function of one real variable: a special function and its derivatives as a numerics
 * library writes them ({@link SpecialFunctions}: log Γ by Stirling's series, digamma and trigamma
 * by theirs), and a kernel as a function of one hyperparameter.
 */
class OneVariableFunctionTest {

    @Test
    void digammaIsTheDerivativeOfLogGamma() {
        GradCheck.univariate(SpecialFunctions::logGamma)
                .derivative(SpecialFunctions::digamma)
                .at(2.7)
                .assertPasses();
    }

    @Test
    void trigammaIsItsSecondDerivative() {
        GradCheck.univariate(SpecialFunctions::logGamma)
                .derivative(SpecialFunctions::digamma)
                .secondDerivative(SpecialFunctions::trigamma)
                .at(0.4)
                .assertPasses();
    }

    // softplus log(1 + eˣ) has the logistic function as its derivative
    @Test
    void theLogisticFunctionIsTheDerivativeOfSoftplus() {
        GradCheck.univariate(x -> Math.log1p(Math.exp(x)))
                .derivative(x -> 1 / (1 + Math.exp(-x)))
                .at(-1.3)
                .assertPasses();
    }

    // a Matérn 3/2 covariance at distance r = 0.8, as a function of its length scale
    @Test
    void maternKernelLengthScaleDerivative() {
        GradCheck.univariate(l -> SpecialFunctions.matern32(0.8, l))
                .derivative(l -> SpecialFunctions.matern32LengthScaleDerivative(0.8, l))
                .at(1.3)
                .assertPasses();
    }
}
