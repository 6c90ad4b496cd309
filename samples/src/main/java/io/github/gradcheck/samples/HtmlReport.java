package io.github.gradcheck.samples;

import io.github.gradcheck.Mistake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's page: one section per check, the verdict first, the report's facts beside the
 * heatmaps of the analytic and numerical derivatives and their difference.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
                   background: #f4f5f7; color: #1d2330; line-height: 1.45; }
            header { background: #1d2330; color: white; padding: 24px 40px; }
            header h1 { margin: 0 0 6px; font-size: 26px; }
            header p { margin: 0; color: #c9cfdb; max-width: 900px; }
            main { padding: 8px 40px 40px; max-width: 1500px; }
            h2.part { margin: 36px 0 4px; font-size: 20px; }
            p.intro { margin: 0 0 14px; color: #4a5365; max-width: 900px; }
            nav { background: white; border-radius: 8px; padding: 14px 20px; margin-top: 20px;
                  box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            nav ol { margin: 6px 0 0; padding-left: 22px; columns: 2; column-gap: 40px; }
            nav li { margin: 3px 0; break-inside: avoid; }
            nav a { color: #1d2330; text-decoration: none; }
            nav a:hover { text-decoration: underline; }
            section.check { background: white; border-radius: 8px; margin: 14px 0; padding: 16px 20px 18px;
                            box-shadow: 0 1px 3px rgba(0,0,0,.08); border-left: 6px solid #2e7d32; }
            section.check.failed { border-left-color: #c62828; }
            section.check.surprise { border-left-color: #ef6c00; background: #fff8f0; }
            .verdict { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
            .badge { font-weight: 700; font-size: 13px; padding: 3px 10px; border-radius: 12px; color: white;
                     background: #2e7d32; letter-spacing: .02em; }
            .badge.failed { background: #c62828; }
            .badge.mistake { background: #5e35b1; }
            .expected { font-size: 13px; color: #2e7d32; }
            .expected.no { color: #ef6c00; font-weight: 700; }
            h3 { margin: 8px 0 2px; font-size: 17px; }
            p.headline { margin: 4px 0 2px; font-weight: 600; }
            p.why { margin: 2px 0 10px; color: #4a5365; }
            .body { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
            table.facts { border-collapse: collapse; font-size: 13px; flex: 1 1 520px; max-width: 760px; }
            table.facts th { text-align: left; vertical-align: top; padding: 2px 12px 2px 0; color: #5a6375;
                             font-weight: 500; white-space: nowrap; width: 1%; }
            table.facts td { padding: 2px 0; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
                             white-space: pre-wrap; word-break: break-word; }
            .picture { flex: 0 1 auto; overflow-x: auto; max-width: 100%; }
            .picture svg { max-width: 100%; height: auto; border: 1px solid #e3e6ec; border-radius: 4px; }
            footer { color: #6b7385; font-size: 13px; margin-top: 30px; }
            """;

    /**
     * Writes the page.
     *
     * @param file where, e.g. {@code samples/target/gradcheck-demo/index.html}; its folder is created
     * @return the file
     */
    static Path write(List<Tour.Section> sections, long asExpected, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>gradcheck demo</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>gradcheck demo</h1><p>Hand-written derivatives checked against careful finite "
                + "differences: the examples of the notes, a two-layer network's backpropagation, and each classic "
                + "mistake, found and named. ").append(asExpected).append(" of ").append(sections.size())
                .append(" checks came out as expected.</p></header>\n<main>\n");
        h.append("<nav><strong>Checks</strong><ol>\n");
        for (int i = 0; i < sections.size(); i++) {
            Tour.Section s = sections.get(i);
            h.append("<li><a href=\"#check-").append(i + 1).append("\">").append(badge(s)).append(' ')
                    .append(escape(s.title())).append("</a></li>\n");
        }
        h.append("</ol></nav>\n");
        String part = null;
        for (int i = 0; i < sections.size(); i++) {
            Tour.Section s = sections.get(i);
            if (!s.part().equals(part)) {
                part = s.part();
                h.append("<h2 class=\"part\">").append(escape(part)).append("</h2>\n");
            }
            section(h, i + 1, s);
        }
        h.append("<footer>Written by the gradcheck demo (samples/src/main/java/io/github/gradcheck/samples/Demo.java). "
                + "Hover a cell of a heatmap for its value.</footer>\n</main>\n</body>\n</html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static void section(StringBuilder h, int number, Tour.Section s) {
        String kind = !s.asExpected() ? "surprise" : s.passed() ? "passed" : "failed";
        h.append("<section class=\"check ").append(kind).append("\" id=\"check-").append(number).append("\">\n");
        h.append("<div class=\"verdict\">").append(badge(s));
        if (s.mistake() != Mistake.NONE && s.mistake() != null) {
            h.append("<span class=\"badge mistake\">").append(s.mistake()).append("</span>");
        }
        h.append(s.asExpected() ? "<span class=\"expected\">✓ as expected</span>"
                : "<span class=\"expected no\">✗ expected " + escape(s.expected()) + "</span>");
        h.append("</div>\n");
        h.append("<h3>").append(number).append(". ").append(escape(s.title())).append("</h3>\n");
        h.append("<p class=\"headline\">").append(escape(s.headline())).append("</p>\n");
        h.append("<p class=\"why\">").append(escape(s.why())).append("</p>\n");
        h.append("<div class=\"body\"><table class=\"facts\">\n");
        for (Map.Entry<String, String> fact : s.facts().entrySet()) {
            if (fact.getKey().equals("picture") || (fact.getKey().equals("difference") && s.picture() != null)) {
                continue; // the picture is shown beside the facts, not as a path or a text heatmap
            }
            h.append("<tr><th>").append(escape(fact.getKey())).append("</th><td>").append(escape(fact.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (s.picture() != null) {
            h.append("<div class=\"picture\">").append(s.picture()).append("</div>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static String badge(Tour.Section s) {
        return "<span class=\"badge" + (s.passed() ? "" : " failed") + "\">" + escape(s.status()) + "</span>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
