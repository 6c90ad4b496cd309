package io.github.gradcheck.internal.report;

import io.github.gradcheck.CheckResult;
import io.github.gradcheck.internal.text.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrices as heatmaps: an SVG picture of panels side by side (blue negative, white zero, red
 * positive, grey for entries not compared), and a compact text form for failure messages.
 */
public final class Heatmaps {

    /** Matrices with at most this many rows and columns get a text heatmap in messages. */
    public static final int TEXT_LIMIT = 12;
    private static final String[] SHADES = {"·", "░", "▒", "▓", "█"};

    private Heatmaps() {
    }

    /**
     * One panel of a picture.
     *
     * @param name the caption
     * @param values the matrix, not modified
     * @param scale the |value| drawn at full colour (shared by panels that are compared)
     */
    public record Panel(String name, DMatrixRMaj values, double scale) {
    }

    /** The largest finite |entry| of the matrices (1 when there is none). */
    public static double scale(DMatrixRMaj... matrices) {
        double max = 0;
        for (DMatrixRMaj m : matrices) {
            for (int i = 0; i < m.getNumElements(); i++) {
                if (Double.isFinite(m.data[i])) {
                    max = Math.max(max, Math.abs(m.data[i]));
                }
            }
        }
        return max > 0 ? max : 1;
    }

    /** a − b entry by entry (NaN where either is). */
    public static DMatrixRMaj difference(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < d.getNumElements(); i++) {
            d.data[i] = a.data[i] - b.data[i];
        }
        return d;
    }

    /** An SVG document with a title and the panels side by side; each cell shows its value on hover. */
    public static String svg(String title, List<Panel> panels) {
        int rows = 1;
        int cols = 1;
        for (Panel p : panels) {
            rows = Math.max(rows, p.values.numRows);
            cols = Math.max(cols, p.values.numCols);
        }
        int cell = Math.max(6, Math.min(28, 320 / Math.max(rows, cols)));
        int gap = 40;
        int top = 56;
        int panelWidth = Math.max(cols * cell, 150);
        int width = gap + panels.size() * (panelWidth + gap);
        int height = top + rows * cell + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"").append(gap).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>\n");
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int x0 = gap + p * (panelWidth + gap);
            s.append("<text x=\"").append(x0).append("\" y=\"").append(top - 10).append("\">")
                    .append(escape(panel.name)).append("</text>\n");
            DMatrixRMaj m = panel.values;
            for (int r = 0; r < m.numRows; r++) {
                for (int c = 0; c < m.numCols; c++) {
                    double v = m.get(r, c);
                    s.append("<rect x=\"").append(x0 + c * cell).append("\" y=\"").append(top + r * cell)
                            .append("\" width=\"").append(cell).append("\" height=\"").append(cell)
                            .append("\" fill=\"").append(color(v, panel.scale)).append("\" stroke=\"#eeeeee\">")
                            .append("<title>(").append(r).append(", ").append(c).append("): ")
                            .append(Numbers.format(v)).append("</title></rect>\n");
                }
            }
            s.append("<text x=\"").append(x0).append("\" y=\"").append(top + m.numRows * cell + 18)
                    .append("\" fill=\"#555555\">").append(m.numRows).append("×").append(m.numCols)
                    .append(", full colour at ±").append(Numbers.brief(panel.scale)).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * The input a result's report is about, else the first with derivatives kept; null when none
     * was kept.
     */
    public static String reportedInput(CheckResult result) {
        if (result instanceof Pictured p && p.reportedInput() != null && result.analytic().containsKey(p.reportedInput())) {
            return p.reportedInput();
        }
        return result.analytic().keySet().stream().findFirst().orElse(null);
    }

    /** "exact" when a result was judged against an exact reference, else "numeric". */
    public static String referenceName(CheckResult result) {
        return result instanceof Pictured p && p.exactReference() ? "exact" : "numeric";
    }

    /**
     * The picture of a result: for the input its report is about, the analytic and the reference
     * derivative (on one colour scale) and their difference (on its own scale for a failure, on
     * theirs for a pass), side by side; empty when no derivative was kept.
     *
     * @param title the picture's title, before the input's name (may be empty)
     */
    public static Optional<String> picture(CheckResult result, String title) {
        String input = reportedInput(result);
        if (input == null) {
            return Optional.empty();
        }
        DMatrixRMaj analytic = result.analytic().get(input);
        DMatrixRMaj reference = result.numeric().get(input);
        DMatrixRMaj difference = difference(analytic, reference);
        String against = referenceName(result);
        double scale = scale(analytic, reference);
        // a failure's difference on its own scale shows where it is wrong; a pass's on the
        // derivative's scale shows how small it is (rounding drawn at full colour would alarm)
        double differenceScale = result.passed() ? scale : scale(difference);
        return Optional.of(svg(title.isEmpty() ? input : title + ": " + input, List.of(
                new Panel("analytic", analytic, scale),
                new Panel(against, reference, scale),
                new Panel("analytic − " + against, difference, differenceScale))));
    }

    /** Blue for negative, white for zero, red for positive; grey for NaN. */
    static String color(double v, double scale) {
        if (!Double.isFinite(v)) {
            return "#cccccc";
        }
        double t = Math.max(-1, Math.min(1, v / scale));
        int r;
        int g;
        int b;
        if (t >= 0) {
            r = 255 - (int) Math.round(t * (255 - 178));
            g = 255 - (int) Math.round(t * (255 - 24));
            b = 255 - (int) Math.round(t * (255 - 43));
        } else {
            r = 255 - (int) Math.round(-t * (255 - 33));
            g = 255 - (int) Math.round(-t * (255 - 102));
            b = 255 - (int) Math.round(-t * (255 - 172));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /**
     * A text heatmap of a small matrix: a sign and a shade per entry (· ░ ▒ ▓ █ for |v| up to the
     * largest), blank where an entry was not compared; null when the matrix is too large.
     */
    public static String text(DMatrixRMaj m) {
        if (m.numRows > TEXT_LIMIT || m.numCols > TEXT_LIMIT) {
            return null;
        }
        double scale = scale(m);
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < m.numRows; r++) {
            if (r > 0) {
                s.append('\n');
            }
            for (int c = 0; c < m.numCols; c++) {
                double v = m.get(r, c);
                if (!Double.isFinite(v)) {
                    s.append("   ");
                    continue;
                }
                int shade = v == 0 ? 0 : 1 + (int) Math.min(3, Math.floor(Math.abs(v) / scale * 4 - 1e-9));
                s.append(v < 0 ? '-' : v > 0 ? '+' : ' ').append(SHADES[shade]).append(' ');
            }
        }
        return s.toString().stripTrailing();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
