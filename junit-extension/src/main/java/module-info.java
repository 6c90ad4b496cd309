/**
 * gradcheck for test code: Hamcrest matchers (and, with issue 4, the JUnit 5 extension).
 */
module io.github.gradcheck.junit {
    requires transitive io.github.gradcheck;
    requires transitive org.hamcrest;

    exports io.github.gradcheck.hamcrest;
}
