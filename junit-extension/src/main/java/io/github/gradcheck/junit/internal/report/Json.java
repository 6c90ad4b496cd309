package io.github.gradcheck.junit.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text from and to plain trees: {@code Map<String, ?>} (objects, in order), {@code List<?>},
 * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean} and {@code null}.
 * Written by hand so that gradcheck has no runtime dependency; it reads back what it writes (the
 * parts of a report), and any RFC 8259 text.
 */
final class Json {

    private Json() {
    }

    /** The tree as indented JSON (two spaces). NaN and infinite numbers, which JSON lacks, become null. */
    static String write(Object tree) {
        StringBuilder out = new StringBuilder();
        write(tree, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number n) {
            out.append(n.longValue());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent + "  ";
            out.append("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n").append(inner);
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, inner);
            }
            out.append('\n').append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent + "  ";
            out.append("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append(inner);
                write(list.get(i), out, inner);
            }
            out.append('\n').append(indent).append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * A string literal: quote, backslash and control characters escaped, and so are U+2028/U+2029
     * (JavaScript) and lone surrogates (not encodable in UTF-8); everything else as it is.
     */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (paired) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses JSON text: objects as {@code LinkedHashMap}, arrays as {@code ArrayList}, integers as
     * {@code Long} (as {@code Double} past its range), other numbers as {@code Double}.
     *
     * @throws IllegalArgumentException naming the position of the first error
     */
    static Object read(String text) {
        Reader reader = new Reader(text);
        Object value = reader.value();
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("text after the value");
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + at);
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        Object value() {
            space();
            if (at >= text.length()) {
                throw error("a value expected");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("'" + word + "' expected");
            }
            at += word.length();
            return value;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (at < text.length() && text.charAt(at) == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                if (at >= text.length() || text.charAt(at) != '"') {
                    throw error("a member name expected");
                }
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (at < text.length() && text.charAt(at) == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("'" + c + "' expected");
            }
            at++;
        }

        private String string() {
            StringBuilder s = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw error("an unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                } else if (c < 0x20) {
                    throw error("a control character in a string");
                } else if (c != '\\') {
                    s.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("an unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a short \\u escape");
                        }
                        try {
                            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("an unknown escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = at;
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
            }
            boolean integer = true;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c >= '0' && c <= '9') {
                    at++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    integer = false;
                    at++;
                } else {
                    break;
                }
            }
            String literal = text.substring(start, at);
            if (literal.isEmpty() || literal.equals("-")) {
                throw error("a value expected");
            }
            try {
                if (integer) {
                    try {
                        return Long.parseLong(literal);
                    } catch (NumberFormatException tooLarge) {
                        return Double.parseDouble(literal);
                    }
                }
                return Double.parseDouble(literal);
            } catch (NumberFormatException ex) {
                throw error("a bad number '" + literal + "'");
            }
        }
    }
}
