package org.jdaemon;

/** Makes untrusted text safe for a one-line message: control characters become escapes. */
final class Printable {
    private static final int MAX_LENGTH = 200;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_LENGTH) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\uFFFD') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
