package org.jdaemon;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the admin's spelling of a duration: a whole number with {@code ms}, {@code s}, {@code m} or {@code h}. */
final class IntervalSyntax {
    static final Duration MINIMUM = Duration.ofMillis(1);
    static final Duration MAXIMUM = Duration.ofDays(1);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h)?");

    private IntervalSyntax() {
    }

    /**
     * @throws IllegalArgumentException with the reason, worded to follow "bad value 'x': "
     */
    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration: a whole number followed by ms, s, m or h (a bare number means seconds)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("must be a positive duration (at least 1ms)");
        }
        if (duration.compareTo(MAXIMUM) > 0) {
            throw new IllegalArgumentException("too large (at most 24h)");
        }
        return duration;
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
