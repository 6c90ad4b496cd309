package io.github.gradcheck.internal.generate;

import io.github.gradcheck.Structure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Named dimensions with ranges, and inputs whose shapes use them. Dimensions are shared: two
 * inputs that use {@code n} get the same n. Immutable.
 */
public record DomainSpec(List<DimRange> dims, List<InputSpec> inputs) {

    public DomainSpec {
        dims = List.copyOf(dims);
        inputs = List.copyOf(inputs);
    }

    /**
     * @throws IllegalArgumentException for a malformed or repeated range
     */
    public static DomainSpec of(String... ranges) {
        if (ranges == null) {
            throw new IllegalArgumentException("Domain.dims: ranges is null");
        }
        List<DimRange> dims = new ArrayList<>();
        for (String text : ranges) {
            DimRange range = DimRange.parse(text);
            for (DimRange d : dims) {
                if (d.name().equals(range.name())) {
                    throw new IllegalArgumentException("dimension '" + range.name() + "' is given twice");
                }
            }
            dims.add(range);
        }
        return new DomainSpec(dims, List.of());
    }

    /**
     * A copy with one more input.
     *
     * @throws IllegalArgumentException for a repeated name, an unknown dimension, a size below
     *     1, or a square structure with different row and column sizes
     */
    public DomainSpec withInput(String name, String rows, String cols, Structure structure) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an input name must be a non-empty String");
        }
        for (InputSpec in : inputs) {
            if (in.name().equals(name)) {
                throw new IllegalArgumentException("input '" + name + "' is given twice");
            }
        }
        if (structure == null) {
            throw new IllegalArgumentException("input " + name + ": the structure is null");
        }
        String r = size(name, "rows", rows);
        String c = size(name, "cols", cols);
        if (structure.isSquare() && !r.equals(c)) {
            throw new IllegalArgumentException("input " + name + " is " + structure + ", so it must be square: give "
                    + "the same dimension for rows and cols (got " + r + " × " + c + ")");
        }
        List<InputSpec> more = new ArrayList<>(inputs);
        more.add(new InputSpec(name, r, c, structure));
        return new DomainSpec(dims, more);
    }

    private String size(String input, String which, String size) {
        if (size == null) {
            throw new IllegalArgumentException("input " + input + ": " + which + " is null");
        }
        String s = size.trim();
        if (InputSpec.isNumber(s)) {
            if (s.length() > 9 || Integer.parseInt(s) < 1) {
                throw new IllegalArgumentException("input " + input + ": " + which + " = " + s
                        + " must be a size from 1 to 999999999");
            }
            return s;
        }
        if (range(s) == null) {
            List<String> names = new ArrayList<>();
            dims.forEach(d -> names.add(d.name()));
            throw new IllegalArgumentException("input " + input + ": " + which + " '" + s
                    + "' is neither a number nor a dimension (the dimensions are "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        return s;
    }

    /** A copy where input {@code from} is called {@code to}. */
    public DomainSpec renamed(String from, String to) {
        List<InputSpec> renamed = new ArrayList<>();
        for (InputSpec in : inputs) {
            renamed.add(in.name().equals(from) ? new InputSpec(to, in.rows(), in.cols(), in.structure()) : in);
        }
        return new DomainSpec(dims, renamed);
    }

    /** The range of a dimension, or null. */
    public DimRange range(String name) {
        for (DimRange d : dims) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The input of that name, or null. */
    public InputSpec input(String name) {
        for (InputSpec in : inputs) {
            if (in.name().equals(name)) {
                return in;
            }
        }
        return null;
    }

    /** Draws every dimension uniformly from its range, in declaration order. */
    public Map<String, Integer> drawDims(RandomGenerator random) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (DimRange d : dims) {
            values.put(d.name(), Draws.integer(random, d.lo(), d.hi()));
        }
        return Collections.unmodifiableMap(values);
    }

    /** Draws every input, in declaration order, at the given dimensions. */
    public Map<String, DMatrixRMaj> drawInputs(Map<String, Integer> values, RandomGenerator random) {
        Map<String, DMatrixRMaj> drawn = new LinkedHashMap<>();
        for (InputSpec in : inputs) {
            drawn.put(in.name(), MatrixGenerator.generate(in.structure(), in.rows(values), in.cols(values), random));
        }
        return drawn;
    }

    /** "n=2, k=5". */
    public static String describe(Map<String, Integer> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((name, value) -> parts.add(name + "=" + value));
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }
}
