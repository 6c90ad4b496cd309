package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.text.Numbers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One evaluation of an expression at given inputs: every node's value, each computed once
 * (shared subexpressions included) and kept for the local Jacobians. Not thread-safe; one is made
 * per call of evaluate, jacobian or gradient. The inputs are read, never modified.
 */
public final class Evaluation {

    private final Inputs inputs;
    private final Map<Node, DMatrixRMaj> values = new IdentityHashMap<>();

    /**
     * @throws IllegalArgumentException for null inputs
     */
    public Evaluation(Inputs inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException("the inputs are null");
        }
        this.inputs = inputs;
    }

    /**
     * The node's value: computed on the first call (children first, without deep recursion),
     * the same matrix afterwards. Callers must not modify it.
     */
    public DMatrixRMaj value(Node node) {
        DMatrixRMaj known = values.get(node);
        if (known != null) {
            return known;
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            Node next = pending.peek();
            if (values.containsKey(next)) {
                pending.pop();
                continue;
            }
            boolean ready = true;
            for (Node child : next.children()) {
                if (!values.containsKey(child)) {
                    pending.push(child);
                    ready = false;
                }
            }
            if (ready) {
                pending.pop();
                values.put(next, next.compute(this));
            }
        }
        return values.get(node);
    }

    /**
     * The input bound to a variable.
     *
     * @throws IllegalArgumentException when there is no such input (the message lists the inputs),
     *     or it is empty
     */
    public DMatrixRMaj input(String variable) {
        if (!inputs.contains(variable)) {
            throw new IllegalArgumentException("no input for the variable '" + variable + "'; the inputs are "
                    + (inputs.names().isEmpty() ? "none" : String.join(", ", inputs.names())));
        }
        DMatrixRMaj m = inputs.get(variable);
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException("the input for the variable '" + variable + "' is empty ("
                    + Numbers.shape(m.numRows, m.numCols) + ")");
        }
        return m;
    }
}
