package io.github.gradcheck.internal.difference;

/**
 * Second derivatives D²f[u, v] of a scalar f from central second differences, for Hessians
 * checked without a gradient.
 *
 * <p>At steps a along u and b along v,
 * {@code D(a, b) = (f(+a,+b) − f(+a,−b) − f(−a,+b) + f(−a,−b)) / 4ab} (for u = v,
 * {@code (f(+2a) − 2f₀ + f(−2a)) / 4a²}), whose error is O(h²). Steps are halved from a first
 * step h₀; Richardson's {@code Rⱼ = (4Dⱼ − Dⱼ₋₁)/3} removes the h² term, and the error of Rⱼ is
 * bounded by {@code |Rⱼ − Rⱼ₋₁|} (in the asymptotic regime Rⱼ₋₁'s error is 16 times Rⱼ's, so
 * the bound is conservative) plus the noise a difference of four values divided by ab carries.
 * Halving stops when the error is negligible, when noise would dominate the next step, or after
 * {@value #MAX_HALVINGS} halvings; the estimate with the smallest error stands. Non-finite values
 * (a step that leaves f's domain) restart from a step {@value #RESTART} times smaller.
 */
public final class SecondDifference {

    static final int MAX_HALVINGS = 10;
    static final int MAX_RESTARTS = 4;
    static final double RESTART = 16.0;
    /** Noise standard deviations allowed in Rⱼ − Rⱼ₋₁, in units of σ/ab (worst case of the four terms). */
    static final double NOISE_SIGMAS = 12.0;
    /** Relative error below which halving further is pointless. */
    static final double SETTLED = 1e-9;

    private SecondDifference() {
    }

    /** f(X₀ + s·u + t·v), or with u = v, f(X₀ + s·u) (t is then 0). */
    @FunctionalInterface
    public interface Plane {
        double evaluate(double s, double t);
    }

    /**
     * An estimate of D²f[u, v] and a bound on its error; {@code defined} is false when f was not
     * finite at every step tried.
     */
    public record Estimate(double value, double error, double step, boolean defined) {
    }

    /**
     * Estimates D²f[u, v].
     *
     * @param plane f on the plane through X₀ spanned by u and v
     * @param same whether u = v (a diagonal entry)
     * @param a the first step along u
     * @param b the first step along v (ignored when {@code same})
     * @param f0 f(X₀)
     * @param noise the standard deviation of f's evaluation noise
     */
    public static Estimate estimate(Plane plane, boolean same, double a, double b, double f0, double noise) {
        double scaleA = a;
        double scaleB = same ? a : b;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            Estimate e = halve(plane, same, scaleA, scaleB, f0, noise);
            if (e.defined()) {
                return e;
            }
            scaleA /= RESTART;
            scaleB /= RESTART;
        }
        return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, scaleA, false);
    }

    private static Estimate halve(Plane plane, boolean same, double a, double b, double f0, double noise) {
        double previousD = Double.NaN;
        double previousR = Double.NaN;
        Estimate best = null;
        for (int j = 0; j <= MAX_HALVINGS; j++) {
            double d = difference(plane, same, a, b, f0);
            if (!Double.isFinite(d)) {
                return best != null ? best : new Estimate(Double.NaN, Double.POSITIVE_INFINITY, a, false);
            }
            if (j >= 1) {
                double r = (4 * d - previousD) / 3;
                if (j >= 2) {
                    double noiseBound = NOISE_SIGMAS * noise / (a * b);
                    double error = Math.abs(r - previousR) + noiseBound;
                    if (best == null || error < best.error()) {
                        best = new Estimate(r, error, a, true);
                    }
                    boolean settled = error <= SETTLED * Math.abs(r);
                    boolean noisy = 4 * noiseBound >= error - noiseBound;
                    if (settled || noisy) {
                        return best;
                    }
                }
                previousR = r;
            }
            previousD = d;
            a /= 2;
            b /= 2;
        }
        return best;
    }

    private static double difference(Plane plane, boolean same, double a, double b, double f0) {
        if (same) {
            return (plane.evaluate(2 * a, 0) - 2 * f0 + plane.evaluate(-2 * a, 0)) / (4 * a * a);
        }
        double pp = plane.evaluate(a, b);
        double pm = plane.evaluate(a, -b);
        double mp = plane.evaluate(-a, b);
        double mm = plane.evaluate(-a, -b);
        return (pp - pm - mp + mm) / (4 * a * b);
    }
}
