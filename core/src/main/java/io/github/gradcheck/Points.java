package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.report.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Validates and copies the point a check is configured at. */
final class Points {

    private Points() {
    }

    /** A private copy of a one-matrix point, named {@value CheckSpec#SINGLE_INPUT}. */
    static PointCheck single(CheckSpec spec, DMatrixRMaj x) {
        if (x == null) {
            throw new IllegalArgumentException("at(X): X is null");
        }
        return named(spec, Inputs.of(CheckSpec.SINGLE_INPUT, x));
    }

    /**
     * A private copy of named inputs, after checking that every differentiated input exists and
     * that every input is non-empty and finite.
     */
    static PointCheck named(CheckSpec spec, Inputs inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException("at(inputs): inputs is null");
        }
        if (spec.derivatives().isEmpty()) {
            throw new IllegalStateException("no derivative given: call " + (spec.isScalar() ? "gradient" : "jvp, vjp or "
                    + "jacobian") + "(...) before at(...)");
        }
        for (String name : spec.derivatives().keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("a " + spec.derivatives().get(name).form() + " is given for input '"
                        + name + "', but the inputs are " + String.join(", ", inputs.names()));
            }
        }
        Map<String, DMatrixRMaj> copies = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : inputs.asMap().entrySet()) {
            copies.put(e.getKey(), checked(e.getKey(), e.getValue()));
        }
        return new PointCheck(spec, Inputs.of(copies));
    }

    private static DMatrixRMaj checked(String name, DMatrixRMaj m) {
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException("input " + name + " is empty (" + Numbers.shape(m.numRows, m.numCols)
                    + "): there is nothing to differentiate");
        }
        int n = m.numRows * m.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                throw new IllegalArgumentException("input " + name + " is " + Numbers.format(m.data[i]) + " at ("
                        + i / m.numCols + ", " + i % m.numCols + "): a check needs a finite point");
            }
        }
        DMatrixRMaj copy = new DMatrixRMaj(m.numRows, m.numCols);
        System.arraycopy(m.data, 0, copy.data, 0, n);
        return copy;
    }
}
