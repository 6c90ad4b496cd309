package io.github.gradcheck.junit;

import io.github.gradcheck.Structure;
import io.github.gradcheck.internal.generate.DomainSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link GradientTest}'s configuration, checked: the domain its {@link Shape} parameters are
 * drawn from, the trials, the seed (after the {@code gradcheck.seed} and {@code gradcheck.trials}
 * overrides) and the shrink time. Immutable.
 */
record Property(Method method, DomainSpec domain, List<Binding> bindings, int trials, long seed,
                Duration shrinkTime, String dims) {

    static final String SEED = "gradcheck.seed";
    static final String TRIALS = "gradcheck.trials";

    /** What Java type a drawn parameter wants. */
    enum Type {
        MATRIX, ARRAY, VECTOR, FLOAT_VECTOR, SCALAR;

        /** The type of a parameter, or null when it cannot be drawn. */
        static Type of(Class<?> c) {
            if (c == DMatrixRMaj.class) {
                return MATRIX;
            }
            if (c == double[][].class) {
                return ARRAY;
            }
            if (c == double[].class) {
                return VECTOR;
            }
            if (c == float[].class) {
                return FLOAT_VECTOR;
            }
            return c == double.class || c == Double.class ? SCALAR : null;
        }
    }

    /**
     * A drawn parameter: its position, its input name, the Java type it wants and, for a
     * {@link Scalar}, its range (a 1×1 UNIFORM input in [−1, 1] mapped onto [min, max]).
     */
    record Binding(int index, String name, Type type, double min, double max) {

        /** The value of a drawn 1×1 input in [−1, 1], on the parameter's range. */
        double scalar(double u) {
            return min == -1 && max == 1 ? u : min + (u + 1) / 2 * (max - min);
        }
    }

    /**
     * @throws ExtensionConfigurationException that names the annotation and what is wrong
     */
    static Property of(Method method, GradientTest annotation, ExtensionContext context) {
        String where = "@GradientTest on " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": ";
        if (annotation.trials() < 1) {
            throw new ExtensionConfigurationException(where + "trials = " + annotation.trials() + ", but at least 1 is needed");
        }
        if (annotation.shrinkSeconds() < 1) {
            throw new ExtensionConfigurationException(where + "shrinkSeconds = " + annotation.shrinkSeconds()
                    + ", but at least 1 is needed");
        }
        DomainSpec domain;
        try {
            domain = DomainSpec.of(annotation.dims());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + "dims: " + e.getMessage(), e);
        }
        List<Binding> bindings = new ArrayList<>();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Shape shape = p.getAnnotation(Shape.class);
            Scalar scalar = p.getAnnotation(Scalar.class);
            Type type = Type.of(p.getType());
            if (scalar != null) {
                bindings.add(scalar(where, p, i, type, scalar, shape));
                domain = withInput(where + "@Scalar on ", domain, p, "1", "1", Structure.UNIFORM);
                continue;
            }
            if (shape == null) {
                if (type == Type.MATRIX || type == Type.ARRAY) {
                    throw new ExtensionConfigurationException(where + "parameter " + p.getName() + " ("
                            + p.getType().getSimpleName() + ") has no @Shape: say its rows, cols and structure, e.g. "
                            + "@Shape(rows = \"n\", cols = \"k\")");
                }
                if (type == Type.VECTOR || type == Type.FLOAT_VECTOR) {
                    throw new ExtensionConfigurationException(where + "parameter " + p.getName() + " ("
                            + p.getType().getSimpleName() + ") has no @Shape: say its length, e.g. @Shape(rows = \"n\")");
                }
                continue; // TestInfo, TestReporter, a double without @Scalar, …: resolved by JUnit
            }
            if (type == null || type == Type.SCALAR) {
                throw new ExtensionConfigurationException(where + "@Shape on parameter " + p.getName() + " of type "
                        + p.getType().getSimpleName() + ": only DMatrixRMaj, double[][], double[] and float[] "
                        + "parameters can be drawn (a double takes @Scalar)");
            }
            if ((type == Type.VECTOR || type == Type.FLOAT_VECTOR) && !shape.cols().equals("1")) {
                throw new ExtensionConfigurationException(where + "@Shape on parameter " + p.getName() + " ("
                        + p.getType().getSimpleName() + "): a vector has one column, but cols = \"" + shape.cols()
                        + "\"; give its length as rows");
            }
            domain = withInput(where + "@Shape on ", domain, p, shape.rows(), shape.cols(), shape.structure());
            bindings.add(new Binding(i, p.getName(), type, -1, 1));
        }
        if (bindings.isEmpty()) {
            throw new ExtensionConfigurationException(where + "no parameter has a @Shape or a @Scalar, so there is nothing to draw");
        }
        int trials = (int) override(context, TRIALS, annotation.trials(), 1, Integer.MAX_VALUE, where);
        long seed = annotation.seed() != 0 ? annotation.seed() : seedOf(method);
        seed = override(context, SEED, seed, Long.MIN_VALUE, Long.MAX_VALUE, where);
        StringJoiner dims = new StringJoiner(", ");
        domain.dims().forEach(d -> dims.add(d.toString()));
        return new Property(method, domain, List.copyOf(bindings), trials, seed,
                Duration.ofSeconds(annotation.shrinkSeconds()), dims.toString());
    }

    private static Binding scalar(String where, Parameter p, int index, Type type, Scalar scalar, Shape shape) {
        if (type != Type.SCALAR) {
            throw new ExtensionConfigurationException(where + "@Scalar on parameter " + p.getName() + " of type "
                    + p.getType().getSimpleName() + ": only a double can be drawn as a number");
        }
        if (shape != null) {
            throw new ExtensionConfigurationException(where + "parameter " + p.getName() + " has both @Scalar and "
                    + "@Shape; a number takes @Scalar only");
        }
        if (!(scalar.min() < scalar.max()) || !Double.isFinite(scalar.min()) || !Double.isFinite(scalar.max())) {
            throw new ExtensionConfigurationException(where + "@Scalar on parameter " + p.getName() + ": min = "
                    + scalar.min() + " and max = " + scalar.max() + ", but finite min < max is needed");
        }
        return new Binding(index, p.getName(), Type.SCALAR, scalar.min(), scalar.max());
    }

    private static DomainSpec withInput(String where, DomainSpec domain, Parameter p, String rows, String cols,
                                        Structure structure) {
        try {
            return domain.withInput(p.getName(), rows, cols, structure);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + "parameter " + p.getName() + ": " + e.getMessage(), e);
        }
    }

    private static long override(ExtensionContext context, String key, long value, long min, long max, String where) {
        String text = context.getConfigurationParameter(key).orElse(null);
        if (text == null || text.isBlank()) {
            return value;
        }
        try {
            long parsed = Long.parseLong(text.trim());
            if (parsed < min || parsed > max) {
                throw new ExtensionConfigurationException(where + key + "=" + text + " is out of range");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(where + key + "=" + text + " is not a number", e);
        }
    }

    /** A fixed seed from the test's class and method (FNV-1a): the same on every run and machine. */
    static long seedOf(Method method) {
        String name = method.getDeclaringClass().getName() + "#" + method.getName();
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }

    /** {@code 100 trials, seed 1234 (n=1..6, k=2..8)}. */
    String displayName() {
        return trials + (trials == 1 ? " trial" : " trials") + ", seed " + seed + (dims.isEmpty() ? "" : " (" + dims + ")");
    }

    /** How to rerun exactly this case. */
    String replay() {
        return "@GradientTest(seed = " + seed + ") or -D" + SEED + "=" + seed;
    }
}
