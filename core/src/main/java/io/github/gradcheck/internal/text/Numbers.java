package io.github.gradcheck.internal.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats numbers for reports: six significant digits, no trailing zeros, exponents short. */
public final class Numbers {

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** {@code 0.4172}, {@code -1.2031}, {@code 2.5e-9}, {@code 1.0e6}, {@code NaN}. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        BigDecimal rounded = BigDecimal.valueOf(v).round(SIX_DIGITS).stripTrailingZeros();
        if (a >= 1e-3 && a < 1e5) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent);
        String m = mantissa.toPlainString();
        if (!m.contains(".")) {
            m = m + ".0";
        }
        return m + "e" + exponent;
    }

    /**
     * A factor such as a wrong scale: {@link #format} when that tells it apart from 1 and −1, else
     * with as many more digits as it takes ({@code 1.0000001}).
     */
    public static String factor(double c) {
        String plain = format(c);
        if (!Double.isFinite(c) || c == 1 || c == -1 || Math.abs(Double.parseDouble(plain)) != 1) {
            return plain;
        }
        for (int digits = 7; digits <= 17; digits++) {
            BigDecimal rounded = BigDecimal.valueOf(c).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
            if (Math.abs(rounded.doubleValue()) != 1) {
                return rounded.toPlainString();
            }
        }
        return Double.toString(c);
    }

    /** A short form for tolerances and errors: two significant digits ({@code 1.0e-5}). */
    public static String brief(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return format(v);
        }
        BigDecimal rounded = BigDecimal.valueOf(v).round(new MathContext(2, RoundingMode.HALF_EVEN));
        return format(rounded.doubleValue());
    }

    /** {@code 3×2}. */
    public static String shape(int rows, int cols) {
        return rows + "×" + cols;
    }
}
