package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.calculus.Expr;
import io.github.gradcheck.internal.linalg.Backed;
import io.github.gradcheck.internal.linalg.Operator;
import io.github.gradcheck.internal.linalg.VecLayout;
import io.github.gradcheck.internal.text.Numbers;
import io.github.gradcheck.internal.verdict.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The exact reference: a reference expression's value at the point (which must be f's) and its
 * exact Jacobian with respect to each differentiated input, from the rules of matrix calculus.
 */
final class ExactReference {

    /** An expression describes f when their values at the point agree to this fraction of their size. */
    static final double AGREEMENT = 1e-5;

    private ExactReference() {
    }

    /**
     * The exact Jacobian of the reference expression with respect to each differentiated input.
     *
     * @param f0 f (or F) at the point, in vec order
     * @throws IllegalArgumentException when the expression does not describe f: another shape, or
     *     another value at the point (a configuration error, not a check result)
     * @throws Abort when the expression is not finite or not defined at the point
     */
    static Map<String, Operator> jacobians(CheckSpec spec, Guard guard, double[] f0, List<Analytic> first) {
        Expr expression = spec.reference().exact();
        Map<String, String> variables = new LinkedHashMap<>();
        Inputs at;
        if (spec.singleInput()) {
            String variable = expression.variables().isEmpty() ? spec.single()
                    : expression.variables().iterator().next();
            variables.put(spec.single(), variable);
            at = Inputs.of(variable, guard.pristine(spec.single()));
        } else {
            Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
            for (String name : guard.names()) {
                point.put(name, guard.pristine(name));
                variables.put(name, name);
            }
            at = Inputs.of(point);
        }
        DMatrixRMaj value = call(expression, () -> expression.evaluate(at));
        String f = spec.functionName();
        int rows = spec.isScalar() ? 0 : guard.outputRows();
        if (value.numRows != guard.outputRows() || value.numCols != guard.outputCols()) {
            throw new IllegalArgumentException("exactly: the expression " + expression + " is "
                    + Numbers.shape(value.numRows, value.numCols) + " at the point but " + f + " is "
                    + Numbers.shape(guard.outputRows(), guard.outputCols()) + ": it does not describe " + f);
        }
        double[] values = new double[f0.length];
        VecLayout.vecInto(value, values);
        double allowed = AGREEMENT * Math.max(Calibration.maxAbs(f0), Calibration.maxAbs(values));
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new Abort(new Problem.ReferenceNotFinite(expression.toString(), values[i], i, rows));
            }
            if (!(Math.abs(values[i] - f0[i]) <= allowed)) {
                String entry = rows == 0 ? "" : " at (" + VecLayout.row(i, rows) + ", " + VecLayout.col(i, rows) + ")";
                throw new IllegalArgumentException("exactly: the expression " + expression + " is "
                        + Numbers.format(values[i]) + entry + " at the point but " + f + " is "
                        + Numbers.format(f0[i]) + ": it does not describe " + f);
            }
        }
        Map<String, Operator> jacobians = new LinkedHashMap<>();
        for (Analytic a : first) {
            String variable = variables.get(a.input);
            Operator j = ((Backed) call(expression, () -> expression.jacobian(variable, at))).operator();
            int entries = a.coordinates.rows() * a.coordinates.cols();
            if (j.rows() != f0.length || j.cols() != entries) {
                throw new IllegalStateException("the exact Jacobian of " + expression + " with respect to " + variable
                        + " is " + Numbers.shape(j.rows(), j.cols()) + ", not " + Numbers.shape(f0.length, entries));
            }
            jacobians.put(a.input, j);
        }
        return jacobians;
    }

    /**
     * Evaluates the reference; an operation undefined at the point (a singular inverse) ends the
     * check as NON_FINITE, an expression that does not fit the inputs' shapes is an
     * IllegalArgumentException.
     */
    private static <T> T call(Expr expression, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("exactly: the expression " + expression + " cannot be evaluated at "
                    + "the point: " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new Abort(new Problem.ReferenceUndefined(expression.toString(), e));
        }
    }
}
