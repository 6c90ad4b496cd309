package io.github.gradcheck.internal.check;

import java.util.function.Supplier;

/**
 * A value computed at most once, when first asked for: the report of a check, which formatting
 * numbers makes a fair share of the cost of a small passing check that nobody reads.
 */
final class Lazy<T> implements Supplier<T> {

    private Supplier<T> compute;
    private T value;

    private Lazy(Supplier<T> compute, T value) {
        this.compute = compute;
        this.value = value;
    }

    static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute, null);
    }

    static <T> Lazy<T> value(T value) {
        return new Lazy<>(null, value);
    }

    @Override
    public synchronized T get() {
        if (compute != null) {
            value = compute.get();
            compute = null;
        }
        return value;
    }
}
