package io.github.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.testing.QuietTest;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DomainTest extends QuietTest {

    private static final Domain SOFTMAX = Domain.dims("n=1..6", "k=2..8")
            .input("Z", "n", "k", Structure.GAUSSIAN)
            .input("Y", "n", "k", Structure.ONE_HOT_ROWS)
            .input("b", "1", "k", Structure.GAUSSIAN);

    @Test
    void inputsThatShareADimensionGetTheSameSize() {
        SplittableRandom random = new SplittableRandom(1);
        Set<Integer> ns = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Domain.Sample s = SOFTMAX.sample(random);
            int n = s.dims().get("n");
            int k = s.dims().get("k");
            ns.add(n);
            assertTrue(n >= 1 && n <= 6 && k >= 2 && k <= 8, s.dims()::toString);
            assertEquals(n, s.inputs().get("Z").numRows);
            assertEquals(n, s.inputs().get("Y").numRows);
            assertEquals(k, s.inputs().get("Z").numCols);
            assertEquals(k, s.inputs().get("Y").numCols);
            assertEquals(1, s.inputs().get("b").numRows);
            assertEquals(k, s.inputs().get("b").numCols);
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), ns, "every n in the range is drawn");
    }

    @Test
    void theSameSeedDrawsTheSameSample() {
        Domain.Sample a = SOFTMAX.sample(new SplittableRandom(9));
        Domain.Sample b = SOFTMAX.sample(new SplittableRandom(9));
        assertEquals(a.dims(), b.dims());
        for (String name : a.inputs().names()) {
            assertArrayEquals(a.inputs().get(name).data, b.inputs().get(name).data, 0.0);
        }
    }

    @Test
    void malformedRangesAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Domain.dims("n=6..1"));
        assertEquals("'n=6..1': the lower bound 6 is above the upper bound 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Domain.dims("n=0..3"));
        assertThrows(IllegalArgumentException.class, () -> Domain.dims("n:1..3"));
        assertThrows(IllegalArgumentException.class, () -> Domain.dims("n=1..3", "n=2"));
    }

    @Test
    void unknownDimensionsAndNonSquareSymmetricInputsAreRejected() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Domain.dims("n=1..3").input("X", "n", "m", Structure.GAUSSIAN));
        assertEquals("input X: cols 'm' is neither a number nor a dimension (the dimensions are n)", unknown.getMessage());
        IllegalArgumentException square = assertThrows(IllegalArgumentException.class,
                () -> Domain.dims("n=1..3", "k=1..3").input("S", "n", "k", Structure.SYMMETRIC));
        assertTrue(square.getMessage().contains("must be square"), square.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Domain.dims("n=1..3").input("X", "n", "0", Structure.GAUSSIAN));
        assertThrows(IllegalArgumentException.class,
                () -> Domain.dims("n=1..3").input("X", "n", "n", Structure.GAUSSIAN).input("X", "n", "n", Structure.SPD));
    }

    @Test
    void fixedSizesAndFixedDimensionsWork() {
        Domain.Sample s = Domain.dims("n=3").input("X", "n", "2", Structure.UNIFORM).sample(new SplittableRandom(1));
        assertEquals(3, s.inputs().get("X").numRows);
        assertEquals(2, s.inputs().get("X").numCols);
    }

    @Test
    void aDomainDescribesItself() {
        assertEquals("Domain[n=1..6, k=2..8; Z n×k GAUSSIAN, Y n×k ONE_HOT_ROWS, b 1×k GAUSSIAN]", SOFTMAX.toString());
    }
}
