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
    }
}
