package io.github.gradcheck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Base class for tests: a test that prints to stdout or stderr fails. A checking library must not
 * write to the console of the build that uses it; reports go into results and exceptions.
 *
 * <p>It replaces {@code System.out} and {@code System.err} for the duration of a test, so tests
 * that extend it hold JUnit's locks on both: under parallel execution they run one at a time with
 * respect to each other and to any other test that declares the same resources.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
public abstract class QuietTest {

    private PrintStream originalOut;
    private PrintStream originalErr;
    private ByteArrayOutputStream captured;

    @BeforeEach
    protected final void captureConsole() {
        originalOut = System.out;
        originalErr = System.err;
        captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    protected final void failOnConsoleOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        String printed = captured.toString(StandardCharsets.UTF_8);
        if (!printed.isEmpty()) {
            fail("the test printed to stdout/stderr:\n" + printed);
        }
    }
}
