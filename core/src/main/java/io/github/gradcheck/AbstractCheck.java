package io.github.gradcheck;

import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.internal.check.CheckSpec;

/**
 * The options of a check of functions that gradcheck calls with its own copies of the inputs:
 * besides tolerances, mode and seed ({@link CheckOptions}), parallel evaluation, an exact
 * reference, and random trials. Each returns a new check of the same kind and leaves this one as
 * it was.
 *
 * @param <SELF> the check's own type, so that options chain
 */
public abstract class AbstractCheck<SELF extends AbstractCheck<SELF>> extends CheckOptions<SELF> {

    AbstractCheck(CheckSpec spec) {
        super(spec);
    }

    /**
     * Evaluates the coordinates of a FULL check in parallel, on the common fork-join pool. Only
     * for a function and derivatives that are safe to call from several threads at once (each
     * call gets its own copies of the inputs); the result is the same as sequentially.
     *
     * @return this check, evaluated in parallel
     */
    public SELF parallel() {
        return withOptions(spec.options().withParallel(true));
    }

    /**
     * Compares with the exact derivative of a reference expression instead of finite differences:
     * the expression's Jacobian (or gradient) from the rules of matrix calculus, assembled
     * matrix-free by {@link Expr#jacobian}. With an exact reference the tolerance is near machine
     * precision (default rtol 1e-8 of the derivative's scale; {@code tolerance} sets it), so even
     * errors far below what finite differences can see are caught, and each entry costs no
     * evaluation of f. Add {@link #numerically()} to compare with finite differences too.
     *
     * <p>The expression must describe the function. For a function of one matrix its one variable
     * stands for X, whatever its name; for named inputs its variables are inputs, by name (inputs
     * it does not read have a zero derivative). At the point, its value must equal the function's
     * (to 1e-5 of their size).
     *
     * @param reference the expression the function computes
     * @return this check, against the expression's exact derivatives
     * @throws IllegalArgumentException for a null expression, or one with more than one variable
     *     for a function of one matrix; and from {@code check()} when the expression's shape or
     *     value at the point is not the function's
     * @throws IllegalStateException when a reference expression is already given
     */
    public SELF exactly(Expr reference) {
        return with(spec.withExact(reference));
    }

    /**
     * Compares with finite differences too, beside the exact reference given to {@code exactly}
     * (without one, finite differences are the reference anyway). The first reference that
     * disagrees makes the result; the report says how the other went.
     *
     * @return this check, against finite differences too
     */
    public SELF numerically() {
        return with(spec.withNumeric());
    }

    /**
     * Random trials: the check at inputs drawn from {@code domain}, the first failure shrunk to
     * the smallest, simplest case that fails the same way. Configure with {@link Trials#trials},
     * {@link Trials#seed}. A check of a function of one matrix needs a domain with one input
     * (called X in reports).
     *
     * @param domain where the inputs are drawn
     * @return the trials, ready to run
     * @throws IllegalArgumentException when a differentiated input is not in the domain, is a
     *     constant (ONE_HOT_ROWS, INTEGER), or a one-matrix check gets a domain without exactly
     *     one input
     */
    public Trials forAll(Domain domain) {
        return Trials.of(spec, domain);
    }
}
