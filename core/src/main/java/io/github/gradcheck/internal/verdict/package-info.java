/**
 * Decisions, typed: the evidence the modes produce ({@link io.github.gradcheck.internal.verdict.Comparison}
 * for FULL, {@link io.github.gradcheck.internal.verdict.ProbeSet} for FAST, a
 * {@link io.github.gradcheck.internal.verdict.Problem} when the check ended early), the
 * {@link io.github.gradcheck.internal.verdict.Tolerance} rule written once, the
 * {@link io.github.gradcheck.internal.verdict.Judge} that turns evidence into
 * {@link io.github.gradcheck.internal.verdict.Finding}s by one precedence for both modes and
 * merges them into a {@link io.github.gradcheck.internal.verdict.Verdict}. Nothing here writes a
 * word for a person: the renderer in {@code internal.report} does, at the very end.
 */
package io.github.gradcheck.internal.verdict;
