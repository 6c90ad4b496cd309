/**
 * Observing the checks of a run: {@link io.github.gradcheck.internal.observe.Observation} is the
 * hook that {@code PointCheck.check()} and {@code Trials.run()} report to, and
 * {@link io.github.gradcheck.internal.observe.CheckRecord} what an observer gets (what was
 * checked, the result, the seed, the time). The JUnit module's suite report is its observer.
 */
package io.github.gradcheck.internal.observe;
