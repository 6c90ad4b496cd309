package io.github.gradcheck.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.github.gradcheck.GradientMismatchError;
import io.github.gradcheck.testing.QuietTest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Each wrong twin, run through JUnit as a user's test would be, fails, and gradcheck names the
 * mistake it {@link Shows}, with a shrunk counterexample: the demo's claims, checked by
 * {@code mvn verify}.
 */
class WrongTwinsAreCaughtTest extends QuietTest {

    @TestFactory
    List<DynamicTest> everyWrongTwinFailsWithItsMistake() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Method method : WrongTwinsTest.class.getDeclaredMethods()) {
            Shows shows = method.getAnnotation(Shows.class);
            if (shows != null) {
                tests.add(DynamicTest.dynamicTest(method.getName(), () -> assertFailsWith(method, shows)));
            }
        }
        assertTrue(tests.size() >= 6, "a wrong twin for each classic mistake");
        return tests;
    }

    private static void assertFailsWith(Method method, Shows shows) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(WrongTwinsTest.class, method))
                .execute()
                .testEvents();
        events.assertStatistics(stats -> stats.started(1).failed(1));
        Event failed = events.failed().list().get(0);
        Throwable thrown = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        GradientMismatchError error = assertInstanceOf(GradientMismatchError.class, thrown);
        assertEquals(shows.value(), error.result().mistake(), error::getMessage);
        assertTrue(error.getMessage().contains("shrink steps"), error::getMessage);
    }
}
