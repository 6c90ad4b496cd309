package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.verdict.Judge;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one derivative check at one point: the entry from the API into the engine.
 *
 * <p>A {@link Session} compares the first derivatives (and Hessians given without a gradient). A
 * Hessian or hvp given beside its gradient is checked as the derivative of that gradient, in a
 * session of its own on the gradient as a matrix map. The {@link Judge} merges the verdicts (the
 * first failure decides), and the result renders its report only when asked.
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
    public static Result run(CheckSpec spec, Inputs point) {
        List<Verdict.Orders.Part> parts = new ArrayList<>();
        parts.add(new Verdict.Orders.Part("first order", Session.run(spec, point), subject(spec)));
        for (String input : spec.secondOrder().keySet()) {
            if (spec.derivatives().get(input) instanceof Derivative.Gradient) {
                CheckSpec second = spec.secondOrderOf(input);
                parts.add(new Verdict.Orders.Part(spec.derivativeName(input, spec.secondOrder().get(input)),
                        Session.run(second, point), subject(second)));
            }
        }
        return new Result(Judge.orders(parts), subject(spec), spec.options().seed());
    }

    /** How reports name what a spec checks. */
    static Subject subject(CheckSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> forms = new LinkedHashMap<>();
        spec.secondOrder().forEach((input, d) -> {
            names.put(input, spec.derivativeName(input, d));
            forms.put(input, d.form());
        });
        spec.derivatives().forEach((input, d) -> {
            names.put(input, spec.derivativeName(input, d));
            forms.put(input, d.form());
        });
        return new Subject(spec.functionName(), spec.singleInput(), names, forms,
                spec.reference().exact() == null ? null : spec.reference().exact().toString());
    }
}
