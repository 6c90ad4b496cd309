/**
 * gradcheck for test code: the JUnit 5 extension ({@code @GradientTest}), Hamcrest matchers, and
 * the suite report (a JUnit Platform listener that writes every check of a run to one page and one
 * JSON file). Hamcrest is optional: only the matchers need it.
 */
module io.github.gradcheck.junit {
    requires transitive io.github.gradcheck;
    requires transitive org.junit.jupiter.api;
    requires static org.junit.platform.launcher; // present whenever tests run: it runs them
    requires static transitive org.hamcrest;

    exports io.github.gradcheck.junit;
    exports io.github.gradcheck.hamcrest;
    exports io.github.gradcheck.junit.report;

    opens io.github.gradcheck.junit to org.junit.platform.commons;

    provides org.junit.platform.launcher.TestExecutionListener
            with io.github.gradcheck.junit.internal.report.SuiteReportListener;
}
