package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.text.Numbers;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * A node of an expression graph: an operation applied to its children. Immutable; a node may be
 * the child of several nodes (a shared subexpression). Shapes are not known until the variables
 * are bound, so shapes are checked when a value is computed.
 *
 * <p>A node gives two things: its value from its children's values, and its local Jacobian
 * ∂vec(node)/∂vec(child)ᵀ with respect to each child, at those values, as a matrix-free map
 * whose transpose is available. {@link Jacobians} chains them.
 */
public abstract class Node {

    /** Precedences for {@link #toString()}: a lower one needs parentheses inside a higher one. */
    static final int SUM = 1;
    static final int PREFIX = 2;
    static final int PRODUCT = 3;
    static final int POSTFIX = 4;
    static final int ATOM = 5;

    /** The longest formula shown; longer ones are cut. */
    static final int MAX_FORMULA = 400;

    private final List<Node> children;
    private final Set<String> variables;
    /** The formula once made; a benign race (a String is safely published, and always the same). */
    private String formula;

    Node(Node... children) {
        this.children = List.of(children);
        Set<String> names = new LinkedHashSet<>();
        for (Node child : children) {
            names.addAll(child.variables);
        }
        this.variables = Collections.unmodifiableSet(names);
    }

    /** Used by {@link Variable} only. */
    Node(String variable) {
        this.children = List.of();
        this.variables = Set.of(variable);
    }

    /** The operands, in order. */
    public final List<Node> children() {
        return children;
    }

    final Node child(int i) {
        return children.get(i);
    }

    /** The names of the variables this node depends on, in order of first appearance. */
    public final Set<String> variables() {
        return variables;
    }

    /** Whether the value depends on the named variable. */
    public final boolean dependsOn(String variable) {
        return variables.contains(variable);
    }

    /**
     * The value at an evaluation, computed from the children's values ({@code ev.value(child)});
     * never modifies them. Checks the children's shapes.
     *
     * @return a new matrix, owned by the evaluation from then on
     * @throws IllegalArgumentException when the children's shapes do not fit the operation
     */
    abstract DMatrixRMaj compute(Evaluation ev);

    /**
     * The local Jacobian ∂vec(this)/∂vec(child i)ᵀ at the evaluation's values: rows = entries of
     * this node's value, cols = entries of the child's value. Called only after the value.
     */
    abstract Operator local(int child, Evaluation ev);

    /** The precedence of the formula's outermost operation. */
    abstract int precedence();

    /**
     * This node's formula from its operands' {@link #toString()}s, e.g. {@code tr(A·X·B·Xᵀ)};
     * called once per node, when the operands' formulas are known.
     */
    abstract String format();

    /**
     * The formula, e.g. {@code tr(A·X·B·Xᵀ)}, cut to {@value #MAX_FORMULA} characters with "…".
     * Each node's formula is made once, children first without deep recursion, so that a deep
     * graph of shared subexpressions (whose written-out formula grows exponentially) stays cheap.
     */
    @Override
    public final String toString() {
        String known = formula;
        if (known != null) {
            return known;
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Node next = pending.peek();
            if (next.formula != null) {
                pending.pop();
                continue;
            }
            boolean ready = true;
            for (Node child : next.children) {
                if (child.formula == null) {
                    pending.push(child);
                    ready = false;
                }
            }
            if (ready) {
                pending.pop();
                String f = next.format();
                next.formula = f.length() <= MAX_FORMULA ? f : f.substring(0, MAX_FORMULA - 1) + "…";
            }
        }
        return formula;
    }

    /** A child's formula, in parentheses when its precedence is below {@code minimum}. */
    static String operand(Node child, int minimum) {
        String formula = child.toString();
        return child.precedence() < minimum ? "(" + formula + ")" : formula;
    }

    /** {@code 2×3}. */
    static String shape(DMatrixRMaj m) {
        return Numbers.shape(m.numRows, m.numCols);
    }

    /** {@code [2×3]}. */
    static String bracketed(DMatrixRMaj m) {
        return "[" + shape(m) + "]";
    }
}
