package io.github.gradcheck;

import io.github.gradcheck.internal.generate.DomainSpec;
import io.github.gradcheck.internal.generate.InputSpec;
import java.util.Map;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * Where random trials draw their inputs: named dimensions with ranges, and inputs whose shapes use
 * those names or numbers, each with a {@link Structure}. Dimensions are shared: two inputs that
 * use {@code n} get the same n. Immutable.
 *
 * <pre>{@code
 * Domain.dims("n=1..6", "k=2..8")
 *       .input("Z", "n", "k", Structure.GAUSSIAN)
 *       .input("Y", "n", "k", Structure.ONE_HOT_ROWS);
 * }</pre>
 *
 * <p>{@link #sample(RandomGenerator)} draws from any seeded {@link RandomGenerator}, so a
 * property-testing engine can drive a domain too.
 */
public final class Domain {

    private final DomainSpec spec;

    private Domain(DomainSpec spec) {
        this.spec = spec;
    }

    /**
     * Named dimensions: {@code "n=1..6"} (drawn uniformly from 1 to 6) or {@code "n=3"} (fixed).
     *
     * @param ranges one {@code name=range} for each dimension
     * @return a domain with these dimensions and no inputs yet
     * @throws IllegalArgumentException for a malformed range, a bound below 1, or a name given twice
     */
    public static Domain dims(String... ranges) {
        return new Domain(DomainSpec.of(ranges));
    }

    /**
     * One more input.
     *
     * @param name the input's name, as the function reads it ({@code in.get(name)})
     * @param rows a dimension name or a number ({@code "n"}, {@code "3"})
     * @param cols a dimension name or a number
     * @param structure what kind of matrix to draw; also how checks perturb it
     * @return a new domain with the input added; this one is unchanged
     * @throws IllegalArgumentException for a repeated name, an unknown dimension, or a square
     *     structure (SYMMETRIC, SPD, INVERTIBLE) whose rows and cols differ
     */
    public Domain input(String name, String rows, String cols, Structure structure) {
        return new Domain(spec.withInput(name, rows, cols, structure));
    }

    /**
     * One more input with a fixed number of columns, such as a vector: {@code input("x", "n", 1,
     * Structure.GAUSSIAN)} draws an n×1 column.
     *
     * @param name the input's name, as the function reads it
     * @param rows a dimension name or a number ({@code "n"}, {@code "3"})
     * @param cols the number of columns
     * @param structure what kind of matrix to draw; also how checks perturb it
     * @return this domain with one more input
     * @throws IllegalArgumentException as {@link #input(String, String, String, Structure)}
     */
    public Domain input(String name, String rows, int cols, Structure structure) {
        return input(name, rows, Integer.toString(cols), structure);
    }

    /**
     * Draws the dimensions (uniformly from their ranges, in declaration order), then the inputs.
     *
     * @param random the source of every random choice; the same seed gives the same sample
     * @return the dimensions drawn and the inputs drawn for them
     */
    public Sample sample(RandomGenerator random) {
        Map<String, Integer> dims = spec.drawDims(random);
        return new Sample(dims, Inputs.of(spec.drawInputs(dims, random)));
    }

    /**
     * One draw from a domain.
     *
     * @param dims the dimension values, by name
     * @param inputs the matrices, by name
     */
    public record Sample(Map<String, Integer> dims, Inputs inputs) {
    }

    DomainSpec spec() {
        return spec;
    }

    /** {@code Domain[n=1..6, k=2..8; Z n×k GAUSSIAN, Y n×k ONE_HOT_ROWS]}. */
    @Override
    public String toString() {
        StringJoiner dims = new StringJoiner(", ");
        spec.dims().forEach(d -> dims.add(d.toString()));
        StringJoiner inputs = new StringJoiner(", ");
        for (InputSpec in : spec.inputs()) {
            inputs.add(in.name() + " " + in.rows() + "×" + in.cols() + " " + in.structure());
        }
        return "Domain[" + dims + "; " + inputs + "]";
    }
}
