package io.github.gradcheck.internal.verdict;

import java.util.List;

/**
 * The judged outcome of a whole check: one finding, or several merged by the {@link Judge}, with
 * the finding that decides it. Immutable. The renderer walks it at the very end to write the
 * report; the result's status, mistake and errors are the decisive finding's.
 */
public sealed interface Verdict {

    /** The finding whose status stands. */
    Finding decisive();

    /** Evaluations of f (or F) made to reach this verdict. */
    long evaluations();

    /** This verdict with its decisive finding replaced (a label confirmed at a second point). */
    Verdict withDecisive(Finding replacement);

    /**
     * One finding: one reference, or a check that ended before comparing.
     *
     * @param finding the finding
     * @param evaluations evaluations of f made
     */
    record Single(Finding finding, long evaluations) implements Verdict {
        @Override
        public Finding decisive() {
            return finding;
        }

        @Override
        public Verdict withDecisive(Finding replacement) {
            return new Single(replacement, evaluations);
        }
    }

    /**
     * Findings against several references (an exact derivative and finite differences), in
     * reference order; the first that fails decides.
     *
     * @param findings one per reference
     * @param primary the index of the deciding finding
     * @param evaluations evaluations of f made
     */
    record References(List<Finding> findings, int primary, long evaluations) implements Verdict {
        public References {
            findings = List.copyOf(findings);
        }

        @Override
        public Finding decisive() {
            return findings.get(primary);
        }

        @Override
        public Verdict withDecisive(Finding replacement) {
            List<Finding> replaced = new java.util.ArrayList<>(findings);
            replaced.set(primary, replacement);
            return new References(replaced, primary, evaluations);
        }
    }

    /**
     * FAST mode failed on an input small enough for FULL mode, which then ran for the
     * entry-level report. FULL's verdict stands unless it could not see what the probes saw
     * (finite differences too coarse entry by entry): then FAST's stands, with FULL's as a note.
     *
     * @param fast the verdict of the probes
     * @param full the verdict of FULL mode
     * @param fullStands whether FULL's verdict stands
     */
    record FastThenFull(Verdict fast, Verdict full, boolean fullStands) implements Verdict {
        @Override
        public Finding decisive() {
            return fullStands ? full.decisive() : fast.decisive();
        }

        @Override
        public long evaluations() {
            return fast.evaluations() + full.evaluations();
        }

        @Override
        public Verdict withDecisive(Finding replacement) {
            return fullStands ? new FastThenFull(fast, full.withDecisive(replacement), true)
                    : new FastThenFull(fast.withDecisive(replacement), full, false);
        }

        /** The verdict that stands. */
        public Verdict standing() {
            return fullStands ? full : fast;
        }

        /** The other one. */
        public Verdict other() {
            return fullStands ? fast : full;
        }
    }

    /**
     * A check of first derivatives and of second derivatives given beside gradients (each checked
     * as the derivative of its gradient, in a run of its own); the first that fails decides.
     *
     * @param parts the first-order verdict first, then one per second derivative
     * @param primary the index of the deciding part
     */
    record Orders(List<Part> parts, int primary) implements Verdict {
        public Orders {
            parts = List.copyOf(parts);
        }

        /**
         * One part.
         *
         * @param label "first order", or how reports name the second derivative ("Hessian")
         * @param verdict its verdict
         * @param subject how its report names what it checked
         */
        public record Part(String label, Verdict verdict, Subject subject) {
        }

        @Override
        public Finding decisive() {
            return parts.get(primary).verdict().decisive();
        }

        @Override
        public long evaluations() {
            long sum = 0;
            for (Part p : parts) {
                sum += p.verdict().evaluations();
            }
            return sum;
        }

        @Override
        public Verdict withDecisive(Finding replacement) {
            List<Part> replaced = new java.util.ArrayList<>(parts);
            Part p = parts.get(primary);
            replaced.set(primary, new Part(p.label(), p.verdict().withDecisive(replacement), p.subject()));
            return new Orders(replaced, primary);
        }
    }

    /** How a tentative label fared at a second point. */
    enum Confirmation {
        /** The same mistake, with the same factor, at the second point: the label holds. */
        CONFIRMED,
        /** Another factor (or none) at the second point: the factor varies; the mistake is UNKNOWN. */
        VARIES,
        /** The second point could not be drawn or checked (f undefined there, a structure it cannot keep). */
        UNCONFIRMED
    }

    /**
     * A label that the values at the point only suggested (one entry fits any factor), checked at
     * a second point drawn by the check.
     *
     * @param first the verdict at the point, its decisive finding confirmed or left UNKNOWN
     * @param second the verdict at the second point; null when none could be drawn
     * @param confirmation how it fared
     * @param tentative the label the point suggested
     * @param secondFactor the factor found at the second point (1 where the derivative matched there);
     *     NaN when none
     * @param at the second point, by input; null when none could be drawn
     */
    record SecondPoint(Verdict first, Verdict second, Confirmation confirmation,
                       io.github.gradcheck.internal.diagnose.Diagnosis.Label tentative, double secondFactor,
                       java.util.Map<String, org.ejml.data.DMatrixRMaj> at) implements Verdict {
        @Override
        public Finding decisive() {
            return first.decisive();
        }

        @Override
        public long evaluations() {
            return first.evaluations() + (second == null ? 0 : second.evaluations());
        }

        @Override
        public Verdict withDecisive(Finding replacement) {
            return new SecondPoint(first.withDecisive(replacement), second, confirmation, tentative, secondFactor, at);
        }
    }
}
