package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.verdict.Judge;
import io.github.gradcheck.internal.verdict.Subject;
import io.github.gradcheck.internal.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

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
        Inputs at = roundedToFloat(spec, point);
        Verdict verdict = SecondPoint.confirm(spec, at, verdictAt(spec, at), Checker::verdictAt);
        return new Result(verdict, subject(spec), spec.options().seed());
    }

    /** The verdict of every check of {@code spec} at one point, without a second point. */
    private static Verdict verdictAt(CheckSpec spec, Inputs point) {
        point = roundedToFloat(spec, point);
        List<Verdict.Orders.Part> parts = new ArrayList<>();
        CheckSpec first = spec.firstForms();
        parts.add(new Verdict.Orders.Part("first order", Session.run(first, point), subject(first)));
        adjoints(spec, point, parts);
        for (String input : spec.secondOrder().keySet()) {
            if (spec.derivatives().get(input) instanceof Derivative.Gradient) {
                CheckSpec second = spec.secondOrderOf(input);
                parts.add(new Verdict.Orders.Part(spec.derivativeName(input, spec.secondOrder().get(input)),
                        Session.run(second, point), subject(second)));
            }
        }
        return Judge.orders(parts);
    }

    /**
     * For each input given both a jvp and a vjp: their adjoint identity, tested without finite
     * differences; when it fails, the second form is checked against finite differences too, to
     * say which of the two is wrong. The first failure among the checks decides (the forms'
     * checks first, as they name a mistake).
     */
    private static void adjoints(CheckSpec spec, Inputs point, List<Verdict.Orders.Part> parts) {
        boolean holds = true;
        List<Verdict.Orders.Part> identities = new ArrayList<>();
        for (Map.Entry<String, Derivative> pair : spec.adjoints().entrySet()) {
            String input = pair.getKey();
            Derivative given = spec.derivatives().get(input);
            Derivative.Jvp jvp = (Derivative.Jvp) (given instanceof Derivative.Jvp ? given : pair.getValue());
            Derivative.Vjp vjp = (Derivative.Vjp) (given instanceof Derivative.Vjp ? given : pair.getValue());
            Verdict identity = AdjointIdentity.test(spec.firstForms(), point, input, jvp, vjp);
            if (identity == null) {
                holds = false; // a call misbehaved: the finite-difference checks name it
                continue;
            }
            holds &= identity.decisive().passed();
            identities.add(new Verdict.Orders.Part("adjoint identity" + (spec.singleInput() ? "" : " for " + input),
                    identity, subject(spec.firstForms())));
        }
        if (!holds) {
            CheckSpec companions = spec.companions();
            String label = String.join(", ", companions.adjointsLabel(spec.adjoints().keySet()));
            parts.add(new Verdict.Orders.Part(label, Session.run(companions, point), subject(companions)));
        }
        parts.addAll(identities);
    }

    /** The point with its float-valued inputs rounded to float: what the user's float code sees. */
    private static Inputs roundedToFloat(CheckSpec spec, Inputs point) {
        if (spec.options().floats().isEmpty()) {
            return point;
        }
        Map<String, DMatrixRMaj> rounded = new LinkedHashMap<>();
        point.asMap().forEach((name, m) -> {
            DMatrixRMaj copy = m;
            if (spec.options().isFloat(name)) {
                copy = m.copy();
                for (int i = 0; i < copy.getNumElements(); i++) {
                    copy.data[i] = (float) copy.data[i];
                }
            }
            rounded.put(name, copy);
        });
        return Inputs.of(rounded);
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
