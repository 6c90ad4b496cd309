package io.github.gradcheck.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.gradcheck.testing.QuietTest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked product A·Bᵀ against the textbook triple loop, which sums in the same order. */
class DenseProductTest extends QuietTest {

    @Test
    void equalsTheTripleLoopBitForBitOnEveryShapeUpToNine() {
        SplittableRandom random = new SplittableRandom(1);
        for (int m = 0; m <= 9; m++) {
            for (int k = 0; k <= 9; k++) {
                for (int n = 0; n <= 9; n++) {
                    assertProduct(random, m, k, n);
                }
            }
        }
    }

    @Test
    void equalsTheTripleLoopOnShapesWithEveryRemainder() {
        SplittableRandom random = new SplittableRandom(2);
        assertProduct(random, 37, 53, 29);
        assertProduct(random, 64, 17, 66);
        assertProduct(random, 5, 200, 43);
    }

    @Test
    void overwritesWhatTheResultHeld() {
        double[] a = {1, 2};
        double[] b = {3, 4, 5, 6};
        double[] c = {99, 99, 99};
        DenseProduct.timesTranspose(a, b, c, 1, 2, 2);
        assertArrayEquals(new double[] {11, 17, 99}, c, 0.0);
    }

    private static void assertProduct(SplittableRandom random, int m, int k, int n) {
        double[] a = gaussian(random, m * k);
        double[] b = gaussian(random, n * k);
        double[] c = new double[m * n];
        Arrays.fill(c, Double.NaN);
        DenseProduct.timesTranspose(a, b, c, m, k, n);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += a[i * k + l] * b[j * k + l];
                }
                expected[i * n + j] = sum;
            }
        }
        assertArrayEquals(expected, c, 0.0, () -> m + "×" + k + " times (" + n + "×" + k + ")ᵀ");
    }

    private static double[] gaussian(SplittableRandom random, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
