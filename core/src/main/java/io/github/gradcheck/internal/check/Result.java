package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Mode;
import io.github.gradcheck.Status;
import io.github.gradcheck.internal.report.Heatmaps;
import io.github.gradcheck.internal.report.Pictured;
import io.github.gradcheck.internal.report.Renderer;
import io.github.gradcheck.internal.report.Report;
import io.github.gradcheck.internal.verdict.Against;
import io.github.gradcheck.internal.verdict.Comparison;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Origin;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;

/**
 * The immutable {@link CheckResult} of one check: its verdict, whose decisive finding gives the
 * status, mistake and errors, and the report rendered from it when first asked for.
 */
public final class Result implements CheckResult, Pictured {

    private final Verdict verdict;
    private final Finding decisive;
    private final long seed;
    private final Lazy<Report> report;

    Result(Verdict verdict, Subject subject, long seed) {
        this.verdict = verdict;
        this.decisive = verdict.decisive();
        this.seed = seed;
        this.report = Lazy.of(() -> Renderer.render(verdict, subject, seed));
    }

    /** The judged verdict behind this result. */
    public Verdict verdict() {
        return verdict;
    }

    /** The finding that decides this result. */
    public Finding finding() {
        return decisive;
    }

    /** Where a failure comes from, for random trials. */
    public Origin origin() {
        return decisive.origin();
    }

    @Override
    public boolean passed() {
        return decisive.passed();
    }

    @Override
    public Status status() {
        return decisive.status();
    }

    @Override
    public Mistake mistake() {
        return decisive.mistake();
    }

    @Override
    public OptionalDouble scaleFactor() {
        return decisive.mistake() == Mistake.WRONG_SCALE ? OptionalDouble.of(decisive.scaleFactor())
                : OptionalDouble.empty();
    }

    @Override
    public double maxAbsError() {
        return decisive.maxAbsError();
    }

    @Override
    public double maxRelError() {
        return decisive.maxRelError();
    }

    @Override
    public long evaluations() {
        return verdict.evaluations();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Mode mode() {
        return decisive.mode();
    }

    @Override
    public Optional<Throwable> cause() {
        return decisive.evidence() instanceof Finding.Ended e ? Optional.ofNullable(e.problem().cause())
                : Optional.empty();
    }

    @Override
    public Map<String, DMatrixRMaj> analytic() {
        return kept(true);
    }

    @Override
    public Map<String, DMatrixRMaj> numeric() {
        return kept(false);
    }

    /** The decisive finding's whole derivatives (copies), except those the check mended. */
    private Map<String, DMatrixRMaj> kept(boolean analytic) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        if (decisive.evidence() instanceof Finding.Full full) {
            for (Comparison c : full.comparisons()) {
                DMatrixRMaj m = c.dense(analytic);
                if (m != null && !full.mendedInputs().contains(c.input)) {
                    out.put(c.input, m.copy());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String reportedInput() {
        if (decisive.evidence() instanceof Finding.Full full) {
            if (full.decisive() != null) {
                return full.decisive().input;
            }
            return full.comparisons().size() == 1 ? full.comparisons().get(0).input : null;
        }
        return null;
    }

    @Override
    public boolean exactReference() {
        return decisive.against() == Against.EXACT;
    }

    @Override
    public Optional<String> picture() {
        return Heatmaps.picture(this, "");
    }

    @Override
    public String headline() {
        return report.get().headline();
    }

    @Override
    public Map<String, String> facts() {
        return report.get().facts();
    }

    @Override
    public String report() {
        return report.get().render();
    }

    @Override
    public String toString() {
        return report();
    }
}
