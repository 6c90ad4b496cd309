package io.github.gradcheck.internal.report;

import io.github.gradcheck.internal.diagnose.Diagnosis;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Accumulates;
import io.github.gradcheck.internal.verdict.Against;
import java.util.StringJoiner;

/** The words for typed values that several parts of a report use: references, mistakes, places. */
final class Words {

    private Words() {
    }

    /** How headlines name a reference: "matches finite differences". */
    static String of(Against against) {
        return switch (against) {
            case EXACT -> "the exact derivative";
            case FINITE_DIFFERENCES -> "finite differences";
            case SECOND_DIFFERENCES -> "second differences of f";
        };
    }

    /** The report's key for the reference value of an entry: "exact" or "numeric". */
    static String key(Against against) {
        return against == Against.EXACT ? "exact" : "numeric";
    }

    /** The mistake in plain words with the fix, for a derivative of this form; empty for UNKNOWN. */
    static String advice(Diagnosis.Label label, String form) {
        return switch (label.mistake()) {
            case SYMMETRIC_GRADIENT_FORMULA -> "on a symmetric input the gradient is (G + Gᵀ)/2, not the textbook "
                    + "G + Gᵀ − G∘I: its off-diagonal entries are twice the right ones, so halve them";
            case ELEMENTWISE_JACOBIAN -> "the Jacobian has only its diagonal: F is not elementwise (its outputs depend "
                    + "on other entries, as softmax's do: its Jacobian is diag(s) − ssᵀ, not diag(s∘(1 − s))), so "
                    + "include the off-diagonal terms";
            case TRANSPOSED -> switch (label.transposition()) {
                case GRADIENT -> "the gradient is the transpose of the right one: return its transpose (Aᵀ where A is "
                        + "returned)";
                case JACOBIAN -> form.equals("vjp") ? "the vjp applies J where Jᵀ is right (it computes the jvp's "
                        + "map): apply the transposed operations" : "the " + form + " is the transpose of the right "
                        + "Jacobian";
                case OUTPUT -> "the " + form + " gives the transpose of each output matrix: return the transpose of "
                        + "what it returns now";
                case INPUT -> "the " + form + " works on the transposed input: "
                        + (form.equals("vjp") ? "return the transpose of what it returns now" : "transpose H first");
            };
            case WRONG_SIGN -> "the " + form + " has the wrong sign: negate it";
            case WRONG_SCALE -> "the " + form + " is " + Numbers.factor(label.scaleFactor()) + " × the right one: a "
                    + "constant factor is off (the 2 of a square, a mean where a sum is right, a missing "
                    + "normalization); multiply it by " + Numbers.factor(1 / label.scaleFactor());
            default -> "";
        };
    }

    /** The "second call" fact of a mismatch found on what a gradient that adds into its buffer added. */
    static String added(Accumulates how) {
        return "differs from the first: it adds into " + (how == Accumulates.GIVEN_BUFFER ? "the array it is given"
                : "buffers it never resets") + "; compared is what one call added";
    }

    /** The headline of a right gradient in buffers that are not reset. */
    static String notReset(Accumulates how, String derivative) {
        if (how == Accumulates.GIVEN_BUFFER) {
            return derivative + " adds into the array it is given instead of writing it: given a buffer of random "
                    + "values, it returned them plus the right gradient; write the gradient (=), do not add it (+=)";
        }
        return derivative + " adds into gradient buffers it never resets: called twice at the same point, the second "
                + "result is the first plus the right gradient; zero the buffers at the start of backward (the "
                + "twin of zero_grad)";
    }

    /** Where the failing entries are, for a person; empty when anywhere. */
    static String where(Diagnosis.Place place, String input, String function) {
        return switch (place.where()) {
            case ANYWHERE -> "";
            case ENTRY -> "only entry (" + place.row() + ", " + place.col() + ")";
            case DIAGONAL -> "the diagonal" + (place.count() < place.of() ? " (" + place.count() + " of its entries)"
                    : "");
            case OFF_DIAGONAL -> "every entry off the diagonal (the diagonal is right)";
            case ROWS, COLUMNS -> {
                StringJoiner list = new StringJoiner(", ");
                place.lines().forEach(l -> list.add(Integer.toString(l)));
                boolean rows = place.where() == Diagnosis.Where.ROWS;
                yield (rows ? (place.lines().size() == 1 ? "row " : "rows ")
                        : (place.lines().size() == 1 ? "column " : "columns ")) + list;
            }
            case INPUT_DIRECTION -> "only the derivative along " + input + "(" + place.row() + ", " + place.col() + ")";
            case OUTPUT_ENTRY -> "only output entry " + function + "(" + place.row() + ", " + place.col() + ")";
        };
    }
}
