package io.github.gradcheck.internal.pipeline;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.Stage;
import io.github.gradcheck.internal.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Tells a shape error between stages from a stage that throws: when a stage's forward throws on
 * the matrix the previous stage handed it, the stage is tried on matrices of other shapes (the
 * transposed shape first, then shapes made of the dimensions of its inputs). If it takes one of
 * them, the two stages disagree about the shape of what passes between them: a configuration
 * error naming both stages and both shapes. If it takes none, the stage itself throws, and its
 * check says so (THREW). Runs only after a throw, at most {@value #MAX_PROBES} calls.
 */
final class ShapeProbe {

    static final int MAX_PROBES = 48;

    private ShapeProbe() {
    }

    /**
     * @param stages the pipeline's stages
     * @param index the stage whose forward threw
     * @param inputs what it was given, the input {@value Stage#INPUT} included; not modified
     * @param thrown what it threw
     * @throws IllegalArgumentException when the stage takes another shape than it was given
     */
    static void requireFits(List<StageSpec> stages, int index, Inputs inputs, Throwable thrown, Calls calls) {
        StageSpec stage = stages.get(index);
        DMatrixRMaj x = inputs.get(Stage.INPUT);
        for (int[] shape : candidates(inputs)) {
            Map<String, DMatrixRMaj> probe = new LinkedHashMap<>();
            inputs.asMap().forEach((name, m) -> probe.put(name, m.copy()));
            probe.put(Stage.INPUT, filled(shape[0], shape[1], x));
            if (takes(stage, Inputs.of(probe), calls)) {
                String given = Numbers.shape(x.numRows, x.numCols);
                String takes = Numbers.shape(shape[0], shape[1]);
                String from = index == 0 ? "the pipeline's input " + Stage.INPUT + " is " + given
                        : "stage \"" + stages.get(index - 1).name() + "\" outputs " + given;
                throw new IllegalArgumentException("shape mismatch between stages: " + from + ", but stage \""
                        + stage.name() + "\" takes " + takes + " (its " + (stage.isLoss() ? "loss" : "forward")
                        + " threw " + describe(thrown) + " on " + given + ")", thrown);
            }
        }
    }

    private static boolean takes(StageSpec stage, Inputs in, Calls calls) {
        try {
            if (stage.isLoss()) {
                calls.loss(stage, in, Calls.Phase.PROBES);
            } else {
                calls.forward(stage, in, Calls.Phase.PROBES);
            }
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The transposed shape, then rows × cols of the inputs' dimensions, the given rows or cols kept first. */
    private static List<int[]> candidates(Inputs inputs) {
        DMatrixRMaj x = inputs.get(Stage.INPUT);
        Set<Integer> dims = new LinkedHashSet<>();
        dims.add(x.numRows);
        dims.add(x.numCols);
        for (DMatrixRMaj m : inputs.asMap().values()) {
            dims.add(m.numRows);
            dims.add(m.numCols);
        }
        List<int[]> near = new ArrayList<>();
        List<int[]> far = new ArrayList<>();
        if (x.numRows != x.numCols) {
            near.add(new int[] {x.numCols, x.numRows});
        }
        for (int r : dims) {
            for (int c : dims) {
                boolean given = r == x.numRows && c == x.numCols;
                boolean transposed = r == x.numCols && c == x.numRows;
                if (!given && !transposed) {
                    (r == x.numRows || c == x.numCols ? near : far).add(new int[] {r, c});
                }
            }
        }
        near.addAll(far);
        return near.size() > MAX_PROBES ? near.subList(0, MAX_PROBES) : near;
    }

    /** A matrix of the given shape filled with x's entries, cyclically (values of the right scale). */
    private static DMatrixRMaj filled(int rows, int cols, DMatrixRMaj x) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        int n = x.getNumElements();
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = x.data[i % n];
        }
        return m;
    }

    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
