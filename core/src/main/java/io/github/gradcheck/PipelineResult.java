package io.github.gradcheck;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a pipeline check ({@link GradCheck#pipeline()}): one check per stage, at the
 * values the forward pass fed it, and one end-to-end check of the loss's gradient with respect to
 * every parameter. Immutable.
 *
 * <p>Stage i's derivative is checked at its own input x_i = F_{i−1}(…F_0(x)) and the parameters it
 * reads: its vjp with {@code GradCheck.matrixOf(F_i).vjp(name, …)} for each input it is
 * differentiated with respect to, the loss's gradient with {@code GradCheck.scalarOf(ℓ).gradient(name, …)},
 * so each stage's result has the engine's full diagnosis. End to end, the gradient of the loss with
 * respect to every parameter (the chain rule applied through the stages' own derivatives, or the
 * user's {@code gradient(name, …)} where given) is checked against finite differences of the whole
 * forward pass.
 *
 * <p>{@link #report()} is for a person; tests and tools read {@link #failedStage()},
 * {@link #stage(String)}, {@link #endToEnd()} and {@link #wiring()}.
 */
public interface PipelineResult {

    /** {@return true exactly when every stage and the end-to-end check passed} */
    boolean passed();

    /**
     * The first stage, in forward order, whose check did not pass: its derivative is wrong, or its
     * functions threw, returned values that are not finite, or modified their arguments. Empty when
     * every stage passed (the end-to-end check may still fail: see {@link #wiring()}).
     *
     * @return the first stage, in forward order, whose check did not pass: its derivative is wrong, or its
     *     functions threw, returned values that are not finite, or modified their arguments
     */
    Optional<String> failedStage();

    /**
     * The check of one stage's derivative at the values the forward pass fed it.
     *
     * @param name the stage's name, as given to {@code stage} or {@code loss}
     * @return the check of one stage's derivative at the values the forward pass fed it
     * @throws IllegalArgumentException when there is no stage of that name
     * @throws IllegalStateException when the stage was not checked because the forward pass
     *     stopped at an earlier stage (which {@link #failedStage()} names)
     */
    CheckResult stage(String name);

    /** {@return the checks of the stages that were checked, by name, in forward order. Unmodifiable} */
    Map<String, CheckResult> stages();

    /**
     * The end-to-end check: the gradient of the loss with respect to every parameter (the
     * pipeline's input {@value Stage#INPUT} when there is none) against finite differences of the
     * whole forward pass. The gradient compared is the user's own where one is given with
     * {@code gradient(name, …)}, else the chain rule through the stages' derivatives: the
     * contributions of every stage that reads a parameter, summed.
     *
     * @return the end-to-end check: the gradient of the loss with respect to every parameter (the pipeline's
     *     input {@value Stage#INPUT} when there is none) against finite differences of the whole forward pass
     */
    CheckResult endToEnd();

    /**
     * Parameters whose end-to-end gradient given with {@code gradient(name, …)} is wrong while every
     * stage is right: the stages are right and the wiring between them is wrong. Empty when a stage
     * failed, or when every given gradient agrees with the chain rule.
     *
     * @return parameters whose end-to-end gradient given with {@code gradient(name, …)} is wrong while every
     *     stage is right: the stages are right and the wiring between them is wrong
     */
    List<Wiring> wiring();

    /**
     * How many times the stages' forward functions and the loss were called, all together: by the
     * stages' checks, the end-to-end check (stages whose inputs a perturbation does not change are
     * not called again) and the forward pass itself.
     *
     * @return how many times the stages' forward functions and the loss were called, all together: by the
     *     stages' checks, the end-to-end check (stages whose inputs a perturbation does not change are not
     *     called again) and the forward pass itself
     */
    long evaluations();

    /** {@return the seed of every check; rerunning with it reproduces the result} */
    long seed();

    /** {@return the first line of the report: what is wrong, and where} */
    String headline();

    /**
     * The facts of the report, in order: {@code stage <name>} for each stage in forward order (its
     * verdict), {@code end to end}, then, on a failure, {@code failed stage} or {@code wiring} and
     * the failed check's own facts, and {@code evaluations}. Unmodifiable.
     *
     * @return the facts of the report, in order: {@code stage <name>} for each stage in forward order (its
     *     verdict), {@code end to end}, then, on a failure, {@code failed stage} or {@code wiring} and the
     *     failed check's own facts, and {@code evaluations}
     */
    Map<String, String> facts();

    /**
     * The headline and the facts as aligned {@code key : value} lines: one verdict per stage in
     * forward order, the end-to-end verdict, then the details of the first failure.
     *
     * @return the headline and the facts as aligned {@code key : value} lines: one verdict per stage in
     *     forward order, the end-to-end verdict, then the details of the first failure
     */
    String report();

    /**
     * Throws when the pipeline does not pass.
     *
     * @return this result, when it passed
     * @throws GradientMismatchError whose {@link GradientMismatchError#result() result} is the
     *     check of the first failing stage (the end-to-end check when every stage passed) and whose
     *     message is {@link #report()}
     */
    PipelineResult assertPasses();

    /**
     * A parameter whose given end-to-end gradient disagrees with the chain rule through stages that
     * are all right.
     *
     * @param parameter the parameter
     * @param wrongEntries the entries that differ beyond the tolerance, in row-major order
     * @param entries how many entries the parameter has
     * @param matches the miswiring the given gradient equals within the tolerance, when one of
     *     those tried does
     * @param candidates how many distinct miswirings were tried
     */
    record Wiring(String parameter, List<Entry> wrongEntries, int entries, Optional<Miswiring> matches,
                  int candidates) {

        /**
         * Copies the list.
         *
         * @param parameter parameter
         * @param wrongEntries wrongEntries
         * @param entries entries
         * @param matches matches
         * @param candidates candidates
         */
        public Wiring {
            wrongEntries = List.copyOf(wrongEntries);
        }
    }

    /**
     * An entry of a matrix.
     *
     * @param row the row, from 0
     * @param col the column, from 0
     */
    record Entry(int row, int col) {
    }

    /**
     * A way of wiring right stages wrongly, computed through the stages' own derivatives.
     *
     * @param kind what was miswired
     * @param stage the stage whose derivative was miswired (or whose contribution is missing)
     * @param other the stage whose value it was given instead; empty for
     *     {@link Kind#CONTRIBUTION_MISSING}
     */
    record Miswiring(Kind kind, String stage, Optional<String> other) {

        /** What a miswiring does. */
        public enum Kind {
            /** {@code stage}'s derivative evaluated at the input of {@code other}: a cached value of the wrong stage. */
            INPUT_OF_ANOTHER_STAGE,
            /** {@code stage}'s vjp given the upstream gradient of {@code other}: a gradient passed to the wrong stage. */
            UPSTREAM_OF_ANOTHER_STAGE,
            /** A parameter several stages read, without the contribution of {@code stage}: one term of the sum left out. */
            CONTRIBUTION_MISSING
        }
    }
}
