package io.github.gradcheck.internal.trials;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.check.Result;
import io.github.gradcheck.internal.diagnose.Diagnosis;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a property at some inputs came to: passed, discarded (f undefined there, an
 * assumption failed, finite differences could not judge), on a kink (to be moved off), or failed.
 *
 * @param kind what happened
 * @param headline a line for a person
 * @param facts facts for the report (for a failed check, the check's)
 * @param result the check behind it, when there is one
 * @param error the exception behind a failure, when there is one
 * @param part which part of a composite check the result belongs to (a pipeline's stage); null
 *     for a check of its own
 */
public record Attempt(Kind kind, String headline, Map<String, String> facts, CheckResult result, Throwable error,
                      Part part) {

    /** How a run came out. */
    public enum Kind { PASSED, DISCARDED, KINK, FAILED }

    /**
     * Which part of a composite check a failure lies in, such as one stage of a pipeline. A value:
     * implementations are records, compared with {@code equals}; a failure in another part is
     * another failure.
     */
    public interface Part {
    }

    /**
     * An assertion error of a composite check (a pipeline's): the part that failed, and the
     * composite's own headline and facts, which name the part.
     */
    public interface Located {
        Part part();

        String headline();

        Map<String, String> facts();
    }

    public static final Attempt PASSED = new Attempt(Kind.PASSED, "passed", Map.of(), null, null);

    public Attempt {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts)); // in order: reports read top down
    }

    /** An attempt that is not part of a composite check. */
    public Attempt(Kind kind, String headline, Map<String, String> facts, CheckResult result, Throwable error) {
        this(kind, headline, facts, result, error, null);
    }

    /** The attempt a check result stands for. */
    public static Attempt of(CheckResult result) {
        return of(result, null);
    }

    /**
     * The attempt a check result stands for, with the error that carried it (its assertion). When
     * the error is {@link Located}, the result is one part of a composite check: the attempt takes
     * the part and the composite's headline and facts.
     */
    public static Attempt of(CheckResult result, Throwable error) {
        Origin origin = result instanceof Result r ? r.origin() : (result.passed() ? Origin.NONE : Origin.DERIVATIVE);
        Kind kind = switch (origin) {
            case NONE -> Kind.PASSED;
            case FUNCTION_UNDEFINED, UNRESOLVED -> Kind.DISCARDED;
            case KINK -> Kind.KINK;
            default -> Kind.FAILED;
        };
        if (error instanceof Located located) {
            return new Attempt(kind, located.headline(), located.facts(), result, error, located.part());
        }
        return new Attempt(kind, result.headline(), result.facts(), result, error);
    }

    /** A failure that is not a check: an assertion of another library, or an exception. */
    public static Attempt failed(Throwable error, String headline, Map<String, String> facts) {
        return new Attempt(Kind.FAILED, headline, facts, null, error);
    }

    /** A run to leave out, such as one whose assumption failed. */
    public static Attempt discarded(String headline) {
        return new Attempt(Kind.DISCARDED, headline, Map.of(), null, null);
    }

    /**
     * Whether another failure is the same as this one, for shrinking: a wrong derivative stays a
     * wrong derivative (a mismatch may become a wrong shape, as a transposed gradient does when
     * the dimensions differ) with the same mistake, UNKNOWN included (2Ax for the (A + Aᵀ)x of
     * xᵀAx is a factor 2 where x has zeros: a smaller case that names another mistake would
     * mislead), except that a smaller case may lose the label only because it cannot tell (one entry
     * fits a factor whatever is wrong, and no second point confirmed it); another failed check keeps
     * its status, origin and exception class; a failure
     * without a check keeps its exception class. Within a composite check, the failure must also
     * lie in the same {@link Part} (a pipeline's same stage): compared as values, never as text.
     */
    public boolean sameFailure(Attempt other) {
        if (other.kind != Kind.FAILED || !Objects.equals(part, other.part)) {
            return false;
        }
        if (result == null || other.result == null) {
            return result == null && other.result == null && Objects.equals(errorClass(), other.errorClass());
        }
        if (wrongDerivative(result) && origin(result) == Origin.DERIVATIVE) {
            return wrongDerivative(other.result) && origin(other.result) == Origin.DERIVATIVE
                    && (result.mistake() == other.result.mistake() || cannotTell(other.result, result.mistake()));
        }
        return result.status() == other.result.status() && origin(result) == origin(other.result)
                && Objects.equals(causeClass(result), causeClass(other.result));
    }

    /**
     * Whether a result is UNKNOWN only because its case is too small to tell {@code mistake}: its
     * values suggested that label, but on too few entries, and no second point settled it.
     */
    private static boolean cannotTell(CheckResult r, Mistake mistake) {
        if (r.mistake() != Mistake.UNKNOWN || !(r instanceof Result internal)) {
            return false;
        }
        Diagnosis.Label label = internal.finding().label();
        boolean unconfirmed = !(internal.verdict() instanceof Verdict.SecondPoint sp)
                || sp.confirmation() == Verdict.Confirmation.UNCONFIRMED;
        return label != null && label.tentative() == mistake && unconfirmed;
    }

    private Class<?> errorClass() {
        return error == null ? null : error.getClass();
    }

    private static Origin origin(CheckResult r) {
        return r instanceof Result internal ? internal.origin() : Origin.DERIVATIVE;
    }

    private static boolean wrongDerivative(CheckResult r) {
        return r.status() == Status.MISMATCH || r.status() == Status.SHAPE_MISMATCH;
    }

    private static Class<?> causeClass(CheckResult r) {
        return r.cause().map(Object::getClass).orElse(null);
    }
}
