package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.verdict.ProbeKind;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * t ↦ F(X + tV) along one FAST direction (or ⟨U, F(X + tV)⟩ for a bilinear probe, or f for a
 * scalar one), moving every differentiated input along its part of V in the guard's copies.
 */
final class ProbeLine implements Line {

    private final Guard guard;
    private final List<Analytic> analytics;
    private final ProbeKind kind;
    private final double[] f0;
    private final Directions.Direction direction;
    private final double[] out;

    ProbeLine(Guard guard, List<Analytic> analytics, ProbeKind kind, double[] f0, Directions.Direction direction) {
        this.guard = guard;
        this.analytics = analytics;
        this.kind = kind;
        this.f0 = f0;
        this.direction = direction;
        this.out = kind == ProbeKind.VECTOR ? null : new double[f0.length]; // a vector probe writes straight out
    }

    @Override
    public double evaluate(double t, double[] value) {
        move(t);
        if (kind == ProbeKind.VECTOR) {
            guard.evaluate(value);
        } else {
            guard.evaluate(out);
            value[0] = project(out);
        }
        return t;
    }

    private void move(double t) {
        for (int i = 0; i < analytics.size(); i++) {
            Watched w = guard.input(analytics.get(i).input);
            DMatrixRMaj x = guard.pristine(w.name);
            DMatrixRMaj v = direction.v().get(i);
            int n = x.getNumElements();
            for (int e = 0; e < n; e++) {
                if (v.data[e] != 0) {
                    w.set(e, x.data[e] + t * v.data[e]);
                }
            }
        }
    }

    /** ⟨U, values⟩, or the value itself for a scalar f. */
    private double project(double[] values) {
        if (direction.u() == null) {
            return values[0];
        }
        double sum = 0;
        for (int r = 0; r < values.length; r++) {
            sum += direction.u()[r] * values[r];
        }
        return sum;
    }

    /** The line's value at t = 0: F(X₀), or its projection. */
    double[] atZero() {
        return kind == ProbeKind.VECTOR ? f0.clone() : new double[] {project(f0)};
    }

    /** The size rounding is relative to, per entry of the line's values. */
    double[] sizes() {
        if (kind == ProbeKind.VECTOR || direction.u() == null) {
            double[] s = new double[kind == ProbeKind.VECTOR ? f0.length : 1];
            for (int r = 0; r < s.length; r++) {
                s[r] = Math.abs(f0[r]);
            }
            return s;
        }
        double sum = 0;
        for (int r = 0; r < f0.length; r++) {
            sum += Math.abs(direction.u()[r] * f0[r]);
        }
        return new double[] {sum};
    }
}
