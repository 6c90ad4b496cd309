package io.github.gradcheck.internal.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named dimension and the range it is drawn from: {@code "n=1..6"}, or {@code "n=3"} for a
 * fixed size.
 */
public record DimRange(String name, int lo, int hi) {

    private static final Pattern RANGE = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\d+)\\s*(?:\\.\\.\\s*(\\d+)\\s*)?");

    /**
     * @throws IllegalArgumentException for text that is not {@code name=lo..hi} or {@code name=n}
     *     with 1 ≤ lo ≤ hi
     */
    public static DimRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a dimension range is null; write \"n=1..6\" or \"n=3\"");
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a dimension range; write \"n=1..6\" or \"n=3\"");
        }
        int lo;
        int hi;
        try {
            lo = Integer.parseInt(m.group(2));
            hi = m.group(3) == null ? lo : Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': a dimension must fit an int", e);
        }
        if (lo < 1) {
            throw new IllegalArgumentException("'" + text + "': a dimension must be at least 1");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("'" + text + "': the lower bound " + lo + " is above the upper bound " + hi);
        }
        return new DimRange(m.group(1), lo, hi);
    }

    @Override
    public String toString() {
        return lo == hi ? name + "=" + lo : name + "=" + lo + ".." + hi;
    }
}
