/**
 * Words and pictures for a person, written at the very end: the
 * {@link io.github.gradcheck.internal.report.Renderer} turns a verdict into a report (a headline,
 * then aligned facts) with {@code FullText}, {@code FastText}, {@code Mismatch} and
 * {@code ProblemText}; {@link io.github.gradcheck.internal.report.Heatmaps} draws derivatives.
 * Nothing in the engine reads what is written here.
 */
package io.github.gradcheck.internal.report;
