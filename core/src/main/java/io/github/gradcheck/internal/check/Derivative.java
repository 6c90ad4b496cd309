package io.github.gradcheck.internal.check;

import io.github.gradcheck.Inputs;
import io.github.gradcheck.kron.LinearMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/** The derivative a user gave for one input, in one of its forms. */
public sealed interface Derivative {

    /** A short name for reports: gradient, Jacobian, jvp, vjp, Kronecker form, Hessian, hvp. */
    String form();

    /** Whether this is a second derivative of a scalar f (a Hessian or a Hessian-vector product). */
    default boolean secondOrder() {
        return false;
    }

    /** The user's function. */
    Object function();

    /**
     * Gradient of a scalar f: the matrix G of the input's shape with df = tr(Gᵀ dX).
     *
     * @param function inputs ↦ G
     * @param form how reports name it: "gradient", or "derivative" for a function of one number
     * @param again for a gradient written into buffers (a model's backward, a fused function), how to
     *     call it again as a training loop would; null otherwise
     */
    record Gradient(Function<Inputs, DMatrixRMaj> function, String form, Again again) implements Derivative {

        /** A plain gradient. */
        public Gradient(Function<Inputs, DMatrixRMaj> function) {
            this(function, "gradient", null);
        }
    }

    /**
     * A gradient computed into buffers, called again at the same point as a training loop would. A
     * backward that overwrites its buffers returns the same gradient again; one that adds into
     * buffers it never resets returns its previous contents plus the gradient, the same gradient
     * added on every call.
     */
    interface Again {
        /**
         * Another call's result, and what the buffer held before it.
         *
         * @param time which call this is at the point: 2 for the second, 3 for the third
         */
        Reading call(Inputs at, int time);

        /** Whether the buffer is the caller's (a fused function's argument) rather than the model's own. */
        boolean givenBuffer();
    }

    /**
     * What a second call of a buffered gradient gave.
     *
     * @param value the gradient it returned
     * @param before what its buffer held before the call: for a backward that adds into the buffer,
     *     {@code value − before} is the gradient it computed
     */
    record Reading(DMatrixRMaj value, DMatrixRMaj before) {
    }

    /** Jacobian of a matrix map: the (pq × mn) matrix ∂vec F / ∂vec Xᵀ. */
    record Jacobian(Function<Inputs, DMatrixRMaj> function) implements Derivative {
        @Override
        public String form() {
            return "Jacobian";
        }
    }

    /** Jacobian-vector product: (inputs, H) ↦ DF[X](H), the shape of F. */
    record Jvp(BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> function) implements Derivative {
        @Override
        public String form() {
            return "jvp";
        }
    }

    /** Vector-Jacobian product: (inputs, G) ↦ DF[X]*(G), the shape of the input. */
    record Vjp(BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> function) implements Derivative {
        @Override
        public String form() {
            return "vjp";
        }
    }

    /** Jacobian of a matrix map as a matrix-free linear map ∂vec F / ∂vec Xᵀ (pq × mn). */
    record Kronecker(Function<Inputs, LinearMap> function) implements Derivative {
        @Override
        public String form() {
            return "Kronecker form";
        }
    }

    /**
     * Hessian of a scalar f in vec layout: the (mn × mn) matrix ∂²f / ∂vec X ∂vec Xᵀ.
     *
     * @param form how reports name it: "Hessian", or "second derivative" for a function of one number
     */
    record Hessian(Function<Inputs, DMatrixRMaj> function, String form) implements Derivative {

        /** A Hessian as reports usually name it. */
        public Hessian(Function<Inputs, DMatrixRMaj> function) {
            this(function, "Hessian");
        }

        @Override
        public boolean secondOrder() {
            return true;
        }
    }

    /** Hessian-vector product: (inputs, V) ↦ the matrix HV with vec(HV) = H vec(V), the shape of the input. */
    record Hvp(BiFunction<Inputs, DMatrixRMaj, DMatrixRMaj> function) implements Derivative {
        @Override
        public String form() {
            return "hvp";
        }

        @Override
        public boolean secondOrder() {
            return true;
        }
    }
}
