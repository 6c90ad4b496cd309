package io.github.gradcheck.junit.internal.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.w3c.dom.Document;

/**
 * Runs fixture classes through JUnit's launcher, as a build does (the suite report's listener is
 * loaded by the service loader), with the console captured; then reads what the report wrote.
 */
final class Launch {

    private Launch() {
    }

    /**
     * What a run left.
     *
     * @param directory the report's folder
     * @param out what was printed on stdout
     * @param err what was printed on stderr
     * @param summary JUnit's counts of the fixture tests
     */
    record Outcome(Path directory, String out, String err, TestExecutionSummary summary) {

        Path page() {
            return directory.resolve("index.html");
        }

        Path json() {
            return directory.resolve("gradcheck.json");
        }

        /** gradcheck.json, parsed by Gson (not by the report's own reader). */
        JsonObject report() throws IOException {
            return JsonParser.parseString(Files.readString(json(), StandardCharsets.UTF_8)).getAsJsonObject();
        }

        /** The records of gradcheck.json. */
        List<JsonObject> checks() throws IOException {
            List<JsonObject> out = new ArrayList<>();
            JsonArray checks = report().getAsJsonArray("checks");
            for (JsonElement e : checks) {
                out.add(e.getAsJsonObject());
            }
            return out;
        }

        /** The records of one test method. */
        List<JsonObject> checksOf(String methodName) throws IOException {
            return checks().stream().filter(c -> methodName.equals(text(c, "methodName"))).toList();
        }

        /** The page, parsed by the JDK's XML parser: the page is polyglot markup, so this must work. */
        Document document() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(page().toFile());
        }
    }

    /** A string field, null for JSON null. */
    static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** A new folder under target/ for one run's report (mvn clean removes it). */
    static Path directory() throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "report-fixtures"));
        return Files.createTempDirectory(parent, "run").resolve("gradcheck");
    }

    /** Runs the fixtures with the report in {@code directory}. */
    static Outcome run(Path directory, Map<String, String> configuration, Class<?>... fixtures) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("gradcheck.report.dir", directory.toString())
                .configurationParameters(configuration);
        for (Class<?> fixture : fixtures) {
            request.selectors(selectClass(fixture));
        }
        return run(directory, request.build());
    }

    static Outcome run(Path directory, LauncherDiscoveryRequest request) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(request, summary);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Outcome(directory, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                summary.getSummary());
    }
}
