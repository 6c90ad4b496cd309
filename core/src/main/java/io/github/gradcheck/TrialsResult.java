package io.github.gradcheck;

import java.util.Optional;

/** The result of random trials ({@code forAll(domain).run()}). Immutable. */
public interface TrialsResult {

    /** True when every judged trial passed and not too many draws were discarded. */
    boolean passed();

    /** The trials judged (passed, or the one that failed); discarded draws are not counted. */
    int trials();

    /**
     * Draws discarded: f was not finite there (outside its domain), the point stayed on a kink
     * after being moved, or finite differences could not judge it.
     */
    int skipped();

    /** The seed every draw came from; rerunning with it reproduces the trials and the shrunk case. */
    long seed();

    /** The shrunk failing case, when a trial failed. */
    Optional<Counterexample> counterexample();

    /** The first line of the report. */
    String headline();

    /**
     * The facts of the report, in order: on a failure the shrunk check's facts, then {@code dims},
     * {@code inputs} (pasteable Java), {@code seed}, {@code trial}, {@code original},
     * {@code shrink steps}, {@code replay}. Unmodifiable.
     */
    java.util.Map<String, String> facts();

    /** A headline and aligned facts: the shrunk case's report, dims, inputs, seed and replay. */
    String report();
}
