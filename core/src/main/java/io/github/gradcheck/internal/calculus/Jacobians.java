package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.StructuralOperators;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.kron.LinearMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Jacobians and gradients of expressions: the local maps of the nodes that depend on the
 * variable, chained by {@link ChainRule}.
 */
public final class Jacobians {

    private Jacobians() {
    }

    /**
     * ∂vec E/∂vec Vᵀ at the evaluation's inputs, matrix-free: (entries of E) × (entries of V); the
     * zero map when E does not depend on V.
     *
     * @throws IllegalArgumentException when V is not among the inputs, or a shape does not fit
     * @throws ArithmeticException when an operation's value does not exist (a singular inverse)
     */
    public static LinearMap map(Node root, String variable, Evaluation ev) {
        return new JacobianMap(of(root, variable, ev));
    }

    /** As {@link #map}, the operator itself. */
    static Operator of(Node root, String variable, Evaluation ev) {
        int cols = ev.input(variable).getNumElements();
        int rows = ev.value(root).getNumElements();
        if (!root.dependsOn(variable)) {
            return StructuralOperators.zero(rows, cols);
        }
        List<Node> order = dependents(root, variable);
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            position.put(order.get(k), k);
        }
        int n = order.size();
        int[] sizes = new int[n];
        boolean[] seeds = new boolean[n];
        int[][] operands = new int[n][];
        Operator[][] locals = new Operator[n][];
        for (int k = 0; k < n; k++) {
            Node node = order.get(k);
            sizes[k] = ev.value(node).getNumElements();
            seeds[k] = node instanceof Variable v && v.name().equals(variable);
            List<Integer> edges = new ArrayList<>();
            for (int i = 0; i < node.children().size(); i++) {
                if (node.child(i).dependsOn(variable)) {
                    edges.add(i);
                }
            }
            operands[k] = new int[edges.size()];
            locals[k] = new Operator[edges.size()];
            for (int e = 0; e < edges.size(); e++) {
                int i = edges.get(e);
                operands[k][e] = position.get(node.child(i));
                locals[k][e] = node.local(i, ev);
            }
        }
        return new ChainRule(root, variable, sizes, seeds, operands, locals);
    }

    /**
     * The gradient of a 1×1 E with respect to V, in V's shape, by reverse mode: the transposed
     * Jacobian applied to [1].
     *
     * @throws IllegalArgumentException when E is not 1×1 at these inputs, or as {@link #of}
     */
    public static DMatrixRMaj gradient(Node root, String variable, Evaluation ev) {
        DMatrixRMaj value = ev.value(root);
        if (value.getNumElements() != 1) {
            throw new IllegalArgumentException("gradient: " + root + " is " + Node.shape(value)
                    + ", not 1×1; a gradient needs a scalar expression (use jacobian for a matrix one)");
        }
        Operator jacobian = of(root, variable, ev);
        DMatrixRMaj v = ev.input(variable);
        double[] g = new double[v.getNumElements()];
        jacobian.transpose().applyInto(new double[] {1.0}, g);
        DMatrixRMaj gradient = new DMatrixRMaj(v.numRows, v.numCols);
        VecLayout.unvecInto(g, gradient);
        return gradient;
    }

    /** The nodes that depend on the variable, each once, children before parents, the root last. */
    private static List<Node> dependents(Node root, String variable) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node next = pending.peek();
            if (visited.containsKey(next)) {
                pending.pop();
                if (!visited.get(next)) {
                    visited.put(next, true);
                    order.add(next);
                }
                continue;
            }
            visited.put(next, false);
            for (Node child : next.children()) {
                if (child.dependsOn(variable) && !visited.containsKey(child)) {
                    pending.push(child);
                }
            }
        }
        return order;
    }
}
