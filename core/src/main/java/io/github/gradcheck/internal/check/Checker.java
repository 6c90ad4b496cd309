package io.github.gradcheck.internal.check;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one derivative check at one point: the entry from the API into the engine.
 *
 * <p>A Hessian or hvp given beside its gradient is checked as the derivative of that gradient (a
 * second run, on the gradient as a matrix map); the first failure of the two runs makes the
 * result, and the report says how the other went.
 */
public final class Checker {

    private Checker() {
    }

    /**
     * Checks the derivatives of {@code spec} at {@code point}. Never throws for a failed check: a
     * throwing, mutating, non-finite or nondeterministic user function is a result too.
     *
     * @param point the inputs, each already validated (finite, non-empty); not modified
     * @throws IllegalArgumentException when a reference expression does not describe the function
     */
    public static CheckResult run(CheckSpec spec, Inputs point) {
        Result first = (Result) new Run(spec, point).execute();
        Map<String, Result> more = new LinkedHashMap<>();
        for (String input : spec.secondOrder().keySet()) {
            if (spec.derivatives().get(input) instanceof Derivative.Gradient) {
                more.put(spec.derivativeName(input, spec.secondOrder().get(input)),
                        (Result) new Run(spec.secondOrderOf(input), point).execute());
            }
        }
        return more.isEmpty() ? first : combine(spec, first, more);
    }

    private static Result combine(CheckSpec spec, Result first, Map<String, Result> more) {
        List<Result> all = new ArrayList<>();
        all.add(first);
        all.addAll(more.values());
        Result primary = first;
        for (Result r : all) {
            if (primary.passed() && !r.passed()) {
                primary = r;
            }
        }
        long evaluations = 0;
        for (Result r : all) {
            evaluations += r.evaluations();
        }
        StringBuilder headline = new StringBuilder(primary.headline());
        if (primary.passed()) {
            for (Result r : more.values()) {
                headline.append("; ").append(r.headline());
            }
        }
        Map<String, String> others = new LinkedHashMap<>();
        if (primary != first && !primary.passed()) {
            others.put("first order", Verdict.line(first));
        }
        for (Map.Entry<String, Result> r : more.entrySet()) {
            if (r.getValue() != primary && !primary.passed()) {
                others.put(r.getKey(), Verdict.line(r.getValue()));
            }
        }
        Report.Builder report = Verdict.merged(headline.toString(), primary, others).fact("evaluations", evaluations);
        StringBuilder split = new StringBuilder(spec.functionName() + " " + first.evaluations());
        for (Map.Entry<String, Result> r : more.entrySet()) {
            split.append(", gradient ").append(r.getValue().evaluations()).append(" (for the ").append(r.getKey())
                    .append(")");
        }
        report.fact("evaluated", split.toString());
        return new Result(primary.status(), primary.mistake(), primary.scaleFactor(), primary.maxAbsError(),
                primary.maxRelError(), evaluations, primary.seed(), primary.cause(), primary.origin(),
                primary.analyticValues(), primary.numericValues(), Lazy.value(report.build()));
    }
}
