package io.github.gradcheck.internal.report;

/**
 * A check result that says, as typed values, what its picture is of: the input its report is
 * about and the kind of reference. The engine's results implement it; pictures never read a
 * report's text.
 */
public interface Pictured {

    /** The input the report is about, or null when none was kept. */
    String reportedInput();

    /** Whether the reference was an exact derivative (else finite differences). */
    boolean exactReference();
}
