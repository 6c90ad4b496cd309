package io.github.gradcheck.internal.calculus;

import io.github.gradcheck.internal.linalg.Operator;
import java.util.Arrays;

/**
 * ∂vec E/∂vec Vᵀ by the chain rule over the expression graph, J_node = Σ_children local·J_child,
 * applied without forming any J: forward (a Jacobian-vector product) by pushing a tangent from V
 * through the nodes that depend on V in topological order; transposed (a vector-Jacobian product,
 * reverse mode) by pulling an adjoint from E back through the transposed local maps. Each node is
 * visited once per application, so a shared subexpression costs once, not once per path.
 *
 * <p>A column (J·eⱼ) starts with {@code columnInto} on the local maps that touch the seed, where
 * a Kronecker factor gives its column as an outer product.
 */
final class ChainRule extends Operator {

    /** E and V, for the map's description only. */
    private final Node root;
    private final String variable;
    /** Entries of each node's value; nodes in topological order, children first, E last. */
    private final int[] sizes;
    /** Whether a node is the variable V. */
    private final boolean[] seeds;
    /** For node k, the positions of its operands that depend on V, one per edge. */
    private final int[][] operands;
    /** locals[k][e] = ∂vec(node k)/∂vec(operand e)ᵀ, and its transpose. */
    private final Operator[][] locals;
    private final Operator[][] adjoints;
    /** The last node that reads each node's tangent (forward). */
    private final int[] lastUse;
    private final boolean transposed;

    ChainRule(Node root, String variable, int[] sizes, boolean[] seeds, int[][] operands, Operator[][] locals) {
        this(root, variable, sizes, seeds, operands, locals, transposeAll(locals), lastUses(operands), false);
    }

    private ChainRule(Node root, String variable, int[] sizes, boolean[] seeds, int[][] operands, Operator[][] locals,
                      Operator[][] adjoints, int[] lastUse, boolean transposed) {
        super(transposed ? seedSize(sizes, seeds) : sizes[sizes.length - 1],
                transposed ? sizes[sizes.length - 1] : seedSize(sizes, seeds));
        this.root = root;
        this.variable = variable;
        this.sizes = sizes;
        this.seeds = seeds;
        this.operands = operands;
        this.locals = locals;
        this.adjoints = adjoints;
        this.lastUse = lastUse;
        this.transposed = transposed;
    }

    private static int seedSize(int[] sizes, boolean[] seeds) {
        for (int k = 0; k < sizes.length; k++) {
            if (seeds[k]) {
                return sizes[k];
            }
        }
        throw new IllegalStateException("no node is the variable");
    }

    private static Operator[][] transposeAll(Operator[][] locals) {
        Operator[][] t = new Operator[locals.length][];
        for (int k = 0; k < locals.length; k++) {
            t[k] = new Operator[locals[k].length];
            for (int e = 0; e < locals[k].length; e++) {
                t[k][e] = locals[k][e].transpose();
            }
        }
        return t;
    }

    private static int[] lastUses(int[][] operands) {
        int[] last = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            for (int c : operands[k]) {
                last[c] = Math.max(last[c], k);
            }
        }
        return last;
    }

    @Override
    public void applyInto(double[] in, double[] out) {
        if (transposed) {
            reverse(in, -1, out);
        } else {
            forward(in, -1, out);
        }
    }

    @Override
    public void columnInto(int j, double[] out) {
        if (transposed) {
            reverse(null, j, out);
        } else {
            forward(null, j, out);
        }
    }

    /** out = J·in, or J·e_unit when unit ≥ 0. */
    private void forward(double[] in, int unit, double[] out) {
        int last = sizes.length - 1;
        if (seeds[last]) {
            seed(in, unit, out);
            return;
        }
        double[][] tangents = new double[sizes.length][];
        for (int k = 0; k <= last; k++) {
            if (seeds[k]) {
                continue;
            }
            double[] target = k == last ? out : new double[sizes[k]];
            double[] term = operands[k].length > 1 ? new double[sizes[k]] : null;
            for (int e = 0; e < operands[k].length; e++) {
                int c = operands[k][e];
                double[] into = e == 0 ? target : term;
                if (!seeds[c]) {
                    locals[k][e].applyInto(tangents[c], into);
                } else if (unit >= 0) {
                    locals[k][e].columnInto(unit, into);
                } else {
                    locals[k][e].applyInto(in, into);
                }
                if (e > 0) {
                    add(term, target);
                }
            }
            for (int c : operands[k]) {
                if (lastUse[c] == k) {
                    tangents[c] = null;
                }
            }
            tangents[k] = target;
        }
    }

    /** out = Jᵀ·in, or Jᵀ·e_unit when unit ≥ 0: reverse mode. */
    private void reverse(double[] in, int unit, double[] out) {
        int last = sizes.length - 1;
        if (seeds[last]) {
            seed(in, unit, out);
            return;
        }
        Arrays.fill(out, 0, rows(), 0.0);
        double[][] adjoint = new double[sizes.length][];
        for (int k = last; k >= 0; k--) {
            if (seeds[k]) {
                continue;
            }
            double[] a = adjoint[k];
            for (int e = 0; e < operands[k].length; e++) {
                int c = operands[k][e];
                double[] term = new double[sizes[c]];
                if (k == last && unit >= 0) {
                    adjoints[k][e].columnInto(unit, term);
                } else {
                    adjoints[k][e].applyInto(k == last ? in : a, term);
                }
                if (seeds[c]) {
                    add(term, out);
                } else if (adjoint[c] == null) {
                    adjoint[c] = term;
                } else {
                    add(term, adjoint[c]);
                }
            }
            adjoint[k] = null;
        }
    }

    /** E = V: J = I. */
    private void seed(double[] in, int unit, double[] out) {
        if (unit >= 0) {
            Arrays.fill(out, 0, rows(), 0.0);
            out[unit] = 1.0;
        } else {
            System.arraycopy(in, 0, out, 0, rows());
        }
    }

    private static void add(double[] term, double[] into) {
        for (int i = 0; i < term.length; i++) {
            into[i] += term[i];
        }
    }

    @Override
    public Operator transpose() {
        return new ChainRule(root, variable, sizes, seeds, operands, locals, adjoints, lastUse, !transposed);
    }

    @Override
    public String toString() {
        String name = "∂vec(" + root + ")/∂vec(" + variable + ")ᵀ";
        return transposed ? "(" + name + ")ᵀ" : name;
    }
}
