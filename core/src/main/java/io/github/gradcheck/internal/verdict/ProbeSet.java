package io.github.gradcheck.internal.verdict;

import java.util.List;

/**
 * FAST mode's evidence against one reference: the probes, judged at their final scale. Immutable.
 *
 * @param against the reference
 * @param form the derivative's form (gradient, jvp, vjp, Jacobian, Kronecker form, Hessian, hvp)
 * @param kind how the probes compare
 * @param probes every probe, in the order drawn
 * @param tolerance the tolerance at the final scale (the largest reference magnitude)
 * @param failed the probes outside tolerance, worst first
 * @param resolved whether every probe's reference resolves the derivative (error within
 *     {@link Comparison#MAX_RESOLUTION} of the scale)
 * @param free the free coordinates probed
 * @param inputs the inputs probed
 * @param outputRows rows of F (for labels of a vector probe's entries)
 * @param accumulates whether the analytic side is the increment of a gradient that kept adding
 *     into its buffers
 * @param secondLook when exactly one probe failed and more were drawn that all agreed: what the
 *     lone probe saw; null otherwise
 */
public record ProbeSet(Against against, String form, ProbeKind kind, List<Probe> probes, Tolerance tolerance, List<Probe> failed,
                       boolean resolved, int free, List<String> inputs, int outputRows, Accumulates accumulates,
                       SecondLook secondLook) {

    /**
     * FAST mode's guarantee: a derivative wrong by this many times the tolerance (widened by the
     * finite-difference error bound) or more along the directions slips through with probability
     * below 1e-9 (the argument is in the javadoc of the check's FastMode).
     */
    public static final int GAMMA = 60;

    public ProbeSet {
        probes = List.copyOf(probes);
        failed = List.copyOf(failed);
        inputs = List.copyOf(inputs);
    }

    /**
     * A lone disagreeing probe that further probes did not confirm.
     *
     * @param probe the disagreeing probe
     * @param entry its worst entry
     * @param more how many more probes were drawn
     */
    public record SecondLook(Probe probe, int entry, int more) {
    }

    /** Whether every probe agrees and the reference resolves them. */
    public boolean passed() {
        return failed.isEmpty() && resolved;
    }

    /** This set judged a pass: one direction disagreed and the further ones all agreed. */
    public ProbeSet passedAfter(SecondLook look) {
        return new ProbeSet(against, form, kind, probes, tolerance, List.of(), resolved, free, inputs, outputRows, accumulates,
                look);
    }

    /** The largest |analytic − reference| over the probes. */
    public double maxDistance() {
        double max = 0;
        for (Probe p : probes) {
            for (int i = 0; i < p.size(); i++) {
                max = Math.max(max, p.distance(i));
            }
        }
        return max;
    }

    /** The largest error bound over the probes. */
    public double maxError() {
        double max = 0;
        for (Probe p : probes) {
            max = Math.max(max, p.maxError());
        }
        return max;
    }
}
