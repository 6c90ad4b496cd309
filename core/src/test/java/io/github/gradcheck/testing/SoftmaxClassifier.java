package io.github.gradcheck.testing;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A softmax classifier holding its parameters in EJML matrices, as code built on EJML does:
 * {@code P = softmax(X W + 1 b)} by rows, loss −Σ log P[r, label_r] over the batch. W is
 * features × classes, b is 1 × classes (broadcast over the batch's rows). The backward writes the
 * gradients into the matrices dW and db it owns.
 */
public final class SoftmaxClassifier {

    /** The mistakes the backward can make. */
    public enum Bug {
        /** A right backward. */
        NONE,
        /** db is the per-example gradient (batch × classes), not summed over the batch. */
        BIAS_NOT_SUMMED,
        /** dW is computed as Gᵀ X (classes × features), the transpose of Xᵀ G. */
        W_TRANSPOSED
    }

    public final DMatrixRMaj w;
    public final DMatrixRMaj b;
    public DMatrixRMaj dW;
    public DMatrixRMaj db;
    private final DMatrixRMaj x;
    private final int[] labels;
    private final Bug bug;

    /** A classifier and a batch of {@code rows} examples, drawn from {@code seed}. */
    public SoftmaxClassifier(int rows, int features, int classes, long seed, Bug bug) {
        Random random = new Random(seed);
        this.bug = bug;
        this.w = Matrices.random(features, classes, seed);
        this.b = Matrices.random(1, classes, 0.1, seed + 1);
        this.x = Matrices.random(rows, features, seed + 2);
        this.labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
        }
        this.dW = new DMatrixRMaj(features, classes);
        this.db = new DMatrixRMaj(1, classes);
    }

    /** softmax(X W + 1 b) by rows. */
    private DMatrixRMaj probabilities() {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, w.numCols);
        CommonOps_DDRM.mult(x, w, z);
        for (int r = 0; r < z.numRows; r++) {
            for (int c = 0; c < z.numCols; c++) {
                z.add(r, c, b.get(0, c));
            }
        }
        return Matrices.softmaxRows(z);
    }

    /** −Σ log P[r, label_r]. */
    public double loss() {
        DMatrixRMaj p = probabilities();
        double sum = 0;
        for (int r = 0; r < p.numRows; r++) {
            sum -= Math.log(p.get(r, labels[r]));
        }
        return sum;
    }

    /** The gradients into dW and db: G = P − Y, dW = Xᵀ G, db = 1ᵀ G. */
    public void backward() {
        DMatrixRMaj g = probabilities();
        for (int r = 0; r < g.numRows; r++) {
            g.add(r, labels[r], -1);
        }
        if (bug == Bug.W_TRANSPOSED) {
            dW = new DMatrixRMaj(w.numCols, w.numRows);
            CommonOps_DDRM.multTransA(g, x, dW);
        } else {
            CommonOps_DDRM.multTransA(x, g, dW);
        }
        if (bug == Bug.BIAS_NOT_SUMMED) {
            db = g;
        } else {
            CommonOps_DDRM.sumCols(g, db);
        }
    }
}
