package io.github.gradcheck.internal.check;

import io.github.gradcheck.internal.difference.Line;
import io.github.gradcheck.internal.linalg.Coordinates;
import io.github.gradcheck.internal.text.Numbers;
import org.ejml.data.DMatrixRMaj;

/** The line X₀ + t·Bₖ through one coordinate of one input, moved in the guard's own copy of the input. */
final class CoordinateLine implements Line {

    final Guard guard;
    final Coordinates coordinates;
    private final Watched input;
    private final DMatrixRMaj point;
    private final double scale;
    private int coordinate = -1;
    private double anchor;
    private double t;

    CoordinateLine(Guard guard, String input, Coordinates coordinates) {
        this.guard = guard;
        this.input = guard.input(input);
        this.point = guard.pristine(input);
        this.coordinates = coordinates;
        this.scale = StepPolicy.typicalScale(point);
    }

    String input() {
        return input.name;
    }

    /** Puts the line through coordinate k, at t = 0. */
    void moveTo(int k) {
        coordinate = k;
        anchor = point.data[coordinates.dataIndex(k)];
        t = 0;
    }

    /** The coordinate's value at the point. */
    double anchor() {
        return anchor;
    }

    /** The typical size of the input's entries. */
    double scale() {
        return scale;
    }

    /** Puts the coordinate back to the point. */
    void restore() {
        input.set(coordinates, coordinate, anchor);
        t = 0;
    }

    /** "at X + 1.0e-6·E(0, 1)": where the line is, for messages. */
    String describe() {
        String basis = coordinates.basis(coordinate);
        return "at " + input.name + (t < 0 ? " − " : " + ") + Numbers.format(Math.abs(t)) + "·"
                + (coordinates.pairedIndex(coordinate) < 0 ? basis : "(" + basis + ")");
    }

    @Override
    public double evaluate(double step, double[] out) {
        t = step;
        input.set(coordinates, coordinate, anchor + step);
        double x = input.get(coordinates.dataIndex(coordinate)); // rounded to float for a float input
        guard.evaluate(out);
        return x - anchor;
    }
}
