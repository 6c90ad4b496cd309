package io.github.gradcheck.internal.report;

import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Problem;

/** The words for a check that ended before comparing: what the user's code did, and where. */
final class ProblemText {

    private ProblemText() {
    }

    /** The headline and the problem's own facts (status first). */
    static Report.Builder render(Problem problem) {
        String status = problem.status().name();
        if (problem instanceof Problem.NotFinite p) {
            String entry = entry(p.output(), p.outputRows());
            return Report.headline(p.function() + " is " + Numbers.format(p.value()) + entry + " at the point")
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("value", p.value())
                    .fact("at", "the point" + entry);
        }
        if (problem instanceof Problem.Nondeterministic p) {
            String entry = entry(p.output(), p.outputRows());
            return Report.headline(p.function() + " is not deterministic: two evaluations at the same point differ"
                            + entry + ": " + Numbers.format(p.first()) + " then " + Numbers.format(p.second()))
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("first", p.first())
                    .fact("second", p.second())
                    .fact("difference", Math.abs(p.second() - p.first()))
                    .fact("allowed", Numbers.brief(p.allowed()) + " (rounding)")
                    .fact("at", "the point" + entry)
                    .fact("hint", "seed any randomness (dropout, sampling) and fix the order of parallel sums, then "
                            + "check again");
        }
        if (problem instanceof Problem.UndefinedNear p) {
            String entry = p.output() < 0 ? "" : entry(p.output(), p.outputRows());
            Report.Builder report = Report.headline(p.function() + entry + " is not finite near the point: NaN or "
                            + "infinite at every step along " + p.along() + (p.boundary() ? " (the point is on the "
                            + "boundary of " + p.function() + "'s domain)" : ""))
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("along", p.along());
            if (!Double.isNaN(p.firstStep())) {
                report.fact("steps", Numbers.brief(p.firstStep()) + " down to " + Numbers.brief(p.lastStep()));
            }
            return report;
        }
        if (problem instanceof Problem.DerivativeNotFinite p) {
            String entry = "(" + p.row() + ", " + p.col() + ")";
            return Report.headline(p.derivative() + " is " + Numbers.format(p.value()) + " at " + entry + p.at())
                    .fact("status", status)
                    .fact("function", p.derivative())
                    .fact("entry", entry)
                    .fact("value", p.value())
                    .fact("at", "the point" + p.at());
        }
        if (problem instanceof Problem.WrongShape p) {
            String shapes = shapes(p);
            return Report.headline(shapes)
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("shapes", shapes);
        }
        if (problem instanceof Problem.Malformed p) {
            return Report.headline(p.derivative() + ": " + p.message())
                    .fact("status", status)
                    .fact("function", p.derivative());
        }
        if (problem instanceof Problem.MissingGradient p) {
            return Report.headline(p.derivative() + " returned no gradient for parameter " + p.parameter()
                            + " (it returned " + names(p.returned()) + ")")
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("missing", p.parameter())
                    .fact("returned", names(p.returned()));
        }
        if (problem instanceof Problem.UnknownGradient p) {
            return Report.headline(p.derivative() + " returned a gradient for '" + p.name() + "', which is not a "
                            + "parameter (the parameters are " + names(p.parameters()) + ")")
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("unknown", p.name())
                    .fact("parameters", names(p.parameters()));
        }
        if (problem instanceof Problem.AliasedGradient p) {
            String what = p.parameter().equals(p.array()) ? "the parameter's own array"
                    : "the array of parameter " + p.array();
            return Report.headline("the gradient " + p.derivative() + " returned for " + p.parameter() + " is " + what
                            + ", not a gradient buffer: return the buffer backward writes the gradient into")
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("parameter", p.parameter())
                    .fact("aliases", p.array());
        }
        if (problem instanceof Problem.IgnoresUpstream p) {
            return Report.headline(p.derivative() + " ignores its upstream gradient G: two calls with different G "
                            + "returned the same matrix; multiply by G (a ReLU backward is G ∘ (y > 0), not (y > 0))")
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("calls", "2, with different random G (no finite differences)");
        }
        if (problem instanceof Problem.NullResult p) {
            return Report.headline(p.function() + " returned null" + (p.derivative() ? "" : " " + p.at()))
                    .fact("status", status)
                    .fact("shapes", p.function() + " returned null instead of a matrix");
        }
        if (problem instanceof Problem.ChangedShape p) {
            String found = Numbers.shape(p.rows(), p.cols());
            String first = Numbers.shape(p.firstRows(), p.firstCols());
            return Report.headline(p.function() + " changed shape: " + found + " " + p.at() + " but " + first
                            + " at the point")
                    .fact("status", status)
                    .fact("shapes", p.function() + " is " + found + " " + p.at() + " but " + first + " at the point");
        }
        if (problem instanceof Problem.InputMutated p) {
            return mutated(p, status);
        }
        if (problem instanceof Problem.NotRepeatable p) {
            String entry = "(" + p.index() / p.cols() + ", " + p.index() % p.cols() + ")";
            return Report.headline(p.derivative() + (p.givenBuffer()
                            ? " depends on what the gradient array held before the call: given different arrays at the "
                            + "same point, it returned different gradients, and not the same gradient added to each; "
                            + "write every entry of the array (=)"
                            : " is not repeatable: called three times at the same point, it returned different "
                            + "gradients, and not the same gradient added each time; seed its randomness "
                            + "(beforeEachEvaluation) or make it depend on the parameters only"))
                    .fact("status", status)
                    .fact("mistake", p.mistake().name())
                    .fact("function", p.derivative())
                    .fact("input", p.input() + " (" + Numbers.shape(p.rows(), p.cols()) + ")")
                    .fact("entry", entry)
                    .fact("first", p.first())
                    .fact("second", p.second())
                    .fact("at", "the point");
        }
        if (problem instanceof Problem.Threw p) {
            Throwable t = p.exception();
            String exception = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            return Report.headline(p.function() + " threw " + t.getClass().getSimpleName() + " " + p.at())
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("exception", exception)
                    .fact("at", p.at());
        }
        if (problem instanceof Problem.ReferenceNotFinite p) {
            String entry = entry(p.output(), p.outputRows());
            return Report.headline("the reference expression " + p.expression() + " is " + Numbers.format(p.value())
                            + entry + " at the point")
                    .fact("status", status)
                    .fact("function", "reference " + p.expression())
                    .fact("value", p.value())
                    .fact("at", "the point" + entry);
        }
        Problem.ReferenceUndefined p = (Problem.ReferenceUndefined) problem;
        return Report.headline("the reference expression " + p.expression() + " is not defined at the point: "
                        + p.exception().getMessage())
                .fact("status", status)
                .fact("function", "reference " + p.expression())
                .fact("cause", p.exception().getMessage());
    }

    private static Report.Builder mutated(Problem.InputMutated p, String status) {
        Report.Builder report;
        if (p.index() < 0) {
            report = Report.headline(p.function() + " modified its argument " + p.argument() + ": it changed its "
                            + "shape from " + Numbers.shape(p.rows(), p.cols()) + " to "
                            + Numbers.shape(p.newRows(), p.newCols()))
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("argument", p.argument());
        } else {
            String entry = "(" + p.index() / p.cols() + ", " + p.index() % p.cols() + ")";
            report = Report.headline(p.function() + " modified its argument " + p.argument() + " at " + entry
                            + ": a function must not write to its arguments")
                    .fact("status", status)
                    .fact("function", p.function())
                    .fact("argument", p.argument() + " (" + Numbers.shape(p.rows(), p.cols()) + ")")
                    .fact("entry", entry)
                    .fact("before", p.before())
                    .fact("after", p.after());
        }
        return report.fact("at", p.at());
    }

    private static String names(java.util.List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** "gradient is 3×2 but input X is 2×3", and the like for each kind of derivative. */
    static String shapes(Problem.WrongShape p) {
        String given = Numbers.shape(p.givenRows(), p.givenCols());
        String expected = Numbers.shape(p.rows(), p.cols());
        return switch (p.expected()) {
            case INPUT -> p.derivative() + " is " + given + " but input " + p.input() + " is " + expected;
            case OUTPUT -> p.derivative() + " is " + given + " but " + p.function() + " is " + expected;
            case JACOBIAN -> p.derivative() + " is " + given + " but it must be " + expected + ": " + p.function()
                    + " has " + p.rows() + " entries and input " + p.input() + " has " + p.cols() + "; the "
                    + p.form() + " is " + expected;
            case HESSIAN -> p.derivative() + " is " + given + " but input " + p.input() + " has " + p.rows()
                    + " entries; the Hessian in vec layout is " + expected;
            case MAP -> p.derivative() + " is a " + given + " map but " + p.function() + " has " + p.rows()
                    + " entries and input " + p.input() + " has " + p.cols() + ": it must be " + expected;
        };
    }

    /** " at (1, 0)" for entry i of a matrix output (rows > 0); "" for a scalar. */
    private static String entry(int output, int outputRows) {
        if (outputRows <= 0) {
            return "";
        }
        return " at (" + VecLayout.row(output, outputRows) + ", " + VecLayout.col(output, outputRows) + ")";
    }
}
