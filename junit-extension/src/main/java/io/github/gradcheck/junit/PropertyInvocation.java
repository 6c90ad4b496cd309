package io.github.gradcheck.junit;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.internal.observe.CheckRecord;
import io.github.gradcheck.internal.observe.Observation;
import io.github.gradcheck.internal.report.Report;
import io.github.gradcheck.internal.trials.Attempt;
import io.github.gradcheck.internal.trials.TrialRunner;
import io.github.gradcheck.internal.trials.TrialsOutcome;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one invocation of a {@link GradientTest}: it resolves the {@link Shape} parameters from
 * the case being run, and runs all trials (and shrink candidates) itself, through JUnit's
 * executable invoker, instead of the single call JUnit would make.
 *
 * <p>Its only mutable state, the case being run, belongs to this invocation: properties can run
 * in parallel.
 */
final class PropertyInvocation implements TestTemplateInvocationContext, ParameterResolver, InvocationInterceptor {

    private final Property property;
    private volatile Map<String, DMatrixRMaj> current;

    PropertyInvocation(Property property) {
        this.property = property;
        SplittableRandom random = new SplittableRandom(property.seed());
        this.current = property.domain().drawInputs(property.domain().drawDims(random), random);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return property.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(this);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return (parameter.isAnnotated(Shape.class) || parameter.isAnnotated(Scalar.class))
                && parameter.getDeclaringExecutable().equals(property.method());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        for (Property.Binding b : property.bindings()) {
            if (b.index() == parameter.getIndex()) {
                DMatrixRMaj m = current.get(b.name()).copy();
                return switch (b.type()) {
                    case MATRIX -> m;
                    case ARRAY -> toArray(m);
                    case VECTOR -> java.util.Arrays.copyOf(m.data, m.getNumElements());
                    case FLOAT_VECTOR -> toFloats(m);
                    case SCALAR -> b.scalar(m.data[0]);
                };
            }
        }
        throw new IllegalStateException("no @Shape binding for parameter " + parameter.getIndex());
    }

    private static float[] toFloats(DMatrixRMaj m) {
        float[] out = new float[m.getNumElements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) m.data[i];
        }
        return out;
    }

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] a = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                a[r][c] = m.get(r, c);
            }
        }
        return a;
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) {
        invocation.skip(); // the trials below call the method themselves, once per case
        Object target = call.getTarget().orElse(null);
        long start = System.nanoTime();
        TrialsOutcome outcome;
        // the checks of the trials and of shrinking are captured: the suite report records the
        // property as one check, published below
        Observation.Capture capture = Observation.capture();
        try {
            outcome = TrialRunner.run(property.domain(), Map.of(),
                    new TrialRunner.Settings(property.trials(), property.seed(), property.shrinkTime(), property.replay()),
                    inputs -> attempt(inputs, call.getExecutable(), target, context));
        } finally {
            capture.close();
        }
        CheckResult failure = outcome.counterexample().map(c -> c.result()).orElse(null);
        Observation.publish(CheckRecord.property(capture.about(failure).orElse(null), outcome, property.dims(),
                Duration.ofNanos(System.nanoTime() - start)));
        if (outcome.passed()) {
            context.publishReportEntry("gradcheck", outcome.headline() + ", seed " + outcome.seed());
            return;
        }
        throw failure(outcome, context);
    }

    private Attempt attempt(Map<String, DMatrixRMaj> inputs, Method method, Object target, ExtensionContext context) {
        current = inputs;
        try {
            context.getExecutableInvoker().invoke(method, target);
            return Attempt.PASSED;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (TestAbortedException e) {
            return Attempt.discarded("assumption failed: " + e.getMessage());
        } catch (GradientMismatchError e) {
            return Attempt.of(e.result(), e);
        } catch (Throwable e) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("status", "FAILED");
            facts.put("error", e.getClass().getName());
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                facts.put("message", e.getMessage().strip());
            }
            return Attempt.failed(e, headline(e), facts);
        }
    }

    /** The first line of the error's message, or what was thrown. */
    private static String headline(Throwable e) {
        String message = e.getMessage();
        String first = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
        if (e instanceof AssertionError) {
            return first.isEmpty() ? "assertion failed" : "assertion failed: " + first;
        }
        return "threw " + e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    /** The error that fails the test: the trials report, with a heatmap and a picture for a derivative. */
    private AssertionError failure(TrialsOutcome outcome, ExtensionContext context) {
        Report.Builder report = Report.headline(outcome.headline()).facts(outcome.facts());
        CheckResult result = outcome.counterexample().isPresent() ? outcome.failure().orElse(null) : null;
        if (result != null) {
            Pictures.describe(result, property.method().getName() + "-" + outcome.seed(), context, report);
        }
        String message = report.build().render();
        if (result != null) {
            return new GradientMismatchError(result, message);
        }
        return new AssertionFailedError(message, outcome.error().orElse(null));
    }
}
