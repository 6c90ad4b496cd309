package io.github.gradcheck.testing;

/**
 * Functions of one real variable as a numerics library writes them, with their derivatives: the
 * log-gamma function (Stirling's series after shifting x up by the recurrence), the digamma and
 * trigamma functions (its first and second derivatives, by the same method), and a Matérn 3/2
 * kernel as a function of its length scale.
 */
public final class SpecialFunctions {

    /** Shift x to at least this before using the asymptotic series (their error is then below 1e-13). */
    private static final double ASYMPTOTIC = 12;

    private SpecialFunctions() {
    }

    /** log Γ(x) for x > 0. */
    public static double logGamma(double x) {
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += Math.log(x); // Γ(x + 1) = x Γ(x)
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }

    /** ψ(x) = d/dx log Γ(x) for x > 0. */
    public static double digamma(double x) {
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += 1 / x; // ψ(x) = ψ(x + 1) − 1/x
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 / 240)));
        return Math.log(x) - 0.5 / x - series - shift;
    }

    /** ψ′(x) = d²/dx² log Γ(x) for x > 0. */
    public static double trigamma(double x) {
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += 1 / (x * x); // ψ′(x) = ψ′(x + 1) + 1/x²
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1 + inv * (0.5 + inv * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 / 30)))));
        return series + shift;
    }

    /** The Matérn 3/2 covariance of two points at distance r, as a function of the length scale ℓ. */
    public static double matern32(double r, double lengthScale) {
        double s = Math.sqrt(3) * r / lengthScale;
        return (1 + s) * Math.exp(-s);
    }

    /** ∂/∂ℓ of {@link #matern32}: 3r²/ℓ³ · e^{−√3 r/ℓ}. */
    public static double matern32LengthScaleDerivative(double r, double lengthScale) {
        double s = Math.sqrt(3) * r / lengthScale;
        return 3 * r * r / (lengthScale * lengthScale * lengthScale) * Math.exp(-s);
    }
}
