package io.github.gradcheck.internal.verdict;

import java.util.Map;

/**
 * How reports name what was checked: names only, given by the check's configuration.
 *
 * @param function the function's name: f for a scalar function, F for a matrix map, or a label
 *     ("gradient" when a Hessian is checked as the derivative of the gradient)
 * @param singleInput whether the user wrote a function of one matrix (its input is X)
 * @param derivatives how reports name each input's derivative ("gradient", "vjp for W")
 * @param forms each input's derivative form ("gradient", "vjp")
 * @param expression the reference expression, as text, or null
 */
public record Subject(String function, boolean singleInput, Map<String, String> derivatives,
                      Map<String, String> forms, String expression) {

    public Subject {
        derivatives = Map.copyOf(derivatives);
        forms = Map.copyOf(forms);
    }

    /** How reports name the derivative of an input. */
    public String derivative(String input) {
        return derivatives.getOrDefault(input, "derivative for " + input);
    }
}
