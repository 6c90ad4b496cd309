package io.github.gradcheck.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.difference.ColumnEstimate;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.testing.QuietTest;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * FULL mode's first pass: its a-priori bound holds wherever its calibration lets it run, on
 * functions built to fool a two-point difference; where it would not hold, the calibration
 * refuses or the column goes to refinement.
 */
class FirstPassBoundTest extends QuietTest {

    /** A scalar f of one matrix and its exact gradient. */
    private record Case(String name, ToDoubleFunction<DMatrixRMaj> f, UnaryOperator<DMatrixRMaj> gradient) {
    }

    /** What the first pass did at one point. */
    private record Outcome(boolean calibrated, int estimated, int refined, double worstRatio) {
    }

    private static double sum(DMatrixRMaj x, java.util.function.DoubleUnaryOperator op) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += op.applyAsDouble(x.data[i]);
        }
        return s;
    }

    private static DMatrixRMaj map(DMatrixRMaj x, java.util.function.DoubleUnaryOperator op) {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] = op.applyAsDouble(x.data[i]);
        }
        return g;
    }

    /** The first pass along every coordinate at x0: for each estimate, |D − ∂f| over its bound. */
    private static Outcome firstPass(Case c, DMatrixRMaj x0, long seed) {
        CheckSpec spec = CheckSpec.ofScalar(in -> c.f.applyAsDouble(in.get("X")), "X")
                .withDerivative("X", new Derivative.Gradient(in -> c.gradient.apply(in.get("X"))))
                .withOptions(Options.defaults().withSeed(seed));
        Guard guard = new Guard(spec, Inputs.of("X", x0));
        double[] f0 = guard.evaluateNew();
        Calibration.Prior prior = Calibration.prior(guard, spec, f0, List.of());
        if (prior == null) {
            return new Outcome(false, 0, 0, 0);
        }
        FirstPass pass = new FirstPass(prior, f0);
        Coordinates coordinates = Basis.of(Structure.GAUSSIAN, x0.numRows, x0.numCols);
        CoordinateLine line = new CoordinateLine(guard, "X", coordinates);
        ColumnEstimate e = new ColumnEstimate(1);
        DMatrixRMaj exact = c.gradient.apply(x0);
        int estimated = 0;
        int refined = 0;
        double worst = 0;
        for (int k = 0; k < coordinates.size(); k++) {
            if (!pass.estimate(line, k, 1.0, new double[1], new double[1], e)) {
                refined++;
                continue;
            }
            estimated++;
            worst = Math.max(worst, Math.abs(e.value[0] - exact.data[coordinates.dataIndex(k)]) / e.error[0]);
        }
        return new Outcome(true, estimated, refined, worst);
    }

    /** Random points of 1 to 16 entries, entries from 1e-3 to 1e3 in size, for one case. */
    private static Outcome[] sweep(Case c, int points, long seed, java.util.function.Consumer<DMatrixRMaj> place) {
        Random random = new Random(seed);
        Outcome[] outcomes = new Outcome[points];
        for (int t = 0; t < points; t++) {
            int rows = 1 + random.nextInt(4);
            int cols = 1 + random.nextInt(4);
            double magnitude = Math.pow(10, random.nextInt(7) - 3);
            DMatrixRMaj x0 = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < x0.getNumElements(); i++) {
                x0.data[i] = magnitude * (2 * random.nextDouble() - 1);
            }
            place.accept(x0);
            outcomes[t] = firstPass(c, x0, random.nextLong());
        }
        return outcomes;
    }

    private static int honestEstimates(Case c, Outcome[] outcomes) {
        int estimated = 0;
        for (Outcome o : outcomes) {
            assertTrue(o.worstRatio <= 1.0, () -> c.name + ": a first-pass difference outside its bound, by "
                    + o.worstRatio);
            estimated += o.estimated;
        }
        return estimated;
    }

    private static int calibrated(Outcome[] outcomes) {
        int n = 0;
        for (Outcome o : outcomes) {
            n += o.calibrated ? 1 : 0;
        }
        return n;
    }

    @Test
    void theBoundHoldsOnSmoothFunctionsAtEveryScaleAndTheFirstPassRunsOnThem() {
        List<Case> smooth = List.of(
                new Case("Σ exp", x -> sum(x, Math::exp), x -> map(x, Math::exp)),
                new Case("Σ sin", x -> sum(x, Math::sin), x -> map(x, Math::cos)),
                new Case("Σ x⁴", x -> sum(x, v -> v * v * v * v), x -> map(x, v -> 4 * v * v * v)),
                new Case("Σ sin(1e3 x)", x -> sum(x, v -> Math.sin(1e3 * v)),
                        x -> map(x, v -> 1e3 * Math.cos(1e3 * v))));
        long seed = 1;
        for (Case c : smooth) {
            Outcome[] outcomes = sweep(c, 150, seed++, x -> { });
            assertTrue(honestEstimates(c, outcomes) > 0, c.name);
            assertTrue(calibrated(outcomes) >= 50, () -> c.name + ": the first pass ran at " + calibrated(outcomes)
                    + " of 150 points");
        }
    }

    @Test
    void curvatureVaryingAMillionfoldAcrossCoordinatesIsCoveredCoordinateByCoordinate() {
        // f = Σₖ sin(wₖ·xₖ) with wₖ from 1 to 1000: second derivatives from 1 to 1e6
        Case c = new Case("Σ sin(wₖ xₖ)", x -> {
            double s = 0;
            for (int k = 0; k < x.getNumElements(); k++) {
                s += Math.sin(weight(k) * x.data[k]);
            }
            return s;
        }, x -> {
            DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
            for (int k = 0; k < x.getNumElements(); k++) {
                g.data[k] = weight(k) * Math.cos(weight(k) * x.data[k]);
            }
            return g;
        });
        assertTrue(honestEstimates(c, sweep(c, 200, 11, x -> { })) > 0);
    }

    private static double weight(int k) {
        return Math.pow(10, 3.0 * (k % 4) / 3);
    }

    @Test
    void aCoordinateCurvedFarMoreThanTheCalibrationSeesIsCoveredAtItsInflection() {
        // Σ x² plus 1e-4·sin(1e4·x₀) at x₀ = 0: along X(0, 0) a third derivative of 1e8 at an
        // inflection (the slopes' jump sees nothing), hidden under Σ x² from a random direction
        Case c = new Case("Σ x² + 1e-4 sin(1e4 x₀)", x -> sum(x, v -> v * v) + 1e-4 * Math.sin(1e4 * x.data[0]),
                x -> {
                    DMatrixRMaj g = map(x, v -> 2 * v);
                    g.data[0] += Math.cos(1e4 * x.data[0]);
                    return g;
                });
        Outcome[] outcomes = sweep(c, 300, 12, x -> x.data[0] = 0);
        assertTrue(honestEstimates(c, outcomes) > 0);
        assertTrue(calibrated(outcomes) > 100, "the first pass runs at most of these points");
    }

    @Test
    void aComponentFinerThanTheStepIsNotTakenForNoise() {
        // 1e-6·sin(1e6·x₀): below the step's resolution at large entries, where it looks like
        // noise while its derivative is 1: the calibration refuses, or the bound covers it
        Case c = new Case("Σ x² + 1e-6 sin(1e6 x₀)", x -> sum(x, v -> v * v) + 1e-6 * Math.sin(1e6 * x.data[0]),
                x -> {
                    DMatrixRMaj g = map(x, v -> 2 * v);
                    g.data[0] += Math.cos(1e6 * x.data[0]);
                    return g;
                });
        honestEstimates(c, sweep(c, 300, 13, x -> { }));
    }

    @Test
    void aKinkNearButNotAtThePointIsCoveredByTheSlopesJump() {
        // entries about 100 (steps about 1.5e-6), and a kink of J a third of a step from X(0, 0):
        // under Σ x²'s curvature along a random direction a kink up to about 1e-3 passes the
        // calibration, and one difference across it is off by about J/3, which only the jump of
        // its one-sided slopes bounds
        Random random = new Random(14);
        int tested = 0;
        for (double kink : new double[] {1e-4, 3e-4, 1e-3, 3e-3}) {
            for (int t = 0; t < 40; t++) {
                DMatrixRMaj x0 = new DMatrixRMaj(4, 4);
                for (int i = 0; i < 16; i++) {
                    x0.data[i] = 50 + 100 * random.nextDouble();
                }
                double at = x0.data[0] + StepPolicy.PRIOR_SPACING * x0.data[0] / 3;
                Case c = new Case("Σ x² + J |x₀ − c|", x -> sum(x, v -> v * v) + kink * Math.abs(x.data[0] - at),
                        x -> {
                            DMatrixRMaj g = map(x, v -> 2 * v);
                            g.data[0] += kink * Math.signum(x.data[0] - at);
                            return g;
                        });
                Outcome o = firstPass(c, x0, random.nextLong());
                assertTrue(o.worstRatio <= 1.0, () -> "a kink of " + kink + ": a first-pass difference outside its "
                        + "bound, by " + o.worstRatio);
                tested += o.estimated;
            }
        }
        assertTrue(tested > 0, "the bound was tested across kinks");
    }

    @Test
    void aFunctionPeriodicInTheStepIsRefusedOrCovered() {
        // an oscillation whose period is the first pass's smallest step along X(0, 0): both
        // differences land on the same phase and see it flat
        double x00 = 0.75;
        double period = StepPolicy.PRIOR_SPACING * x00;
        Case c = new Case("periodic in h", x -> sum(x, v -> v * v) + 1e-9 * Math.sin(2 * Math.PI * x.data[0] / period),
                x -> {
                    DMatrixRMaj g = map(x, v -> 2 * v);
                    g.data[0] += 1e-9 * 2 * Math.PI / period * Math.cos(2 * Math.PI * x.data[0] / period);
                    return g;
                });
        Random random = new Random(15);
        for (int t = 0; t < 100; t++) {
            DMatrixRMaj x0 = new DMatrixRMaj(2, 2, true, x00, 0.5 * random.nextDouble() - 0.25,
                    0.5 * random.nextDouble() - 0.25, 0.5 * random.nextDouble() - 0.25);
            Outcome o = firstPass(c, x0, random.nextLong());
            assertTrue(o.worstRatio <= 1.0, "periodic in h: a first-pass difference outside its bound");
        }
    }

    @Test
    void floatArithmeticQuantizedValuesAndRoundedInputsGetNoFirstPass() {
        Random random = new Random(16);
        List<Case> unclean = List.of(
                new Case("float sum", x -> {
                    float s = 0;
                    for (double d : x.data) {
                        s += (float) Math.exp((float) d);
                    }
                    return s;
                }, x -> map(x, d -> (float) Math.exp((float) d))),
                new Case("inputs rounded to float", x -> sum(x, d -> {
                    float v = (float) d;
                    return (double) v * v;
                }), x -> map(x, d -> 2.0 * (float) d)),
                new Case("values on a 1e-6 grid", x -> Math.rint(sum(x, v -> v * v) * 1e6) / 1e6,
                        x -> map(x, v -> 2 * v)));
        for (Case c : unclean) {
            for (int t = 0; t < 20; t++) {
                DMatrixRMaj x0 = new DMatrixRMaj(3, 3);
                for (int i = 0; i < 9; i++) {
                    x0.data[i] = 0.5 + random.nextDouble();
                }
                Outcome o = firstPass(c, x0, random.nextLong());
                assertFalse(o.calibrated, () -> c.name + " was calibrated for a first pass");
            }
        }
    }

    @Test
    void aKinkWithinTheCurvatureStepsRefusesTheFirstPass() {
        Case c = new Case("Σ |x|", x -> sum(x, Math::abs), x -> map(x, Math::signum));
        DMatrixRMaj x0 = new DMatrixRMaj(2, 2, true, 0.4, -0.7, 1e-9, 0.3);
        assertFalse(firstPass(c, x0, 0).calibrated);
    }

    @Test
    void aColumnWhereFDidNotChangeIsRefined() {
        // f ignores X(1, 1): its column is flat, which a rounded coordinate would look like too
        Case c = new Case("Σ x² but X(1, 1)", x -> sum(x, v -> v * v) - x.data[3] * x.data[3], x -> {
            DMatrixRMaj g = map(x, v -> 2 * v);
            g.data[3] = 0;
            return g;
        });
        Outcome o = firstPass(c, new DMatrixRMaj(2, 2, true, 0.4, -0.7, 0.9, 0.3), 0);
        assertTrue(o.calibrated);
        assertEquals(1, o.refined);
        assertEquals(3, o.estimated);
    }

    @Test
    void aSmoothFunctionsBoundLeavesMostOfTheToleranceToDecide() {
        // ‖XA‖² on 5×4 (the benchmark's case): every entry's bound within half the tolerance, so
        // that an analytic value within the other half is decided by the first pass
        Random random = new Random(1);
        DMatrixRMaj a = new DMatrixRMaj(4, 3);
        DMatrixRMaj x0 = new DMatrixRMaj(5, 4);
        for (int i = 0; i < 12; i++) {
            a.data[i] = 2 * random.nextDouble() - 1;
        }
        for (int i = 0; i < 20; i++) {
            x0.data[i] = 2 * random.nextDouble() - 1;
        }
        Case c = new Case("‖XA‖²", x -> {
            DMatrixRMaj y = new DMatrixRMaj(5, 3);
            org.ejml.dense.row.CommonOps_DDRM.mult(x, a, y);
            return sum(y, v -> v * v);
        }, x -> {
            DMatrixRMaj y = new DMatrixRMaj(5, 3);
            org.ejml.dense.row.CommonOps_DDRM.mult(x, a, y);
            DMatrixRMaj g = new DMatrixRMaj(5, 4);
            org.ejml.dense.row.CommonOps_DDRM.multTransB(2, y, a, g);
            return g;
        });
        CheckSpec spec = CheckSpec.ofScalar(in -> c.f.applyAsDouble(in.get("X")), "X")
                .withDerivative("X", new Derivative.Gradient(in -> c.gradient.apply(in.get("X"))));
        Guard guard = new Guard(spec, Inputs.of("X", x0));
        double[] f0 = guard.evaluateNew();
        Calibration.Prior prior = Calibration.prior(guard, spec, f0, List.of());
        assertNotNull(prior);
        assertEquals(StepPolicy.PRIOR_SPACING, prior.step(), "its noise allows the smallest step");
        FirstPass pass = new FirstPass(prior, f0);
        Coordinates coordinates = Basis.of(Structure.GAUSSIAN, 5, 4);
        CoordinateLine line = new CoordinateLine(guard, "X", coordinates);
        DMatrixRMaj exact = c.gradient.apply(x0);
        double scale = org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(exact);
        ColumnEstimate e = new ColumnEstimate(1);
        for (int k = 0; k < 20; k++) {
            assertTrue(pass.estimate(line, k, 1.0, new double[1], new double[1], e));
            assertTrue(e.error[0] < 0.5 * Options.DEFAULT_RTOL * scale, "bound " + e.error[0] + " at " + k);
        }
    }
}
