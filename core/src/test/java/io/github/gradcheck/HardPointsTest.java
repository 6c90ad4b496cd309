package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Points where a naive finite-difference check raises false alarms, found by randomized sweeps:
 * at each, the right gradient passes and a gradient 1% off fails.
 */
class HardPointsTest extends QuietTest {

    private static DMatrixRMaj map(DMatrixRMaj x, DoubleUnaryOperator op) {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            g.data[i] = op.applyAsDouble(x.data[i]);
        }
        return g;
    }

    private static void rightPassesAndOnePercentOffFails(int rows, double[] entries, ToDoubleFunction<DMatrixRMaj> f,
                                                        UnaryOperator<DMatrixRMaj> gradient) {
        DMatrixRMaj x0 = new DMatrixRMaj(rows, entries.length / rows, true, entries);
        CheckResult right = GradCheck.scalar(f).gradient(gradient).at(x0).check();
        assertEquals(Status.PASSED, right.status(), right::report);
        CheckResult wrong = GradCheck.scalar(f).gradient(x -> {
            DMatrixRMaj g = gradient.apply(x);
            CommonOps_DDRM.scale(1.01, g);
            return g;
        }).at(x0).check();
        assertEquals(Status.MISMATCH, wrong.status(), wrong::report);
    }

    /** Σ sin(v²) in float terms: fast oscillation for large v. */
    private static final ToDoubleFunction<DMatrixRMaj> SIN_SQUARE = x -> {
        double s = 0;
        for (double d : x.data) {
            float v = (float) d;
            s += (float) Math.sin(v * v);
        }
        return s;
    };
    private static final UnaryOperator<DMatrixRMaj> SIN_SQUARE_GRADIENT = x -> map(x, d -> {
        float v = (float) d;
        return (float) (2 * v * Math.cos(v * v));
    });

    /** Σ tanh(v)·(i+1) summed in float: partial sums near 30 make every value a multiple of 2⁻¹⁹. */
    private static final ToDoubleFunction<DMatrixRMaj> FLOAT_TANH = x -> {
        float s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += (float) Math.tanh((float) x.data[i]) * (float) (i + 1);
        }
        return s;
    };
    private static final UnaryOperator<DMatrixRMaj> FLOAT_TANH_GRADIENT = x -> {
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            float t = (float) Math.tanh((float) x.data[i]);
            g.data[i] = (1 - t * t) * (i + 1);
        }
        return g;
    };

    /** A period of sin(v²) near v = 25 is about the first step: a stencil in integer ratios sees it flat. */
    @Test
    void anOscillationThatAliasesTheStep() {
        rightPassesAndOnePercentOffFails(2, new double[] {20.973065199519098, 25.25621181196456, -4.5153284527665,
                -2.2060582155266766}, SIN_SQUARE, SIN_SQUARE_GRADIENT);
    }

    /** At v = 2.83, cos(v²) is near zero: Richardson's h² coefficient is small and its bound optimistic. */
    @Test
    void aRichardsonBoundThatIsOptimisticBeforeTheAsymptoticRegime() {
        rightPassesAndOnePercentOffFails(5, new double[] {-1.980878526275254E-4, 9.074849654597623, 1.4377839214513923,
                -7.258822194538011, 3.8757385847394383, -1.1372480672728716E-4, -1.7290966240659305E-4,
                2.8305618309991276, 22.707644705571646, 13.643899125610089, 1.6900446529681634, -5.974183650473077,
                -14.699249744290556, 7.9852891366254735, 1.285664360211717, 7.73658390742514, -8.95957519327045,
                12.567938819002729, -2.8421730304841386, 16.527025772100473, -7.391055703588695, 8.364528898878236,
                -14.226705879629948, 0.0015008630767845347, 9.751646017168632}, SIN_SQUARE, SIN_SQUARE_GRADIENT);
    }

    /** A float sum whose terms cancel: its rounding comes from partial sums far larger than the result. */
    @Test
    void aFloatSumThatCancels() {
        rightPassesAndOnePercentOffFails(4, new double[] {4.840166557284981E-4, 0.010955877450000475,
                0.0013256844629307247, -0.0010503501335771648, 0.008186869005930152, 0.01466482559431528,
                -0.0032637478139671034, -0.01382967925191949, -0.02364994065207246, -0.005409549448569352,
                -2.9323961391674647E-9, 0.008672207592830489}, x -> {
                    float s = 0;
                    for (double d : x.data) {
                        float v = (float) d;
                        s += (float) Math.exp(v) * v;
                    }
                    return s;
                }, x -> map(x, d -> {
                    float v = (float) d;
                    return (float) Math.exp(v) * (1 + v);
                }));
    }

    /** Values all multiples of 2⁻¹⁹ although |f| ≈ 0.003: the noise is set by that granularity. */
    @Test
    void aFloatSumWithCoarseGranularity() {
        rightPassesAndOnePercentOffFails(2, new double[] {-0.001312991220393106, 4.424138564183372, -11.124376364779634,
                -5.638535232104863E-4, -4.800976030266266, 6.894786478468714, -5.068799972124646, 7.9954314067202805,
                12.59610909840612, -23.54579310926818}, FLOAT_TANH, FLOAT_TANH_GRADIENT);
    }

    /**
     * tanh saturated in float: f is exactly flat near the point while the float gradient is an ulp
     * off zero. Finite differences cannot tell 1e-7 from 0 here: neither a pass nor a mismatch.
     */
    @Test
    void aSaturatedFloatFunctionCannotBeJudged() {
        DMatrixRMaj x0 = new DMatrixRMaj(1, 2, true, -8.964595128423044, 10.227218292028537);
        CheckResult r = GradCheck.scalar(FLOAT_TANH).gradient(FLOAT_TANH_GRADIENT).at(x0).check();
        assertEquals(Status.INCONCLUSIVE, r.status(), r::report);
    }

    /** log(cosh x) at x = 6e-8: cosh rounds to 1 + 8·2⁻⁵² there, so f is flat at every usable step. */
    @Test
    void aFunctionFlatByRoundingInIntermediatesCannotBeJudged() {
        DMatrixRMaj x0 = new DMatrixRMaj(1, 1, true, -6.219145063213789E-8);
        CheckResult r = GradCheck.scalar(x -> Math.log(Math.cosh(x.get(0, 0))))
                .gradient(x -> new DMatrixRMaj(1, 1, true, Math.tanh(x.get(0, 0)))).at(x0).check();
        assertEquals(Status.INCONCLUSIVE, r.status(), r::report);
    }

    /** log(cosh(x)) near 0 cancels inside: its values step by 2⁻⁵² even where f ≈ 1e-5. */
    @Test
    void aDoubleFunctionThatCancelsInside() {
        rightPassesAndOnePercentOffFails(2, new double[] {0.0027935562996613005, 0.006612673792565312}, x -> {
            double s = 0;
            for (double d : x.data) {
                s += Math.log(Math.cosh(d));
            }
            return s;
        }, x -> map(x, Math::tanh));
    }
}
