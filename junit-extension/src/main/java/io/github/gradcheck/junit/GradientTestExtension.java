package io.github.gradcheck.junit;

import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Provides the one invocation of a {@link GradientTest} (see its javadoc for why one), after
 * checking its configuration. Stateless: each invocation carries its own state, so properties may
 * run in parallel.
 */
final class GradientTestExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, GradientTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GradientTest annotation = AnnotationSupport.findAnnotation(method, GradientTest.class).orElseThrow();
        return Stream.of(new PropertyInvocation(Property.of(method, annotation, context)));
    }
}
