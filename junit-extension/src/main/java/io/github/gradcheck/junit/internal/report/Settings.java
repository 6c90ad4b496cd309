package io.github.gradcheck.junit.internal.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the report goes and whether it is written, from JUnit's configuration parameters (which
 * fall back to system properties and {@code junit-platform.properties}).
 *
 * @param enabled false when {@value #ENABLED} is {@code false}
 * @param directory the report's folder
 * @param warning a problem with the parameters to print, or null
 */
record Settings(boolean enabled, Path directory, String warning) {

    /** The configuration parameter that turns the report off with {@code false}. */
    static final String ENABLED = "gradcheck.report";
    /** The configuration parameter naming the report's folder. */
    static final String DIRECTORY = "gradcheck.report.dir";

    /**
     * The settings of a run.
     *
     * @param parameters a configuration parameter's value by key, null when not set
     */
    static Settings of(Function<String, String> parameters) {
        String enabled = parameters.apply(ENABLED);
        String warning = null;
        boolean on = true;
        if (enabled != null && !enabled.isBlank()) {
            String value = enabled.strip().toLowerCase(Locale.ROOT);
            if (value.equals("false")) {
                on = false;
            } else if (!value.equals("true")) {
                warning = ENABLED + "=" + enabled + " is neither true nor false; the report is written";
            }
        }
        String directory = parameters.apply(DIRECTORY);
        Path dir = directory != null && !directory.isBlank() ? Path.of(directory.strip()) : defaultDirectory();
        return new Settings(on, dir, warning);
    }

    /**
     * {@code build/gradcheck} under Gradle (a Gradle test worker, or a folder with a Gradle build
     * and no pom.xml), else {@code target/gradcheck}: in the module's folder that Surefire and
     * Failsafe name in the system property {@code basedir}, else in the working directory.
     */
    static Path defaultDirectory() {
        Path here = Path.of("").toAbsolutePath();
        if (System.getProperty("org.gradle.test.worker") != null) {
            return here.resolve("build").resolve("gradcheck");
        }
        String basedir = System.getProperty("basedir");
        if (basedir != null && !basedir.isBlank()) {
            return Path.of(basedir).resolve("target").resolve("gradcheck");
        }
        boolean gradle = Files.exists(here.resolve("build.gradle")) || Files.exists(here.resolve("build.gradle.kts"));
        if (gradle && !Files.exists(here.resolve("pom.xml"))) {
            return here.resolve("build").resolve("gradcheck");
        }
        return here.resolve("target").resolve("gradcheck");
    }
}
