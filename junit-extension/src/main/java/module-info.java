/**
 * gradcheck for test code: the JUnit 5 extension ({@code @GradientTest}) and Hamcrest matchers.
 */
module io.github.gradcheck.junit {
    requires transitive io.github.gradcheck;
    requires transitive org.junit.jupiter.api;
    requires transitive org.hamcrest;

    exports io.github.gradcheck.junit;
    exports io.github.gradcheck.hamcrest;

    opens io.github.gradcheck.junit to org.junit.platform.commons;
}
