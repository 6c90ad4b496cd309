package io.github.gradcheck.internal.verdict;

import io.github.gradcheck.Mistake;
import io.github.gradcheck.Status;

/**
 * Why a check ended before it could compare derivatives: the user's code threw, returned the
 * wrong shape or a non-finite value, modified an argument or is not deterministic, or f is
 * undefined near the point. Typed, so that the judge and random trials decide on it; the
 * renderer puts it into words. {@code at} fields describe where it happened, for a person.
 */
public sealed interface Problem {

    /** The status this problem gives the check. */
    Status status();

    /** The mistake it stands for: NONE, or UNKNOWN for a derivative of the wrong shape. */
    default Mistake mistake() {
        return Mistake.NONE;
    }

    /** Where it comes from, for random trials. */
    Origin origin();

    /** The exception behind it, or null. */
    default Throwable cause() {
        return null;
    }

    /** f is NaN or infinite at or near the point: outside its domain (random trials discard the draw). */
    sealed interface Undefined extends Problem permits NotFinite, UndefinedNear, ReferenceNotFinite,
            ReferenceUndefined {
        @Override
        default Status status() {
            return Status.NON_FINITE;
        }

        @Override
        default Origin origin() {
            return Origin.FUNCTION_UNDEFINED;
        }
    }

    /** A derivative returned something of the wrong shape or form, which no classic mistake explains. */
    sealed interface WrongDerivativeShape extends Problem permits WrongShape, Malformed, MissingGradient,
            UnknownGradient {
        @Override
        default Status status() {
            return Status.SHAPE_MISMATCH;
        }

        @Override
        default Mistake mistake() {
            return Mistake.UNKNOWN;
        }

        @Override
        default Origin origin() {
            return Origin.DERIVATIVE;
        }
    }

    /**
     * f (or F) is NaN or infinite at the point.
     *
     * @param output the vec index of the entry of F (0 for a scalar f)
     * @param outputRows rows of F, 0 for a scalar f
     */
    record NotFinite(String function, double value, int output, int outputRows) implements Undefined {
    }

    /**
     * Two evaluations of f at the same point differ beyond rounding.
     *
     * @param allowed the difference rounding allows
     */
    record Nondeterministic(String function, double first, double second, double allowed, int output,
                            int outputRows) implements Problem {
        @Override
        public Status status() {
            return Status.NONDETERMINISTIC;
        }

        @Override
        public Origin origin() {
            return Origin.FUNCTION;
        }
    }

    /**
     * f is NaN or infinite at every step tried near the point along a line.
     *
     * @param output the vec index of the entry of F, or −1 when not about one entry
     * @param along the line, for a person ("X(0, 1)", "a random direction of FAST mode")
     * @param firstStep the first step tried, NaN when not reported
     * @param lastStep the last step tried, NaN when not reported
     * @param boundary whether to say the point is on the boundary of f's domain
     */
    record UndefinedNear(String function, int output, int outputRows, String along, double firstStep,
                         double lastStep, boolean boundary) implements Undefined {
    }

    /**
     * A derivative is NaN or infinite.
     *
     * @param row the row of the entry in the returned matrix
     * @param col its column
     * @param at where, after "the point" (" for G = E(0, 1)"), for a person
     */
    record DerivativeNotFinite(String derivative, int row, int col, double value, String at) implements Problem {
        @Override
        public Status status() {
            return Status.NON_FINITE;
        }

        @Override
        public Origin origin() {
            return Origin.DERIVATIVE;
        }
    }

    /** What a derivative's shape is compared with, for the message. */
    enum Expected {
        /** The input's shape (a gradient, a vjp, an hvp of a scalar f). */
        INPUT,
        /** F's shape (a jvp). */
        OUTPUT,
        /** F's entries × the input's entries (a Jacobian). */
        JACOBIAN,
        /** The input's entries squared (a Hessian in vec layout). */
        HESSIAN,
        /** F's entries × the input's entries (a matrix-free map). */
        MAP
    }

    /**
     * A derivative has a shape that no mistake explains (or two different ones).
     *
     * @param derivative how reports name the derivative
     * @param form its form (gradient, Jacobian, jvp, …)
     * @param input the input it is the derivative for
     * @param givenRows the rows it returned
     * @param givenCols the columns it returned
     * @param rows the rows it must have
     * @param cols the columns it must have
     * @param expected what the shape is compared with
     * @param function how reports name f (or F)
     */
    record WrongShape(String derivative, String form, String input, int givenRows, int givenCols, int rows, int cols,
                      Expected expected, String function) implements WrongDerivativeShape {
    }

    /**
     * A derivative returned something malformed: a matrix-free map that failed its own check, a
     * ragged array, a value of the wrong type.
     *
     * @param message what is wrong, naming what was expected
     */
    record Malformed(String derivative, String message) implements WrongDerivativeShape {
    }

    /**
     * A user function returned null.
     *
     * @param derivative whether it is a derivative (else f itself)
     */
    record NullResult(String function, boolean derivative, String at) implements Problem {
        @Override
        public Status status() {
            return Status.SHAPE_MISMATCH;
        }

        @Override
        public Mistake mistake() {
            return derivative ? Mistake.UNKNOWN : Mistake.NONE;
        }

        @Override
        public Origin origin() {
            return derivative ? Origin.DERIVATIVE : Origin.FUNCTION;
        }
    }

    /**
     * A model's backward returned no gradient for a parameter.
     *
     * @param returned the names it did return
     */
    record MissingGradient(String derivative, String parameter, java.util.List<String> returned) implements WrongDerivativeShape {
        public MissingGradient {
            returned = java.util.List.copyOf(returned);
        }

    }

    /**
     * A model's backward returned a gradient for a name that is not a parameter.
     *
     * @param parameters the parameters' names
     */
    record UnknownGradient(String derivative, String name, java.util.List<String> parameters) implements WrongDerivativeShape {
        public UnknownGradient {
            parameters = java.util.List.copyOf(parameters);
        }

    }

    /**
     * The gradient returned for a parameter is the very array of a parameter (aliasing): its values
     * are parameters, not a gradient, and perturbing the parameter would change it.
     *
     * @param parameter the parameter whose gradient it is
     * @param array the parameter whose array it is
     */
    record AliasedGradient(String derivative, String parameter, String array) implements Problem {
        @Override
        public Status status() {
            return Status.MISMATCH;
        }

        @Override
        public Mistake mistake() {
            return Mistake.UNKNOWN;
        }

        @Override
        public Origin origin() {
            return Origin.DERIVATIVE;
        }
    }

    /**
     * A vjp returned the same nonzero matrix for two different upstream gradients G: it ignores G
     * (a vjp is linear in G, so two random G give different results unless it is zero).
     *
     * @param input the input it is the vjp for
     */
    record IgnoresUpstream(String derivative, String input) implements Problem {
        @Override
        public Status status() {
            return Status.MISMATCH;
        }

        @Override
        public Mistake mistake() {
            return Mistake.UPSTREAM_GRADIENT_IGNORED;
        }

        @Override
        public Origin origin() {
            return Origin.DERIVATIVE;
        }
    }

    /**
     * A gradient written into buffers (a model's backward, a fused function) returned different
     * gradients when called again at the same point, and not by adding the same gradient into its
     * buffer every time: it is not deterministic, or what it returns depends on what its buffer held.
     *
     * @param rows the input's rows
     * @param cols the input's columns
     * @param index the first data index (row-major) where the first two calls differ
     * @param first that entry on the first call
     * @param second that entry on the second call
     * @param givenBuffer whether the buffer is the caller's array (a fused function's)
     */
    record NotRepeatable(String derivative, String input, int rows, int cols, int index, double first, double second,
                         boolean givenBuffer) implements Problem {
        @Override
        public Status status() {
            return Status.NONDETERMINISTIC;
        }

        @Override
        public Origin origin() {
            return Origin.DERIVATIVE;
        }
    }

    /** F returned a matrix of another shape than at the point. */
    record ChangedShape(String function, int rows, int cols, int firstRows, int firstCols, String at)
            implements Problem {
        @Override
        public Status status() {
            return Status.SHAPE_MISMATCH;
        }

        @Override
        public Origin origin() {
            return Origin.FUNCTION;
        }
    }

    /**
     * A user function modified an argument.
     *
     * @param index the first changed data index (row-major), or −1 when the shape changed
     * @param newRows the argument's rows afterwards
     * @param newCols the argument's columns afterwards
     */
    record InputMutated(String function, String argument, int rows, int cols, int index, double before,
                        double after, int newRows, int newCols, String at, Origin origin) implements Problem {
        @Override
        public Status status() {
            return Status.INPUT_MUTATED;
        }
    }

    /** A user function threw. */
    record Threw(String function, Throwable exception, String at, Origin origin) implements Problem {
        @Override
        public Status status() {
            return Status.THREW;
        }

        @Override
        public Throwable cause() {
            return exception;
        }
    }

    /** The reference expression is NaN or infinite at the point. */
    record ReferenceNotFinite(String expression, double value, int output, int outputRows) implements Undefined {
    }

    /** The reference expression is not defined at the point (a singular inverse). */
    record ReferenceUndefined(String expression, ArithmeticException exception) implements Undefined {
        @Override
        public Throwable cause() {
            return exception;
        }
    }
}
