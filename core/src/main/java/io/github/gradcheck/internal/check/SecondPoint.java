package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Mistake;
import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.diagnose.Diagnosis;
import io.github.gradcheck.internal.verdict.Finding;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * A label is a claim about the derivative, not about one number. When the values at the point fit
 * a constant factor or the wrong sign on fewer than {@value Diagnosis#EVIDENCE} independent
 * entries (a derivative of one entry fits c·N for some c whatever is wrong), the check is run again
 * at a second point drawn by the check: the label holds when the same factor appears there; when
 * another appears, the factor varies and the mistake is UNKNOWN.
 *
 * <p>The second point moves every entry inside the input's structure by a random factor
 * exp(±0.3·(1 + |z|)), z standard normal: at least 30% up or down, its sign kept (so a function
 * defined for positive values stays defined), and an entry at 0 by ±0.3·(1 + |z|); an SPD input
 * gets 30% to 60% of its diagonal added. A move that large shows a factor that varies. Inputs
 * whose structure would not survive (orthogonal, one-hot, integer, simplex) are not moved, and
 * when only such inputs carry the label it stays UNKNOWN, unconfirmed.
 */
final class SecondPoint {

    /** The relative size of the move to the second point. */
    static final double MOVE = 0.3;

    private SecondPoint() {
    }

    /** The verdict with its tentative label confirmed, refuted, or left unconfirmed; as it is otherwise. */
    static Verdict confirm(CheckSpec spec, Inputs point, Verdict verdict, java.util.function.BiFunction<CheckSpec, Inputs,
            Verdict> checkAt) {
        Finding f = verdict.decisive();
        Diagnosis.Label label = f.label();
        if (label == null || label.tentative() == null) {
            return verdict;
        }
        Map<String, DMatrixRMaj> at = draw(spec, point);
        if (at == null) {
            return new Verdict.SecondPoint(verdict, null, Verdict.Confirmation.UNCONFIRMED, label, Double.NaN, null);
        }
        Verdict second = checkAt.apply(spec, Inputs.of(at));
        Finding g = second.decisive();
        Diagnosis.Label there = g.label();
        if (g.passed()) {
            return new Verdict.SecondPoint(verdict, second, Verdict.Confirmation.VARIES, label, 1.0, at);
        }
        if (there == null) {
            return new Verdict.SecondPoint(verdict, second, Verdict.Confirmation.UNCONFIRMED, label, Double.NaN, at);
        }
        Mistake mistake = there.tentative() != null ? there.tentative() : there.mistake();
        double factor = there.scaleFactor();
        if (mistake == label.tentative() && sameFactor(label.scaleFactor(), f, factor, g)) {
            Finding confirmed = f.withLabel(label.confirmed());
            return new Verdict.SecondPoint(verdict.withDecisive(confirmed), second, Verdict.Confirmation.CONFIRMED, label,
                    factor, at);
        }
        return new Verdict.SecondPoint(verdict, second, Verdict.Confirmation.VARIES, label, factor, at);
    }

    /**
     * Whether two factors are the same within what the two comparisons resolve: each reference is
     * known to its tolerance relative to its size at the worst entry.
     */
    private static boolean sameFactor(double c1, Finding f1, double c2, Finding f2) {
        if (!Double.isFinite(c1) || !Double.isFinite(c2)) {
            return false;
        }
        double u = uncertainty(f1) + uncertainty(f2);
        return Math.abs(c1 - c2) <= Math.max(Math.abs(c1), Math.abs(c2)) * u;
    }

    private static double uncertainty(Finding f) {
        Finding.Worst w = f.worst();
        if (w == null || w.reference() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return w.allowed() / Math.abs(w.reference());
    }

    /** The second point, or null when no differentiated input can be moved within its structure. */
    static Map<String, DMatrixRMaj> draw(CheckSpec spec, Inputs point) {
        SplittableRandom random = new SplittableRandom(spec.options().seed() ^ 0x5EC0D9L);
        Map<String, DMatrixRMaj> at = new LinkedHashMap<>();
        boolean moved = false;
        for (Map.Entry<String, DMatrixRMaj> e : point.asMap().entrySet()) {
            String name = e.getKey();
            DMatrixRMaj x = e.getValue();
            Structure structure = spec.options().structure(name);
            boolean differentiated = spec.differentiated().containsKey(name);
            DMatrixRMaj y = differentiated ? moved(structure, x, random) : null;
            moved |= y != null;
            at.put(name, y != null ? y : x);
        }
        return moved ? at : null;
    }

    /** An input moved within its structure, or null when its structure would not survive. */
    private static DMatrixRMaj moved(Structure structure, DMatrixRMaj x, SplittableRandom random) {
        DMatrixRMaj y = x.copy();
        switch (structure) {
            case ORTHOGONAL, ONE_HOT_ROWS, INTEGER, SIMPLEX_ROWS -> {
                return null;
            }
            case SPD -> {
                for (int i = 0; i < Math.min(y.numRows, y.numCols); i++) {
                    y.set(i, i, y.get(i, i) * (1 + MOVE * Math.min(2, 1 + Math.abs(random.nextGaussian()))));
                }
                return y;
            }
            default -> {
            }
        }
        for (int r = 0; r < y.numRows; r++) {
            for (int c = 0; c < y.numCols; c++) {
                boolean inside = switch (structure) {
                    case DIAGONAL -> r == c;
                    case LOWER_TRIANGULAR -> r >= c;
                    case UPPER_TRIANGULAR -> r <= c;
                    case SYMMETRIC -> r >= c;
                    default -> true;
                };
                if (!inside) {
                    continue;
                }
                double v = y.get(r, c);
                double z = (random.nextBoolean() ? 1 : -1) * (1 + Math.abs(random.nextGaussian()));
                double w = v == 0 ? MOVE * z : v * Math.exp(MOVE * z);
                if (structure == Structure.UNIFORM) {
                    w = Math.max(-1, Math.min(1, w));
                }
                y.set(r, c, w);
                if (structure == Structure.SYMMETRIC) {
                    y.set(c, r, w);
                }
            }
        }
        return y;
    }
}
