package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.diagnose.Diagnosis;
import java.util.List;

/**
 * What one comparison against one reference found, in FULL or FAST mode, or why the check ended
 * before comparing: typed and immutable. The {@link Judge} makes findings and ranks them; the
 * renderer turns them into words at the very end. No decision reads a finding's words, because it
 * has none.
 *
 * @param status the outcome
 * @param why the reason behind the status
 * @param origin where a failure comes from, for random trials
 * @param mistake the classic mistake the evidence supports (NONE for a pass or a failure that is
 *     not a wrong derivative, UNKNOWN when no label holds)
 * @param scaleFactor c with analytic ≈ c · reference for WRONG_SCALE; NaN otherwise
 * @param mode FULL or FAST: how the reference was taken
 * @param against the reference (null when the check ended early)
 * @param tolerance the tolerance at the worst entry's comparison, or of the first comparison for a
 *     pass (null when the check ended early)
 * @param worst the entry (or probe) furthest outside its tolerance; null when none failed
 * @param compared the entries (or probes) compared
 * @param failed the entries (or probes) outside tolerance
 * @param maxAbsError the largest |analytic − reference| (NaN when nothing was compared)
 * @param maxRelError maxAbsError relative to the derivative's scale (NaN when nothing was compared)
 * @param resolution the largest reference error relative to the derivative's scale: how finely the
 *     reference resolves the derivative (0 for an exact one)
 * @param evidence what the finding rests on, for the renderer and the pictures
 */
public record Finding(Status status, Why why, Origin origin, Mistake mistake, double scaleFactor, Mode mode,
                      Against against, Tolerance tolerance, Worst worst, long compared, long failed,
                      double maxAbsError, double maxRelError, double resolution, Evidence evidence) {

    /** Whether the status is PASSED. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The diagnosis of a mismatch, from its evidence; null when there is none. */
    public Diagnosis.Label label() {
        if (evidence instanceof Full f) {
            return f.label();
        }
        return evidence instanceof Fast f ? f.label() : null;
    }

    /** This finding with another diagnosis (a tentative label confirmed at a second point). */
    public Finding withLabel(Diagnosis.Label newLabel) {
        Evidence e = evidence;
        if (evidence instanceof Full f) {
            e = new Full(f.comparisons(), f.decisive(), f.entry(), newLabel, f.mended(), f.symmetry(), f.mendedInputs());
        } else if (evidence instanceof Fast f) {
            e = new Fast(f.probes(), f.worst(), f.entry(), newLabel, f.mended(), f.auto(), f.coordinates());
        }
        return new Finding(status, why, origin, newLabel.mistake(), newLabel.scaleFactor(), mode, against, tolerance,
                worst, compared, failed, maxAbsError, maxRelError, resolution, e);
    }

    /**
     * The entry (or probe entry) furthest outside its tolerance.
     *
     * @param input the input it belongs to (FAST: the inputs probed, joined)
     * @param output the vec index of the output entry (F's entry, or a Hessian's row); for a
     *     probe, its entry
     * @param coordinate the coordinate (FULL) or −1
     * @param probe the probe's index (FAST) or −1
     * @param analytic the analytic value
     * @param reference the reference value (the midpoint of the one-sided slopes at a kink)
     * @param distance how far the analytic value lies from what the reference allows
     * @param allowed the tolerance at that entry
     */
    public record Worst(String input, int output, int coordinate, int probe, double analytic, double reference,
                        double distance, double allowed) {
    }

    /** What a finding rests on. */
    public sealed interface Evidence {
    }

    /**
     * FULL mode: the per-input comparisons against one reference.
     *
     * @param comparisons every input's comparison, in order
     * @param decisive the comparison that decided a failure (the worst one, or the mended one); null for a pass
     * @param entry the decisive entry; null for a pass or a shape mismatch
     * @param label the diagnosis of a mismatch; null otherwise
     * @param mended the mended derivative behind a shape mismatch; null otherwise
     * @param symmetry for a Hessian mismatch, how it fails to be symmetric; null otherwise
     * @param mendedInputs every input whose derivative the check mended (its comparison is not of the
     *     user's derivative itself)
     */
    public record Full(List<Comparison> comparisons, Comparison decisive, Comparison.Entry entry,
                       Diagnosis.Label label, Mended mended, HessianSymmetry symmetry, List<String> mendedInputs)
            implements Evidence {
        public Full {
            comparisons = List.copyOf(comparisons);
            mendedInputs = List.copyOf(mendedInputs);
        }
    }

    /**
     * FAST mode: the probes against one reference.
     *
     * @param probes the judged probes
     * @param worst the decisive probe; null for a pass
     * @param entry its worst entry
     * @param label the diagnosis of a mismatch; null otherwise
     * @param mended the mended derivative behind a shape mismatch; null otherwise
     * @param auto whether AUTO chose FAST mode
     * @param coordinates the coordinates of the whole check (what AUTO compared with its limit)
     */
    public record Fast(ProbeSet probes, Probe worst, int entry, Diagnosis.Label label, Mended mended, boolean auto,
                       int coordinates) implements Evidence {
    }

    /**
     * The adjoint identity of a jvp and a vjp given for the same input: ⟨U, jvp(V)⟩ = ⟨vjp(U), V⟩,
     * at its worst random pair.
     *
     * @param pair the worst pair's index
     * @param pairs how many pairs were tested
     * @param jvpSide ⟨U, jvp(V)⟩
     * @param vjpSide ⟨vjp(U), V⟩
     * @param allowed the rounding allowed: rtol·(‖U‖‖jvp(V)‖ + ‖vjp(U)‖‖V‖)
     */
    public record Adjoint(String input, String jvp, String vjp, int pair, int pairs, double jvpSide, double vjpSide,
                          double allowed) implements Evidence {

        /** |jvp side − vjp side| in units of what rounding allows. */
        public double excess() {
            double d = Math.abs(jvpSide - vjpSide);
            return allowed > 0 ? d / allowed : (d == 0 ? 0 : Double.POSITIVE_INFINITY);
        }
    }

    /** The check ended before comparing. */
    public record Ended(Problem problem) implements Evidence {
    }

    /**
     * How a Hessian that fails its check fails to be symmetric.
     *
     * @param row the row of the pair (row, col) and (col, row) that differs most beyond both tolerances,
     *     −1 when it is symmetric within tolerance
     * @param col the column of that pair, −1 likewise
     * @param symmetricPartMatches whether (H + Hᵀ)/2 matches the reference (the symmetry was assumed)
     */
    public record HessianSymmetry(int row, int col, boolean symmetricPartMatches) {

        /** Whether some pair differs beyond tolerance. */
        public boolean asymmetric() {
            return row >= 0;
        }
    }
}
