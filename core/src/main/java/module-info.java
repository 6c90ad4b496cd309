/**
 * gradcheck core: checks hand-written derivatives of matrix functions against finite
 * differences and says what is wrong.
 *
 * <p>Only the API packages are exported; finite differences, generation, shrinking, diagnosis
 * and report rendering live in {@code io.github.gradcheck.internal.*}.
 */
module io.github.gradcheck {
    requires transitive ejml.core;
    requires ejml.ddense;

    exports io.github.gradcheck;
    exports io.github.gradcheck.kron;
    exports io.github.gradcheck.calculus;

    // the JUnit extension runs its trials, shrinks and renders with core's own machinery
    exports io.github.gradcheck.internal.generate to io.github.gradcheck.junit;
    exports io.github.gradcheck.internal.report to io.github.gradcheck.junit;
    exports io.github.gradcheck.internal.text to io.github.gradcheck.junit;
    exports io.github.gradcheck.internal.trials to io.github.gradcheck.junit;
    // the suite report observes every check of a run
    exports io.github.gradcheck.internal.observe to io.github.gradcheck.junit;
}
