package io.github.gradcheck;

import io.github.gradcheck.internal.check.CheckSpec;
import io.github.gradcheck.internal.generate.StructureRules;
import io.github.gradcheck.internal.text.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Validates and copies the point a check is configured at. */
final class Points {

    private Points() {
    }

    /** A private copy of the point of a function of one input, named as the check names it. */
    static PointCheck single(CheckSpec spec, DMatrixRMaj x) {
        if (x == null) {
            throw new IllegalArgumentException("at(X): X is null");
        }
        return named(spec, Inputs.of(spec.single(), x));
    }

    /**
     * A vector as an n×1 matrix (a copy).
     *
     * @throws IllegalArgumentException for a null or empty vector
     */
    static DMatrixRMaj vector(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("at(x): x is null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("at(x): x is empty: there is nothing to differentiate");
        }
        return new DMatrixRMaj(x.length, 1, true, x);
    }

    /**
     * The domain of a check of a function of a vector: one input of one column.
     *
     * @throws IllegalArgumentException otherwise (a null domain is left to {@code forAll})
     */
    static Domain vectorDomain(Domain domain) {
        if (domain == null) {
            return null;
        }
        var inputs = domain.spec().inputs();
        if (inputs.size() != 1 || !inputs.get(0).cols().equals("1")) {
            throw new IllegalArgumentException("a check of a function of a vector needs a domain with one input of "
                    + "one column, e.g. Domain.dims(\"n=1..8\").input(\"x\", \"n\", 1, Structure.GAUSSIAN); this one is "
                    + domain);
        }
        return domain;
    }

    /**
     * A private copy of named inputs, after checking that every differentiated input exists, is
     * not a constant, and that every input is non-empty, finite and of its declared structure.
     * SYMMETRIC and SPD inputs are symmetrized exactly (they may be asymmetric by rounding).
     */
    static PointCheck named(CheckSpec spec, Inputs inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException("at(inputs): inputs is null");
        }
        if (spec.differentiated().isEmpty()) {
            throw new IllegalStateException("no derivative given: call " + (spec.isScalar() ? "gradient" : "jvp, vjp or "
                    + "jacobian") + "(...) before at(...)");
        }
        for (String name : spec.differentiated().keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("a " + spec.differentiated().get(name) + " is given for input '"
                        + name + "', but the inputs are " + String.join(", ", inputs.names()));
            }
            Structure structure = spec.options().structure(name);
            if (structure.isConstant()) {
                throw new IllegalArgumentException("input " + name + " is declared " + structure + ", a constant: it is "
                        + "never differentiated; remove its " + spec.differentiated().get(name));
            }
        }
        for (String name : spec.options().structures().keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("a structure is declared for input '" + name
                        + "', but the inputs are " + String.join(", ", inputs.names()));
            }
        }
        spec.requireReferenceVariables(inputs.names(), "the inputs");
        Map<String, DMatrixRMaj> copies = new LinkedHashMap<>();
        for (Map.Entry<String, DMatrixRMaj> e : inputs.asMap().entrySet()) {
            copies.put(e.getKey(), checked(e.getKey(), e.getValue(), spec.options().structures().get(e.getKey())));
        }
        return new PointCheck(spec, Inputs.of(copies));
    }

    /**
     * A private copy of one input, checked non-empty, finite and of its declared structure.
     *
     * @param declared the structure declared for it, or null
     * @throws IllegalArgumentException otherwise
     */
    static DMatrixRMaj checked(String name, DMatrixRMaj m, Structure declared) {
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
        if (declared != null) {
            String violation = StructureRules.violation(declared, copy);
            if (violation != null) {
                throw new IllegalArgumentException("input " + name + " is declared " + declared + ", but " + violation);
            }
            if (declared == Structure.SYMMETRIC || declared == Structure.SPD) {
                StructureRules.symmetrize(copy);
            }
        }
        return copy;
    }
}
