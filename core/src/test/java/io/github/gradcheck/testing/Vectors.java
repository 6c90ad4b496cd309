package io.github.gradcheck.testing;

/**
 * Functions of {@code double[]} vectors with their derivatives, written as array code: log-sum-exp
 * and its gradient softmax, least squares ‖Ax − b‖², softmax as a map with its Jacobian
 * diag(s) − ssᵀ, and a tanh layer F(x) = tanh(Ax) with its Jacobian, jvp and vjp. A is 4×3.
 */
public final class Vectors {

    /** A fixed 4×3 matrix, by rows. */
    public static final double[][] A = {{1, 2, 0.5}, {-1, 0.3, 2}, {0.7, -0.2, 1.1}, {0.1, 0.9, -0.4}};
    /** A fixed right-hand side of length 4. */
    public static final double[] B = {0.5, -1, 0.25, 2};

    private Vectors() {
    }

    /** log Σ exp(xᵢ), shifted by the maximum. */
    public static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** softmax(x) = exp(x) / Σ exp(x): the gradient of log-sum-exp. */
    public static double[] softmax(double[] x) {
        double lse = logSumExp(x);
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = Math.exp(x[i] - lse);
        }
        return s;
    }

    /** The Jacobian of softmax: diag(s) − ssᵀ. */
    public static double[][] softmaxJacobian(double[] x) {
        double[] s = softmax(x);
        double[][] j = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                j[a][b] = (a == b ? s[a] : 0) - s[a] * s[b];
            }
        }
        return j;
    }

    /** The diagonal of softmax's Jacobian only, s ∘ (1 − s): softmax differentiated as if elementwise. */
    public static double[][] softmaxJacobianAsIfElementwise(double[] x) {
        double[] s = softmax(x);
        double[][] j = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            j[a][a] = s[a] * (1 - s[a]);
        }
        return j;
    }

    /** ‖Ax − b‖². */
    public static double leastSquares(double[] x) {
        double[] r = residual(x);
        double sum = 0;
        for (double v : r) {
            sum += v * v;
        }
        return sum;
    }

    /** 2Aᵀ(Ax − b), times {@code factor} (1 for the right gradient). */
    public static double[] leastSquaresGradient(double[] x, double factor) {
        return transposeTimes(A, scaled(residual(x), 2 * factor));
    }

    private static double[] residual(double[] x) {
        double[] r = times(A, x);
        for (int i = 0; i < r.length; i++) {
            r[i] -= B[i];
        }
        return r;
    }

    /** F(x) = tanh(Ax), R³ → R⁴. */
    public static double[] tanhLayer(double[] x) {
        double[] z = times(A, x);
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.tanh(z[i]);
        }
        return z;
    }

    /** J[i][k] = (1 − tanh²((Ax)ᵢ)) A[i][k]. */
    public static double[][] tanhLayerJacobian(double[] x) {
        double[] y = tanhLayer(x);
        double[][] j = new double[A.length][x.length];
        for (int i = 0; i < A.length; i++) {
            for (int k = 0; k < x.length; k++) {
                j[i][k] = (1 - y[i] * y[i]) * A[i][k];
            }
        }
        return j;
    }

    /** J v. */
    public static double[] tanhLayerJvp(double[] x, double[] v) {
        return times(tanhLayerJacobian(x), v);
    }

    /** Jᵀ u. */
    public static double[] tanhLayerVjp(double[] x, double[] u) {
        return transposeTimes(tanhLayerJacobian(x), u);
    }

    /** M v. */
    public static double[] times(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    /** Mᵀ u. */
    public static double[] transposeTimes(double[][] m, double[] u) {
        double[] out = new double[m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += m[i][j] * u[i];
            }
        }
        return out;
    }

    /** c · v, a new array. */
    public static double[] scaled(double[] v, double c) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = c * v[i];
        }
        return out;
    }

    /** The transpose of a matrix given by rows. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
