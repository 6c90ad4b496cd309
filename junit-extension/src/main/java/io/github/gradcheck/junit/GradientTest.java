package io.github.gradcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property test over random matrices: the method runs once per trial on inputs drawn for its
 * {@link Shape}-annotated parameters, and a failing trial is shrunk to the smallest, simplest
 * inputs that still fail the same way.
 *
 * <pre>{@code
 * @GradientTest(trials = 100, dims = {"n=1..6", "k=2..8"})
 * void softmaxLoss(@Shape(rows = "n", cols = "k") DMatrixRMaj z,
 *                  @Shape(rows = "n", cols = "k", structure = Structure.ONE_HOT_ROWS) DMatrixRMaj y) {
 *     GradCheck.scalar(Z -> loss(Z, y)).gradient(Z -> grad(Z, y)).at(z).assertPasses();
 * }
 * }</pre>
 *
 * <p><b>One invocation for all trials.</b> A property passes or fails as a whole, and its
 * failure is one shrunk case; so the IDE and the test report show one entry per property, named
 * like {@code 100 trials, seed 1234 (n=1..6, k=2..8)}, not one per trial. Shrinking re-runs the
 * method many more times than there are trials, on candidates that are not trials at all, and
 * those must not appear as tests either; and a hundred entries per property would bury the one
 * that matters in CI reports and cost a lifecycle round per trial. {@code @BeforeEach} and
 * {@code @AfterEach} therefore run once around all trials of a property.
 *
 * <p><b>What counts as a failure.</b> Any {@link AssertionError} (gradcheck's, Hamcrest's,
 * AssertJ's, JUnit's, {@code assert}) and any other exception. A gradcheck result that cannot be
 * judged at the drawn point (f not finite there, or too noisy) and a failed assumption discard
 * the trial; a point on a kink is moved off it. The failure reports the shrunk inputs as pasteable
 * Java, the dims, the seed, how to replay, the original failing trial and, for a derivative check,
 * a picture of the analytic and numerical derivatives and their difference.
 *
 * <p><b>Seeds.</b> {@code seed = 0} (the default) means a fixed seed derived from the test's
 * class and method name, so every run, on every machine, draws the same trials. The system
 * properties (or JUnit configuration parameters) {@code gradcheck.seed} and {@code gradcheck.trials}
 * override every test.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GradientTestExtension.class)
@SuppressWarnings("exports") // the extension is package-private on purpose: JUnit instantiates it, users never do
public @interface GradientTest {

    /** {@return how many trials to judge} Discarded draws do not count. */
    int trials() default 100;

    /** {@return the named dimension ranges shared by the parameters} {@code "n=1..6"}, or {@code "n=3"}. */
    String[] dims() default {};

    /** {@return the seed of every draw} 0 means one derived from the test's name. */
    long seed() default 0;

    /** {@return the time limit of shrinking, in seconds} */
    int shrinkSeconds() default 10;
}
