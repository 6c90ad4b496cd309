package io.github.gradcheck.junit;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.internal.report.Heatmaps;
import io.github.gradcheck.internal.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The analytic and numerical derivatives of a failed check, and their difference, as an SVG
 * picture attached to the test (so Open Test Reporting shows it) and, for small ones, as a text
 * heatmap in the message (Surefire's XML drops attachments, so the message must stand alone).
 */
final class Pictures {

    static final MediaType SVG = MediaType.create("image", "svg+xml");

    private Pictures() {
    }

    /** Adds the {@code difference} heatmap and the {@code picture} path to the report. */
    static void describe(CheckResult result, String name, ExtensionContext context, Report.Builder report) {
        String input = worstInput(result);
        if (input == null) {
            return;
        }
        DMatrixRMaj analytic = result.analytic().get(input);
        DMatrixRMaj numeric = result.numeric().get(input);
        DMatrixRMaj difference = Heatmaps.difference(analytic, numeric);
        String text = Heatmaps.text(difference);
        if (text != null) {
            report.fact("difference", "analytic − numeric for " + input + " (sign and size; █ = "
                    + io.github.gradcheck.internal.report.Numbers.brief(Heatmaps.scale(difference)) + ")\n" + text);
        }
        double scale = Heatmaps.scale(analytic, numeric);
        String svg = Heatmaps.svg(context.getDisplayName() + ": " + input, List.of(
                new Heatmaps.Panel("analytic", analytic, scale),
                new Heatmaps.Panel("numeric", numeric, scale),
                new Heatmaps.Panel("analytic − numeric", difference, Heatmaps.scale(difference))));
        Path path = publish(context, "gradcheck-" + name + ".svg", svg);
        if (path != null) {
            report.fact("picture", path.toAbsolutePath().toString());
        }
    }

    /** The input the report is about, else the first one with derivatives kept. */
    private static String worstInput(CheckResult result) {
        String named = result.facts().get("input");
        if (named != null) {
            String name = named.contains(" (") ? named.substring(0, named.indexOf(" (")) : named;
            if (result.analytic().containsKey(name)) {
                return name;
            }
        }
        return result.analytic().keySet().stream().findFirst().orElse(null);
    }

    /**
     * Attaches the file to the test with JUnit's file API; when the platform has no output
     * directory for it, writes it to a temporary file instead. Null when neither works.
     */
    private static Path publish(ExtensionContext context, String fileName, String svg) {
        AtomicReference<Path> written = new AtomicReference<>();
        try {
            context.publishFile(fileName, SVG, path -> {
                Files.writeString(path, svg, StandardCharsets.UTF_8);
                written.set(path);
            });
            if (written.get() != null) {
                return written.get();
            }
        } catch (RuntimeException e) {
            // no output directory configured for attachments: fall back to a temporary file
        }
        try {
            Path file = Files.createTempFile(fileName.replace(".svg", "-"), ".svg");
            Files.writeString(file, svg, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            return null;
        }
    }
}
