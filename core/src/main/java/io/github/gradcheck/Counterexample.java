package io.github.gradcheck;

import java.util.Map;

/** A failing case found by random trials, shrunk to the smallest, simplest one that still fails. */
public interface Counterexample {

    /** The shrunk inputs, by name (copies; modifying them changes nothing). */
    Map<String, org.ejml.data.DMatrixRMaj> inputs();

    /** The shrunk dimensions, by name. */
    Map<String, Integer> dims();

    /** The shrinking steps taken (candidates accepted). */
    int shrinkSteps();

    /** The check at the shrunk inputs. */
    CheckResult result();

    /** The inputs of the failing trial before shrinking. */
    Map<String, org.ejml.data.DMatrixRMaj> originalInputs();

    /** The dimensions of the failing trial before shrinking. */
    Map<String, Integer> originalDims();

    /** Which draw failed, counting from 1. */
    int trial();
}
