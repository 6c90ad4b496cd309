package io.github.gradcheck.junit;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.internal.report.Heatmaps;
import io.github.gradcheck.internal.report.Report;
import io.github.gradcheck.internal.text.Numbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String input = Heatmaps.reportedInput(result);
        if (input == null) {
            return;
        }
        DMatrixRMaj difference = Heatmaps.difference(result.analytic().get(input), result.numeric().get(input));
        String text = Heatmaps.text(difference);
        if (text != null) {
            report.fact("difference", "analytic − " + Heatmaps.referenceName(result) + " for " + input
                    + " (sign and size; █ = "
                    + Numbers.brief(Heatmaps.scale(difference)) + ")\n" + text);
        }
        String svg = Heatmaps.picture(result, context.getDisplayName()).orElseThrow();
        Path path = publish(context, "gradcheck-" + name + ".svg", svg);
        if (path != null) {
            report.fact("picture", path.toAbsolutePath().toString());
        }
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
