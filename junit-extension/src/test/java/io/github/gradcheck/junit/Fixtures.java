package io.github.gradcheck.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes with JUnit's EngineTestKit, and the functions the fixtures check. */
final class Fixtures {

    private Fixtures() {
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration, Path output) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(fixture))
                .configurationParameters(configuration)
                .outputDirectoryCreator(new Output(output))
                .execute();
    }

    static EngineExecutionResults run(Class<?> fixture) {
        try {
            // under target/, which mvn clean removes: the system's temp directory would keep them
            Path parent = Files.createDirectories(Path.of("target", "fixture-output"));
            return run(fixture, Map.of(), Files.createTempDirectory(parent, "run"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The throwables of the failed tests, and of the failed test templates (a configuration
     * error fails the template before any test), by method name.
     */
    static Map<String, Throwable> failures(EngineExecutionResults results) {
        Map<String, Throwable> out = new java.util.LinkedHashMap<>();
        for (Event e : results.allEvents().failed().list()) {
            TestDescriptor d = e.getTestDescriptor();
            TestDescriptor named = d.isTest() ? d.getParent().orElseThrow() : d;
            if (named.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                    .isPresent()) {
                out.put(named.getDisplayName().replaceAll("\\(.*", ""),
                        e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow());
            }
        }
        return out;
    }

    /**
     * The facts of a rendered report (key : value lines, values continued on indented lines),
     * so that tests read facts rather than whole strings.
     */
    static Map<String, String> facts(String report) {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        String key = null;
        int column = -1;
        for (String line : report.lines().skip(1).toList()) {
            int colon = line.indexOf(" : ");
            if (line.startsWith("  ") && colon > 0 && !Character.isWhitespace(line.charAt(2))
                    && (column < 0 || colon == column)) {
                key = line.substring(2, colon).strip();
                column = colon;
                facts.put(key, line.substring(colon + 3));
            } else if (key != null) {
                facts.put(key, facts.get(key) + "\n" + line.substring(Math.min(line.length(), column + 3)));
            }
        }
        return facts;
    }

    /** Attachments go to a directory of the test's own. */
    private record Output(Path root) implements OutputDirectoryCreator {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            return Files.createDirectories(root.resolve(descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9]+", "_")));
        }
    }

    // -------- functions the fixtures differentiate

    static DMatrixRMaj softmaxRows(DMatrixRMaj z) {
        DMatrixRMaj s = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.numCols; c++) {
                max = Math.max(max, z.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, Math.exp(z.get(r, c) - max));
                sum += s.get(r, c);
            }
            for (int c = 0; c < z.numCols; c++) {
                s.set(r, c, s.get(r, c) / sum);
            }
        }
        return s;
    }

    /** Softmax cross-entropy −Σ yᵢⱼ log softmax(Z)ᵢⱼ. */
    static double crossEntropy(DMatrixRMaj z, DMatrixRMaj y) {
        DMatrixRMaj s = softmaxRows(z);
        double loss = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            loss -= y.data[i] * Math.log(s.data[i]);
        }
        return loss;
    }

    /** Its gradient, softmax(Z) − Y. */
    static DMatrixRMaj crossEntropyGradient(DMatrixRMaj z, DMatrixRMaj y) {
        DMatrixRMaj g = softmaxRows(z);
        CommonOps_DDRM.subtractEquals(g, y);
        return g;
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }
}
