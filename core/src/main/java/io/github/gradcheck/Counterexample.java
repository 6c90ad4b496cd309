package io.github.gradcheck;

import java.util.Map;

/** A failing case found by random trials, shrunk to the smallest, simplest one that still fails. */
public interface Counterexample {

    /** {@return the shrunk inputs, by name} They are copies: modifying them changes nothing. */
    Map<String, org.ejml.data.DMatrixRMaj> inputs();

    /** {@return the shrunk dimensions, by name} */
    Map<String, Integer> dims();

    /** {@return the shrinking steps taken (candidates accepted)} */
    int shrinkSteps();

    /** {@return the check at the shrunk inputs} */
    CheckResult result();

    /** {@return the inputs of the failing trial before shrinking, by name} */
    Map<String, org.ejml.data.DMatrixRMaj> originalInputs();

    /** {@return the dimensions of the failing trial before shrinking, by name} */
    Map<String, Integer> originalDims();

    /** {@return which draw failed, counting from 1} */
    int trial();
}
