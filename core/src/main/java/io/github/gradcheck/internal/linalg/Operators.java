package io.github.gradcheck.internal.linalg;

import io.github.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;

/** Dense maps, maps given by functions, and the sums, products and multiples of maps. */
public final class Operators {

    private Operators() {
    }

    /** The map of a matrix (copied). */
    public static Operator dense(DMatrixRMaj m) {
        return dense(m, "LinearMap.dense: the matrix");
    }

    /** As {@link #dense(DMatrixRMaj)}, naming the argument in messages. */
    public static Operator dense(DMatrixRMaj m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(what + " is empty (" + Numbers.shape(m.numRows, m.numCols) + ")");
        }
        double[] data = java.util.Arrays.copyOf(m.data, m.getNumElements());
        return new Dense(m.numRows, m.numCols, data, false);
    }

    /**
     * The matrix of a map, formed one column at a time.
     *
     * @throws IllegalStateException when it has more entries than one array holds
     */
    public static DMatrixRMaj dense(Operator map) {
        long entries = (long) map.rows() * map.cols();
        if (entries > Operator.MAX_DENSE) {
            throw new IllegalStateException("toDense: a " + map.shape() + " map has " + Numbers.brief(entries)
                    + " entries, more than one matrix holds; apply it to vectors instead");
        }
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (8 * entries > free) {
            throw new IllegalStateException("toDense: a " + map.shape() + " map has " + Numbers.brief(entries)
                    + " entries (" + Numbers.brief(8.0 * entries / (1 << 20)) + " MiB), more than the heap has free ("
                    + Numbers.brief((double) free / (1 << 20)) + " MiB); apply it to vectors instead");
        }
        DMatrixRMaj m = new DMatrixRMaj(map.rows(), map.cols());
        double[] column = new double[map.rows()];
        for (int j = 0; j < map.cols(); j++) {
            map.columnInto(j, column);
            for (int i = 0; i < column.length; i++) {
                m.data[i * map.cols() + j] = column[i];
            }
        }
        return m;
    }

    /** M + N. */
    public static Operator sum(Operator a, Operator b) {
        return sum(a, b, "plus");
    }

    /** M + N, naming the operation ("plus", "minus") in the message for a dimension mismatch. */
    public static Operator sum(Operator a, Operator b, String operation) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw Operator.mismatch(operation, a, b, "a sum needs maps of the same dimensions");
        }
        List<Operator> terms = new ArrayList<>();
        for (Operator o : new Operator[] {a, b}) {
            if (o instanceof Sum s) {
                terms.addAll(s.terms);
            } else {
                terms.add(o);
            }
        }
        return new Sum(terms);
    }

    /** M·N. */
    public static Operator product(Operator a, Operator b) {
        if (a.cols() != b.rows()) {
            throw Operator.mismatch("times", a, b, "M·N needs N's rows (" + b.rows() + ") to equal M's columns ("
                    + a.cols() + ")");
        }
        return new Product(a, b);
    }

    /** c·M. */
    public static Operator scaled(double c, Operator map) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("scale: the factor must be finite, got " + c);
        }
        if (map instanceof Scaled s) {
            double product = c * s.factor;
            // fold c·(d·M) into (cd)·M unless cd overflows or underflows where c·(d·Mv) would not
            if (Double.isFinite(product) && (product != 0 || c == 0 || s.factor == 0)) {
                return new Scaled(product, s.map);
            }
        }
        return new Scaled(c, map);
    }

    /** A map given by functions of column vectors; {@code adjoint} may be null. */
    public static Operator function(int rows, int cols, UnaryOperator<DMatrixRMaj> forward,
                                    UnaryOperator<DMatrixRMaj> adjoint) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("LinearMap.of: the dimensions must be positive, got "
                    + Numbers.shape(rows, cols));
        }
        if (forward == null) {
            throw new IllegalArgumentException("LinearMap.of: the forward function is null");
        }
        return new Function(rows, cols, forward, adjoint, "LinearMap.of(" + Numbers.shape(rows, cols) + ")", false);
    }

    /**
     * An adapter for a linear map implemented outside the toolkit, applied through its own
     * function; its transpose is asked for only when needed (a map used only forward need not have
     * one).
     *
     * @param apply the map's own application to a cols×1 vector
     * @param transpose the operator of the map's transpose
     * @param name how messages name the map
     * @throws IllegalArgumentException for non-positive dimensions
     */
    public static Operator foreign(int rows, int cols, UnaryOperator<DMatrixRMaj> apply, Supplier<Operator> transpose,
                                   Supplier<String> name) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("the map " + name.get() + " has non-positive dimensions "
                    + Numbers.shape(rows, cols));
        }
        return new Foreign(rows, cols, apply, transpose, name);
    }

    /**
     * Applies a function of column vectors: copies {@code in} into a fresh cols×1 vector (so the
     * function cannot modify the caller's data) and checks that the result is a rows×1 vector.
     */
    private static void applyFunction(Operator map, UnaryOperator<DMatrixRMaj> f, double[] in, double[] out) {
        DMatrixRMaj v = new DMatrixRMaj(map.cols(), 1);
        System.arraycopy(in, 0, v.data, 0, map.cols());
        DMatrixRMaj result = f.apply(v);
        if (result == null) {
            throw new IllegalStateException("the map " + map + " returned null");
        }
        if ((result.numRows != 1 && result.numCols != 1) || result.getNumElements() != map.rows()) {
            throw new IllegalStateException("the " + map.shape() + " map " + map + " returned a "
                    + Numbers.shape(result.numRows, result.numCols) + " matrix, not a " + map.rows() + "×1 vector");
        }
        System.arraycopy(result.data, 0, out, 0, map.rows());
    }

    /** A matrix, row-major, read through its transpose when {@code transposed}. */
    private static final class Dense extends Operator {
        private final int m;
        private final int n;
        private final double[] data;
        private final boolean transposed;

        /** An m×n matrix's data, seen as the map M (or Mᵀ: n×m). */
        Dense(int m, int n, double[] data, boolean transposed) {
            super(transposed ? n : m, transposed ? m : n);
            this.m = m;
            this.n = n;
            this.data = data;
            this.transposed = transposed;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            if (!transposed) {
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    int base = i * n;
                    for (int j = 0; j < n; j++) {
                        sum += data[base + j] * in[j];
                    }
                    out[i] = sum;
                }
            } else {
                java.util.Arrays.fill(out, 0, n, 0.0);
                // row by row through the data; no skipping of zero inputs, so that 0·∞ is NaN
                // here as it is in the untransposed product
                for (int i = 0; i < m; i++) {
                    double x = in[i];
                    int base = i * n;
                    for (int j = 0; j < n; j++) {
                        out[j] += data[base + j] * x;
                    }
                }
            }
        }

        @Override
        public void columnInto(int j, double[] out) {
            if (!transposed) {
                for (int i = 0; i < m; i++) {
                    out[i] = data[i * n + j];
                }
            } else {
                System.arraycopy(data, j * n, out, 0, n);
            }
        }

        @Override
        public boolean selfContained() {
            return true;
        }

        @Override
        public Operator transpose() {
            return new Dense(m, n, data, !transposed);
        }

        @Override
        DenseView denseView() {
            return new DenseView(DMatrixRMaj.wrap(m, n, data), transposed);
        }

        @Override
        public String toString() {
            return "[" + shape() + "]";
        }
    }

    private static final class Sum extends Operator {
        private final List<Operator> terms;

        Sum(List<Operator> terms) {
            super(terms.get(0).rows(), terms.get(0).cols());
            this.terms = List.copyOf(terms);
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            terms.get(0).applyInto(in, out);
            double[] term = new double[rows()];
            for (int t = 1; t < terms.size(); t++) {
                terms.get(t).applyInto(in, term);
                for (int i = 0; i < term.length; i++) {
                    out[i] += term[i];
                }
            }
        }

        @Override
        public void columnInto(int j, double[] out) {
            java.util.Arrays.fill(out, 0, rows(), 0.0);
            addColumnTo(j, 1.0, out);
        }

        @Override
        public void addColumnTo(int j, double c, double[] out) {
            for (Operator term : terms) {
                term.addColumnTo(j, c, out);
            }
        }

        @Override
        public boolean selfContained() {
            return terms.stream().allMatch(Operator::selfContained);
        }

        @Override
        public Operator transpose() {
            List<Operator> transposed = new ArrayList<>();
            for (Operator t : terms) {
                transposed.add(t.transpose());
            }
            return new Sum(transposed);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("(");
            for (int t = 0; t < terms.size(); t++) {
                s.append(t == 0 ? "" : " + ").append(terms.get(t));
            }
            return s.append(')').toString();
        }
    }

    private static final class Product extends Operator {
        private final Operator left;
        private final Operator right;

        Product(Operator left, Operator right) {
            super(left.rows(), right.cols());
            this.left = left;
            this.right = right;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            double[] middle = new double[right.rows()];
            right.applyInto(in, middle);
            left.applyInto(middle, out);
        }

        @Override
        public void columnInto(int j, double[] out) {
            double[] middle = new double[right.rows()];
            right.columnInto(j, middle);
            left.applyInto(middle, out);
        }

        @Override
        public boolean selfContained() {
            return left.selfContained() && right.selfContained();
        }

        @Override
        public Operator transpose() {
            return new Product(right.transpose(), left.transpose());
        }

        @Override
        public String toString() {
            return left + "·" + right;
        }
    }

    private static final class Scaled extends Operator {
        private final double factor;
        private final Operator map;

        Scaled(double factor, Operator map) {
            super(map.rows(), map.cols());
            this.factor = factor;
            this.map = map;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            map.applyInto(in, out);
            scale(out);
        }

        @Override
        public void columnInto(int j, double[] out) {
            map.columnInto(j, out);
            scale(out);
        }

        @Override
        public void addColumnTo(int j, double c, double[] out) {
            map.addColumnTo(j, c * factor, out);
        }

        private void scale(double[] out) {
            for (int i = 0; i < rows(); i++) {
                out[i] *= factor;
            }
        }

        @Override
        public boolean selfContained() {
            return map.selfContained();
        }

        @Override
        public Operator transpose() {
            return new Scaled(factor, map.transpose());
        }

        @Override
        public String toString() {
            return Numbers.format(factor) + "·" + map;
        }
    }

    /** A map implemented outside the toolkit, applied through its own function. */
    private static final class Foreign extends Operator {
        private final UnaryOperator<DMatrixRMaj> apply;
        private final Supplier<Operator> transpose;
        private final Supplier<String> name;

        Foreign(int rows, int cols, UnaryOperator<DMatrixRMaj> apply, Supplier<Operator> transpose,
                Supplier<String> name) {
            super(rows, cols);
            this.apply = apply;
            this.transpose = transpose;
            this.name = name;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            applyFunction(this, apply, in, out);
        }

        @Override
        public Operator transpose() {
            Operator t = transpose.get();
            if (t == null) {
                throw new IllegalStateException("the map " + this + " returned null for its transpose");
            }
            if (t.rows() != cols() || t.cols() != rows()) {
                throw new IllegalStateException("the " + shape() + " map " + this + " returned a " + t.shape()
                        + " map as its transpose, not a " + Numbers.shape(cols(), rows()) + " one");
            }
            return t;
        }

        @Override
        public String toString() {
            return name.get();
        }
    }

    /** A map given by functions of column vectors (LinearMap.of), with or without its adjoint. */
    private static final class Function extends Operator {
        private final UnaryOperator<DMatrixRMaj> forward;
        private final UnaryOperator<DMatrixRMaj> adjoint;
        private final String name;
        private final boolean transposed;

        Function(int rows, int cols, UnaryOperator<DMatrixRMaj> forward, UnaryOperator<DMatrixRMaj> adjoint,
                 String name, boolean transposed) {
            super(rows, cols);
            this.forward = forward;
            this.adjoint = adjoint;
            this.name = name;
            this.transposed = transposed;
        }

        @Override
        public void applyInto(double[] in, double[] out) {
            applyFunction(this, forward, in, out);
        }

        @Override
        public Operator transpose() {
            if (adjoint == null) {
                throw new IllegalStateException("the map " + this + " was given without its transpose (adjoint); "
                        + "use LinearMap.of(rows, cols, forward, adjoint)");
            }
            return new Function(cols(), rows(), adjoint, forward, name, !transposed);
        }

        @Override
        public String toString() {
            return transposed ? name + "ᵀ" : name;
        }
    }
}
