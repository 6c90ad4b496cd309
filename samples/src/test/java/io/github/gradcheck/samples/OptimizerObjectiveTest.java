package io.github.gradcheck.samples;

import io.github.gradcheck.Domain;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.Structure;
import io.github.gradcheck.testing.LogisticRegression;
import org.junit.jupiter.api.Test;

/**
 * Checking an objective with the signature optimizers call, {@code double valueAndGradient(double[] x,
 * double[] gradient)}: a regularized logistic regression as an L-BFGS library minimizes it
 * ({@link LogisticRegression}). The gradient array the check hands it holds other values, as an
 * optimizer's reused buffer does: an objective that adds into it is reported as
 * GRADIENT_NOT_RESET.
 */
class OptimizerObjectiveTest {

    private final LogisticRegression objective = new LogisticRegression(50, 4, 0.1, 7, LogisticRegression.Bug.NONE);

    @Test
    void logisticRegressionObjective() {
        GradCheck.fused(objective::valueAndGradient)
                .at(new double[] {0.3, -0.1, 0.8, 0.05})
                .assertPasses();
    }

    @Test
    void logisticRegressionObjectiveAtRandomWeights() {
        GradCheck.fused(objective::valueAndGradient)
                .forAll(Domain.dims("n=4").input("w", "n", 1, Structure.GAUSSIAN))
                .trials(50)
                .assertPasses();
    }
}
