package io.github.gradcheck.calculus;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.internal.calculus.Evaluation;
import io.github.gradcheck.internal.calculus.Jacobians;
import io.github.gradcheck.internal.calculus.Node;
import io.github.gradcheck.internal.calculus.Nodes;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.kron.LinearMap;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * A matrix expression built from variables and constants by the operations of matrix calculus.
 * It evaluates at given inputs, and gives its exact Jacobian {@code ∂vec E / ∂vec Vᵀ} with
 * respect to any variable V as a matrix-free {@link LinearMap}, assembled from the vec/Kronecker
 * form of each operation's differential by the chain and sum rules; for a 1×1 expression, also
 * its gradient, by reverse mode. vec stacks columns.
 *
 * <pre>{@code
 * Expr X = Expr.variable("X");
 * Expr f = Expr.constant("A", A).times(X).times(X.transpose()).trace();   // tr(A·X·Xᵀ)
 * DMatrixRMaj g = f.gradient(X0);                                         // Aᵀ X + A X
 * }</pre>
 *
 * <p><b>Values.</b> Immutable: every operation returns a new expression and leaves its operands
 * as they were; an expression may be used in several places (a shared subexpression is evaluated
 * once per call). Variables are bound by name at evaluation ({@link Inputs}); their shapes, and so
 * every shape, are known only then, so shape errors are thrown by {@link #evaluate},
 * {@link #jacobian} and {@link #gradient}. Inputs are never modified.
 *
 * <p><b>Broadcasting</b> ({@link #plus}, {@link #minus}, {@link #hadamard}): the operands have
 * one shape n×k, or one of them is expanded to the other's: a 1×1 scalar, a 1×k row (repeated on
 * every row: 1ₙ b) or an n×1 column (repeated in every column: c 1_kᵀ). No other pairs (a row
 * against a column does not make an outer sum). The Jacobian of an expansion is a Kronecker form:
 * vec(1ₙ b) = (I_k ⊗ 1ₙ) vec b, vec(c 1_kᵀ) = (1_k ⊗ Iₙ) vec c.
 *
 * <p><b>Errors.</b> Shapes that do not fit an operation: {@link IllegalArgumentException} naming
 * the operation, its formula and both shapes, e.g. {@code times: W·x needs the rows of x (3) to
 * equal the columns of W (4): [2×4] · [3×3]}. A variable without an input:
 * IllegalArgumentException naming it and listing the inputs. A matrix that is singular to working
 * precision ({@link #inverse()}, {@link #logDet()}: an LU pivot no larger than n·ε times the
 * largest): {@link ArithmeticException} saying which operation and that the matrix is singular —
 * the shape is right, the value does not exist there, as for a division by zero. {@link #det()}
 * is defined everywhere, and so is its derivative (through the adjugate).
 *
 * <p><b>Jacobians.</b> {@link #jacobian(String, Inputs)} never forms a Kronecker product: each
 * operation contributes its local map (for A·B: Bᵀ ⊗ I and I ⊗ A, applied as products with A
 * and B), and the maps are chained over the expression graph. Applying the Jacobian pushes one
 * vector forward through the graph (a JVP); applying its {@linkplain LinearMap#transpose()
 * transpose} pulls one back (a VJP, reverse mode); a column costs about one such pass, so
 * {@link LinearMap#toDense()} is for small sizes only.
 */
public final class Expr {

    private final Node node;

    private Expr(Node node) {
        this.node = node;
    }

    // ---------------------------------------------------------------- leaves

    /**
     * {@return a variable, bound by name to an input at evaluation} Its shape is the input's.
     *
     * @param name a non-empty name
     * @throws IllegalArgumentException for a null or empty name
     */
    public static Expr variable(String name) {
        return new Expr(Nodes.variable(requireName("variable", name)));
    }

    /**
     * {@return a constant matrix} It is shown in formulas as its value when 1×1 and as its shape
     * ({@code [2×3]}) otherwise; prefer {@link #constant(String, DMatrixRMaj)} for readable formulas.
     *
     * @param value any non-empty matrix, copied here
     * @throws IllegalArgumentException for a null or empty matrix
     */
    public static Expr constant(DMatrixRMaj value) {
        return new Expr(Nodes.constant(null, requireMatrix("constant", value)));
    }

    /**
     * {@return a named constant matrix, shown in formulas by its name} The name is not a variable: it is
     * never bound to an input and never differentiated.
     *
     * @param name a non-empty name
     * @param value any non-empty matrix, copied here
     * @throws IllegalArgumentException for a null or empty name or matrix
     */
    public static Expr constant(String name, DMatrixRMaj value) {
        return new Expr(Nodes.constant(requireName("constant", name), requireMatrix("constant", value)));
    }

    /**
     * {@return the 1×1 constant [c]} A 1×1 operand of {@link #times} multiplies by a scalar, and
     * of {@link #plus}/{@link #hadamard} broadcasts.
     *
     * @param c the entry, a finite number (IllegalArgumentException for NaN or an infinity)
     */
    public static Expr scalar(double c) {
        requireFinite("scalar", c);
        return new Expr(Nodes.constant(null, new DMatrixRMaj(new double[][] {{c}})));
    }

    // ---------------------------------------------------------------- sums and products

    /**
     * {@return E + F, entrywise, with broadcasting (see the class comment)} d(E + F) = dE + dF.
     *
     * @param other an expression of E's shape, or one that broadcasts against it
     * @throws IllegalArgumentException for null
     */
    public Expr plus(Expr other) {
        return new Expr(Nodes.plus(node, operand("plus", other)));
    }

    /**
     * {@return E − F, entrywise, with broadcasting (see the class comment)} d(E − F) = dE − dF.
     *
     * @param other an expression of E's shape, or one that broadcasts against it
     * @throws IllegalArgumentException for null
     */
    public Expr minus(Expr other) {
        return new Expr(Nodes.minus(node, operand("minus", other)));
    }

    /**
     * {@return the matrix product E·F of E (p×q) and F (q×r), a p×r matrix} When the inner
     * dimensions differ and E or F is 1×1, the product by that scalar. d(EF) = dE·F + E·dF, so
     * ∂vec(EF)/∂vec E = Fᵀ ⊗ I_p and ∂vec(EF)/∂vec F = I_r ⊗ E.
     *
     * @param other the right factor
     * @throws IllegalArgumentException for null
     */
    public Expr times(Expr other) {
        return new Expr(Nodes.times(node, operand("times", other)));
    }

    /**
     * {@return E ⊙ F, the entrywise (Hadamard) product, with broadcasting (see the class comment)}
     * d(E ⊙ F) = dE ⊙ F + E ⊙ dF, so ∂vec(E ⊙ F)/∂vec E = diag(vec F).
     *
     * @param other an expression of E's shape, or one that broadcasts against it
     * @throws IllegalArgumentException for null
     */
    public Expr hadamard(Expr other) {
        return new Expr(Nodes.hadamard(node, operand("hadamard", other)));
    }

    /**
     * {@return E ⊗ F, the Kronecker product as a matrix} For E p×q and F r×s, the (pr × qs) block
     * matrix with blocks eᵢⱼ·F. d(E ⊗ F) = dE ⊗ F + E ⊗ dF.
     *
     * @param other the right factor, any shape
     * @throws IllegalArgumentException for null
     */
    public Expr kron(Expr other) {
        return new Expr(Nodes.kron(node, operand("kron", other)));
    }

    /**
     * {@return the Frobenius inner product ⟨E, F⟩ = tr(EᵀF) = Σ eᵢⱼ fᵢⱼ, 1×1} The two expressions
     * have one shape (no broadcasting). ∂/∂vec E = vec(F)ᵀ.
     *
     * @param other F, an expression of E's shape
     * @throws IllegalArgumentException for null
     */
    public Expr dot(Expr other) {
        return new Expr(Nodes.dot(node, operand("dot", other)));
    }

    /**
     * {@return c·E} d(cE) = c·dE.
     *
     * @param c the factor, a finite number (IllegalArgumentException for NaN or an infinity)
     */
    public Expr scale(double c) {
        requireFinite("scale", c);
        return new Expr(Nodes.scale(node, c));
    }

    /** {@return −E} */
    public Expr negate() {
        return new Expr(Nodes.negate(node));
    }

    // ---------------------------------------------------------------- matrix functions

    /** {@return Eᵀ} d vec(Eᵀ) = K d vec E, K the commutation matrix ({@link io.github.gradcheck.kron.Kron#commutation}). */
    public Expr transpose() {
        return new Expr(Nodes.transpose(node));
    }

    /** {@return tr(E) for a square E, 1×1} d tr E = vec(I)ᵀ d vec E. */
    public Expr trace() {
        return new Expr(Nodes.trace(node));
    }

    /**
     * {@return E⁻¹ for a square, non-singular E} dE⁻¹ = −E⁻¹ dE E⁻¹, so ∂vec E⁻¹/∂vec E = −(E⁻ᵀ ⊗ E⁻¹).
     * At evaluation, a non-square E is an IllegalArgumentException and an E singular to working
     * precision an ArithmeticException.
     */
    public Expr inverse() {
        return new Expr(Nodes.inverse(node));
    }

    /**
     * {@return det(E) for a square E, 1×1} d det E = tr(adj(E) dE), which equals det(E) tr(E⁻¹ dE) for an
     * invertible E and stays right at a singular E (the adjugate is computed from an SVD).
     */
    public Expr det() {
        return new Expr(Nodes.det(node));
    }

    /**
     * {@return log|det E| for a square, non-singular E, 1×1} The sign of det E does not matter.
     * d log|det E| = tr(E⁻¹ dE), so the gradient is E⁻ᵀ. At evaluation, an E singular to working
     * precision is an ArithmeticException (log 0 = −∞).
     */
    public Expr logDet() {
        return new Expr(Nodes.logDet(node));
    }

    // ---------------------------------------------------------------- elementwise functions

    /** {@return exp of every entry} Jacobian diag(vec exp(E)). */
    public Expr exp() {
        return new Expr(Nodes.exp(node));
    }

    /** {@return the natural log of every entry (NaN for negative entries, as {@link Math#log})} Jacobian diag(vec(1/E)). */
    public Expr log() {
        return new Expr(Nodes.log(node));
    }

    /** {@return σ(x) = 1/(1 + e⁻ˣ) of every entry} Jacobian diag(vec(σ ⊙ (1 − σ))). */
    public Expr sigmoid() {
        return new Expr(Nodes.sigmoid(node));
    }

    /** {@return tanh of every entry} Jacobian diag(vec(1 − tanh²)). */
    public Expr tanh() {
        return new Expr(Nodes.tanh(node));
    }

    /** {@return the square of every entry, E ⊙ E (not the matrix E·E)} Jacobian diag(vec 2E). */
    public Expr square() {
        return new Expr(Nodes.square(node));
    }

    /** {@return the square root of every entry} Jacobian diag(vec(1/(2√E))). */
    public Expr sqrt() {
        return new Expr(Nodes.sqrt(node));
    }

    /** {@return 1/x of every entry (not the matrix inverse)} Jacobian diag(vec(−1/E²)). */
    public Expr reciprocal() {
        return new Expr(Nodes.reciprocal(node));
    }

    /**
     * {@return any other elementwise function f, with its derivative f'} Jacobian diag(vec f'(E)).
     * f must be a function of one entry: for one that couples entries, as softmax does, the diagonal
     * Jacobian would be wrong.
     *
     * @param name shown in formulas: {@code name(E)}
     * @param f x ↦ f(x)
     * @param derivative x ↦ f'(x)
     * @throws IllegalArgumentException for a null or empty name, or a null function
     */
    public Expr map(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        requireName("map", name);
        if (f == null || derivative == null) {
            throw new IllegalArgumentException("map: " + (f == null ? "the function" : "its derivative") + " is null");
        }
        return new Expr(Nodes.map(node, name, f, derivative));
    }

    // ---------------------------------------------------------------- softmax

    /**
     * {@return softmax of a row or column vector z: sᵢ = exp(zᵢ)/Σⱼ exp(zⱼ), same shape} Not
     * elementwise: the Jacobian is diag(s) − s sᵀ. At evaluation, a matrix that is not a vector
     * is an IllegalArgumentException (use {@link #softmaxRows()} or {@link #softmaxCols()}).
     */
    public Expr softmax() {
        return new Expr(Nodes.softmax(node));
    }

    /**
     * {@return softmax of each row of E (n×k), n×k: each row sums to 1} The Jacobian is block diagonal,
     * diag(s) − s sᵀ for each row s, not diag(s ⊙ (1 − s)).
     */
    public Expr softmaxRows() {
        return new Expr(Nodes.softmaxRows(node));
    }

    /** {@return softmax of each column of E (n×k), n×k: each column sums to 1} Per column diag(s) − s sᵀ. */
    public Expr softmaxCols() {
        return new Expr(Nodes.softmaxCols(node));
    }

    // ---------------------------------------------------------------- shapes and sums

    /** {@return vec(E), the columns of E (m×n) stacked, an mn×1 column} Jacobian I. */
    public Expr vec() {
        return new Expr(Nodes.vec(node));
    }

    /**
     * {@return E reshaped to rows×cols column-major: vec of the result equals vec(E)} Jacobian I.
     * At evaluation, E must have rows·cols entries (IllegalArgumentException otherwise).
     *
     * @param rows the rows of the result, positive
     * @param cols the columns of the result, positive
     * @throws IllegalArgumentException for non-positive rows or cols
     */
    public Expr reshape(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("reshape: the shape must be positive, got " + Numbers.shape(rows, cols));
        }
        return new Expr(Nodes.reshape(node, rows, cols));
    }

    /** {@return the sum of all entries of E (n×k), 1ₙᵀ E 1_k, 1×1} Jacobian 1_kᵀ ⊗ 1ₙᵀ. */
    public Expr sum() {
        return new Expr(Nodes.sum(node));
    }

    /**
     * {@return the row sums of E (n×k): E·1_k, an n×1 column} As EJML's
     * {@code CommonOps_DDRM.sumRows}. Jacobian 1_kᵀ ⊗ Iₙ.
     */
    public Expr sumRows() {
        return new Expr(Nodes.sumRows(node));
    }

    /**
     * {@return the column sums of E (n×k): 1ₙᵀ·E, a 1×k row} As EJML's
     * {@code CommonOps_DDRM.sumCols}. Jacobian I_k ⊗ 1ₙᵀ.
     */
    public Expr sumCols() {
        return new Expr(Nodes.sumCols(node));
    }

    // ---------------------------------------------------------------- results

    /** {@return the names of the variables the expression depends on, in order of first appearance} Unmodifiable. */
    public Set<String> variables() {
        return node.variables();
    }

    /**
     * The value at the inputs, each node evaluated once.
     *
     * @param at the inputs, holding every variable of the expression (others are ignored); not modified
     * @return a new matrix
     * @throws IllegalArgumentException when a variable has no input, or shapes do not fit
     * @throws ArithmeticException when a value does not exist (the inverse of a singular matrix)
     */
    public DMatrixRMaj evaluate(Inputs at) {
        return new Evaluation(requireInputs("evaluate", at)).value(node).copy();
    }

    /**
     * The value of an expression of one variable, bound to x.
     *
     * @param x the value of the only variable, not modified
     * @return a new matrix
     * @throws IllegalStateException when the expression does not have exactly one variable
     */
    public DMatrixRMaj evaluate(DMatrixRMaj x) {
        return evaluate(single("evaluate", x));
    }

    /**
     * {@return the Jacobian {@code ∂vec E / ∂vec Vᵀ} at the inputs, a matrix-free map} Its rows are
     * the entries of E (p×q: pq), its columns the entries of V (m×n: mn), vec stacking columns; entry
     * (c·p + r, j·m + i) is ∂E[r][c]/∂V[i][j]. The zero map when E does not depend on V. Its
     * {@link LinearMap#transpose() transpose} applies the vector-Jacobian product by reverse mode.
     *
     * @param variable the variable V, which must be among the inputs
     * @param at the inputs, holding V and every variable of the expression; not modified (the map
     *     keeps what it needs of them, computed at this call)
     * @throws IllegalArgumentException when V or another variable has no input, or shapes do not fit
     * @throws ArithmeticException when a value does not exist (the inverse of a singular matrix)
     */
    public LinearMap jacobian(String variable, Inputs at) {
        requireName("jacobian", variable);
        return Jacobians.map(node, variable, new Evaluation(requireInputs("jacobian", at)));
    }

    /**
     * {@return the Jacobian of an expression of one variable, at x} See {@link #jacobian(String, Inputs)}.
     *
     * @param x the value of the only variable, not modified
     * @throws IllegalStateException when the expression does not have exactly one variable
     */
    public LinearMap jacobian(DMatrixRMaj x) {
        Inputs at = single("jacobian", x);
        return jacobian(variables().iterator().next(), at);
    }

    /**
     * The gradient of a 1×1 expression f with respect to V: the matrix G of V's shape with
     * df = tr(Gᵀ dV), Gᵢⱼ = ∂f/∂Vᵢⱼ; computed by reverse mode (the transposed Jacobian applied to
     * [1]), one pass whatever V's size. Zero when f does not depend on V.
     *
     * @param variable the variable V, which must be among the inputs
     * @param at the inputs; not modified
     * @return a new matrix of V's shape
     * @throws IllegalArgumentException when the expression is not 1×1 at these inputs, V or another
     *     variable has no input, or shapes do not fit
     */
    public DMatrixRMaj gradient(String variable, Inputs at) {
        requireName("gradient", variable);
        return Jacobians.gradient(node, variable, new Evaluation(requireInputs("gradient", at)));
    }

    /**
     * The gradient of a 1×1 expression of one variable, at x: see {@link #gradient(String, Inputs)}.
     *
     * @param x the value of the only variable, not modified
     * @return a new matrix of x's shape
     * @throws IllegalStateException when the expression does not have exactly one variable
     */
    public DMatrixRMaj gradient(DMatrixRMaj x) {
        Inputs at = single("gradient", x);
        return gradient(variables().iterator().next(), at);
    }

    /**
     * The formula, e.g. {@code tr(A·X·B·Xᵀ)}, {@code log det(X)}, {@code softmax(W·x)}: variables
     * and named constants by name, · the matrix product, ⊙ and ⊗ the Hadamard and Kronecker
     * products, elementwise functions by name.
     */
    @Override
    public String toString() {
        return node.toString();
    }

    // ---------------------------------------------------------------- argument checks

    private Inputs single(String operation, DMatrixRMaj x) {
        Set<String> names = variables();
        if (names.size() != 1) {
            throw new IllegalStateException(operation + "(x) needs an expression of exactly one variable, but "
                    + this + " has " + (names.isEmpty() ? "none" : names.size() + " (" + String.join(", ", names) + ")")
                    + "; use " + operation + "(…, Inputs) with named inputs");
        }
        if (x == null) {
            throw new IllegalArgumentException(operation + ": x is null");
        }
        return Inputs.of(names.iterator().next(), x);
    }

    private static Node operand(String operation, Expr other) {
        if (other == null) {
            throw new IllegalArgumentException(operation + ": the other expression is null");
        }
        return other.node;
    }

    private static String requireName(String operation, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(operation + ": the name must be a non-empty String, got "
                    + (name == null ? "null" : "\"\""));
        }
        return name;
    }

    private static DMatrixRMaj requireMatrix(String operation, DMatrixRMaj value) {
        if (value == null) {
            throw new IllegalArgumentException(operation + ": the matrix is null");
        }
        if (value.numRows == 0 || value.numCols == 0) {
            throw new IllegalArgumentException(operation + ": the matrix is empty ("
                    + Numbers.shape(value.numRows, value.numCols) + ")");
        }
        return value;
    }

    private static void requireFinite(String operation, double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException(operation + ": the number must be finite, got " + c);
        }
    }

    private static Inputs requireInputs(String operation, Inputs at) {
        if (at == null) {
            throw new IllegalArgumentException(operation + ": the inputs are null");
        }
        return at;
    }
}
