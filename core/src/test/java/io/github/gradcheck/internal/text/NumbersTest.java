package io.github.gradcheck.internal.text;


import io.github.gradcheck.testing.QuietTest;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest extends QuietTest {

    @Test
    void formatsWithSixSignificantDigitsAndShortExponents() {
        assertEquals("0.4172", Numbers.format(0.4172));
        assertEquals("-1.2031", Numbers.format(-1.2031));
        assertEquals("3.14159", Numbers.format(Math.PI));
        assertEquals("0", Numbers.format(0.0));
        assertEquals("2.5e-9", Numbers.format(2.5e-9));
        assertEquals("1.0e6", Numbers.format(1e6));
        assertEquals("-6.60564e6", Numbers.format(-6605638.9));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void briefKeepsTwoDigits() {
        assertEquals("1.0e-5", Numbers.brief(1e-5));
        assertEquals("0.066", Numbers.brief(0.06563));
        assertEquals("2.3e-9", Numbers.brief(2.34e-9));
    }
}
