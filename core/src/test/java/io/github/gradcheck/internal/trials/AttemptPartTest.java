package io.github.gradcheck.internal.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradCheck;
import io.github.gradcheck.testing.Matrices;
import io.github.gradcheck.testing.QuietTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Within a composite check, the same failure must lie in the same part, told apart as a value. */
class AttemptPartTest extends QuietTest {

    private record Stage(String name) implements Attempt.Part {
    }

    /** An assertion that knows its part, as a pipeline's does. */
    private static final class Located extends AssertionError implements Attempt.Located {
        private static final long serialVersionUID = 1L;
        private final transient Attempt.Part part;

        Located(Attempt.Part part) {
            this.part = part;
        }

        @Override
        public Attempt.Part part() {
            return part;
        }

        @Override
        public String headline() {
            return "stage is wrong";
        }

        @Override
        public Map<String, String> facts() {
            return Map.of("failed stage", "softmax");
        }
    }

    /** ‖X‖² with the gradient X: a factor 2 missing. */
    private static final CheckResult HALF = GradCheck.scalar(Matrices::sumOfSquares).gradient(x -> x.copy())
            .at(Matrices.random(2, 2, 1)).check();

    @Test
    void aFailureInAnotherPartIsAnotherFailure() {
        Attempt softmax = Attempt.of(HALF, new Located(new Stage("softmax")));
        Attempt affine = Attempt.of(HALF, new Located(new Stage("affine")));
        assertFalse(softmax.sameFailure(affine));
        assertFalse(softmax.sameFailure(Attempt.of(HALF)));
        assertTrue(softmax.sameFailure(Attempt.of(HALF, new Located(new Stage("softmax")))));
    }

    @Test
    void aLocatedErrorGivesTheAttemptItsPartAndTheCompositesReport() {
        Attempt a = Attempt.of(HALF, new Located(new Stage("softmax")));
        assertEquals(Attempt.Kind.FAILED, a.kind());
        assertEquals(new Stage("softmax"), a.part());
        assertEquals("stage is wrong", a.headline());
        assertEquals("softmax", a.facts().get("failed stage"));
    }

    @Test
    void aCheckOfItsOwnHasNoPart() {
        Attempt a = Attempt.of(HALF);
        assertNull(a.part());
        assertTrue(a.sameFailure(Attempt.of(HALF)));
        assertEquals(HALF.headline(), a.headline());
    }
}
