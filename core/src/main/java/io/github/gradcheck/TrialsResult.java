package io.github.gradcheck;

import java.util.Optional;

/** The result of random trials ({@code forAll(domain).run()}). Immutable. */
public interface TrialsResult {

    /** {@return true when every judged trial passed and not too many draws were discarded} */
    boolean passed();

    /** {@return the number of trials judged (passed, or the one that failed)} Discarded draws are not counted. */
    int trials();

    /**
     * {@return the number of draws discarded}
     * A draw is discarded when f was not finite there (outside its domain), the point stayed on a kink
     * after being moved, or finite differences could not judge it.
     */
    int skipped();

    /** {@return the seed every draw came from} Rerunning with it reproduces the trials and the shrunk case. */
    long seed();

    /** {@return the shrunk failing case, when a trial failed} */
    Optional<Counterexample> counterexample();

    /** {@return the first line of the report} */
    String headline();

    /**
     * {@return the facts of the report, by key} In order: on a failure the shrunk check's facts, then {@code dims},
     * {@code inputs} (pasteable Java), {@code seed}, {@code trial}, {@code original},
     * {@code shrink steps}, {@code replay}. Unmodifiable.
     */
    java.util.Map<String, String> facts();

    /** {@return the report: a headline and aligned facts} The shrunk case's report, dims, inputs, seed and replay. */
    String report();
}
