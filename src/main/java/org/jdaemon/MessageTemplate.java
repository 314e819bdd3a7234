package org.jdaemon;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a record, compiled once so that writing a record does no parsing.
 * Placeholders: {@code ${seq}}, {@code ${time}}, {@code ${host}}, {@code ${pid}}.
 */
final class MessageTemplate {
    static final List<String> PLACEHOLDERS = List.of("seq", "time", "host", "pid");

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What a placeholder is replaced with, for one record. */
    record Values(long seq, Instant time, String host, long pid) {
    }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private MessageTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException with the reason, worded to follow "bad value 'x': "
     */
    static MessageTemplate compile(String source) {
        if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("must be one line (a newline is added to each record)");
        }
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (from < source.length()) {
            int open = source.indexOf("${", from);
            if (open < 0) {
                parts.add(new Literal(source.substring(from)));
                break;
            }
            if (open > from) {
                parts.add(new Literal(source.substring(from, open)));
            }
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("placeholder '${' is not closed with '}'");
            }
            String name = source.substring(open + 2, close);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder '${" + Printable.of(name)
                        + "}' (known: ${seq}, ${time}, ${host}, ${pid})");
            }
            parts.add(new Placeholder(name));
            from = close + 1;
        }
        return new MessageTemplate(source, parts);
    }

    /** The record's text, without the newline. */
    String render(Values values) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                switch (placeholder.name()) {
                    case "seq" -> out.append(values.seq());
                    case "time" -> ISO_MILLIS.formatTo(values.time(), out);
                    case "host" -> out.append(values.host());
                    default -> out.append(values.pid());
                }
            }
        }
        return out.toString();
    }

    String source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageTemplate that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
