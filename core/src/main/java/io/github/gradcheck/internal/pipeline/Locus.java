package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.internal.trials.Attempt;

/**
 * Where in a pipeline a failure lies, for shrinking: a stage by name, or the end-to-end check
 * (every stage passed). Compared as a value.
 *
 * @param stage the failing stage's name; null for the end-to-end check
 */
record Locus(String stage) implements Attempt.Part {

    static final Locus END_TO_END = new Locus(null);
}
