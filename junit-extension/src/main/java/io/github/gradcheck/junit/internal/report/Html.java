package io.github.gradcheck.junit.internal.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a {@link Page} as one self-contained HTML5 page (inline CSS and SVG, no script, nothing
 * fetched), written as polyglot markup: it is also well-formed XHTML, so an XML parser reads it.
 * The one renderer of gradcheck's pages: the suite report's and the demo's.
 *
 * <p>For screen readers: headings in order (page, parts, sections, checks), tables with header
 * cells, each picture an image with a label, a verdict always in words (colour only repeats it).
 */
public final class Html {

    private static final Pattern SVG_SIZE = Pattern.compile("^<svg([^>]*?) width=\"(\\d+)\" height=\"(\\d+)\"");

    private Html() {
    }

    /** The page as polyglot HTML5. */
    public static String render(Page page) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(text(page.title())).append("</title>\n<style>\n").append(Style.CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(text(page.title())).append("</h1>");
        if (page.lead() != null) {
            h.append("<p>").append(text(page.lead())).append("</p>");
        }
        h.append("</header>\n<main>\n");
        if (page.overview() != null) {
            overview(h, page.overview());
        }
        nav(h, page.parts());
        for (Page.Part part : page.parts()) {
            h.append("<section class=\"part\" id=\"").append(attr(part.id())).append("\" aria-labelledby=\"")
                    .append(attr(part.id())).append("-h\">\n<h2 id=\"").append(attr(part.id())).append("-h\">")
                    .append(text(part.heading())).append("</h2>\n");
            if (part.intro() != null) {
                h.append("<p class=\"intro\">").append(text(part.intro())).append("</p>\n");
            }
            for (Page.Section s : part.sections()) {
                section(h, s);
            }
            h.append("</section>\n");
        }
        h.append("</main>\n<footer>").append(text(page.footer())).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, Page.Overview o) {
        h.append("<section class=\"overview\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
        h.append("<dl class=\"stats\">");
        for (Page.Stat s : o.stats()) {
            h.append("<div class=\"stat ").append(tone(s.tone())).append("\"><dt>").append(text(s.label()))
                    .append("</dt><dd>").append(text(s.value())).append("</dd></div>");
        }
        h.append("</dl>\n<div class=\"tables\">\n");
        if (!o.failures().isEmpty()) {
            h.append("<table class=\"counts\">\n<caption>Failed checks by status and mistake</caption>\n<thead><tr>")
                    .append("<th scope=\"col\">status</th><th scope=\"col\">mistake</th><th scope=\"col\" class=\"num\">")
                    .append("checks</th></tr></thead>\n<tbody>\n");
            for (Page.Count c : o.failures()) {
                h.append("<tr><td>").append(badge(new Page.Badge(c.status(), Page.Tone.FAILED))).append("</td><td>")
                        .append(c.mistake().equals("NONE") ? "—" : badge(new Page.Badge(c.mistake(), Page.Tone.MISTAKE)))
                        .append("</td><td class=\"num\">").append(c.count()).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (!o.slowest().isEmpty()) {
            h.append("<table class=\"counts\">\n<caption>Slowest checks</caption>\n<thead><tr>")
                    .append("<th scope=\"col\" class=\"num\">time</th><th scope=\"col\">test</th>")
                    .append("<th scope=\"col\">check</th></tr></thead>\n<tbody>\n");
            for (Page.Slow s : o.slowest()) {
                h.append("<tr><td class=\"num\">").append(text(s.duration())).append("</td><td><a href=\"#")
                        .append(attr(s.href())).append("\">").append(text(s.test())).append("</a></td><td>")
                        .append(text(s.what())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void nav(StringBuilder h, List<Page.Part> parts) {
        h.append("<nav aria-label=\"Contents\">\n");
        for (Page.Part part : parts) {
            String heading = text(part.heading()) + " (" + part.sections().size() + ")";
            h.append(part.folded() ? "<details><summary class=\"nav-part\">" + heading + "</summary>\n"
                    : "<p class=\"nav-part\">" + heading + "</p>\n").append("<ul>\n");
            for (Page.Section s : part.sections()) {
                h.append("<li>");
                if (!s.badges().isEmpty()) {
                    h.append(badge(s.badges().get(0)));
                }
                h.append("<a href=\"#").append(attr(s.id())).append("\">").append(text(s.heading())).append("</a></li>\n");
            }
            h.append(part.folded() ? "</ul>\n</details>\n" : "</ul>\n");
        }
        h.append("</nav>\n");
    }

    private static void section(StringBuilder h, Page.Section s) {
        h.append("<section class=\"check ").append(tone(s.tone())).append("\" id=\"").append(attr(s.id()))
                .append("\" aria-labelledby=\"").append(attr(s.id())).append("-h\">\n");
        h.append("<div class=\"verdict\">");
        s.badges().forEach(b -> h.append(badge(b)));
        if (s.remark() != null) {
            h.append("<span class=\"remark ").append(tone(s.remarkTone())).append("\">").append(text(s.remark()))
                    .append("</span>");
        }
        h.append("</div>\n<h3 id=\"").append(attr(s.id())).append("-h\">").append(text(s.heading())).append("</h3>\n");
        if (s.subheading() != null) {
            h.append("<p class=\"sub\">").append(text(s.subheading())).append("</p>\n");
        }
        if (s.note() != null && !s.note().isBlank()) {
            h.append("<p class=\"note\">").append(text(s.note())).append("</p>\n");
        }
        for (Page.Block b : s.blocks()) {
            block(h, b);
        }
        h.append("</section>\n");
    }

    private static void block(StringBuilder h, Page.Block b) {
        h.append("<div class=\"block\">\n");
        if (b.collapsed()) {
            // folded: one line says what was checked and how it came out; the rest opens on demand
            h.append("<details><summary>");
            b.badges().forEach(badge -> h.append(badge(badge)));
            if (b.heading() != null) {
                h.append("<span class=\"what\">").append(text(b.heading())).append("</span> — ");
            }
            h.append(text(b.headline())).append("</summary>\n");
        } else {
            if (b.heading() != null) {
                h.append("<h4>").append(text(b.heading())).append("</h4>\n");
            }
            if (!b.badges().isEmpty()) {
                h.append("<div class=\"verdict\">");
                b.badges().forEach(badge -> h.append(badge(badge)));
                h.append("</div>\n");
            }
            h.append("<p class=\"headline\">").append(text(b.headline())).append("</p>\n");
        }
        h.append("<div class=\"body\">\n");
        if (!b.facts().isEmpty()) {
            h.append("<table class=\"facts\">\n<caption class=\"hidden\">Facts of the check</caption>\n<tbody>\n");
            for (Map.Entry<String, String> fact : b.facts().entrySet()) {
                h.append("<tr><th scope=\"row\">").append(text(fact.getKey())).append("</th><td>")
                        .append(text(fact.getValue())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (b.picture() != null) {
            h.append("<figure class=\"picture\">").append(picture(b.picture(), b.pictureLabel()))
                    .append("<figcaption>").append(text(b.pictureLabel())).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
        if (b.counterexample() != null) {
            h.append("<div class=\"shrunk\"><h5>Shrunk counterexample</h5><pre><code>").append(text(b.counterexample()))
                    .append("</code></pre></div>\n");
        }
        if (b.replay() != null) {
            h.append("<p class=\"replay\"><span class=\"label\">Replay</span> <code>").append(text(b.replay()))
                    .append("</code></p>\n");
        }
        if (b.collapsed()) {
            h.append("</details>\n");
        }
        h.append("</div>\n");
    }

    /**
     * A heatmap picture for inline use: an image with a label (its cells' tooltips are not read
     * one by one), scaled to fit with a viewBox from its own width and height.
     */
    static String picture(String svg, String label) {
        String trimmed = svg.strip();
        Matcher m = SVG_SIZE.matcher(trimmed);
        String extra = " role=\"img\" aria-label=\"" + attr(label) + "\"";
        if (m.find()) {
            return "<svg" + m.group(1) + " width=\"" + m.group(2) + "\" height=\"" + m.group(3) + "\" viewBox=\"0 0 "
                    + m.group(2) + " " + m.group(3) + "\"" + extra + trimmed.substring(m.end());
        }
        return trimmed.startsWith("<svg") ? "<svg" + extra + trimmed.substring(4) : trimmed;
    }

    static String badge(Page.Badge b) {
        return "<span class=\"badge " + tone(b.tone()) + "\">" + text(b.text()) + "</span>";
    }

    private static String tone(Page.Tone tone) {
        return tone.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Text content: the XML and HTML special characters escaped, control characters dropped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c); // XML 1.0 has no other control characters
                    }
                }
            }
        }
        return out.toString();
    }

    static String attr(String s) {
        return text(s).replace("\n", "&#10;");
    }
}
