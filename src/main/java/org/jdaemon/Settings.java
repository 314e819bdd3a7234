package org.jdaemon;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated configuration of a running jdaemon. Built only by {@link SettingsLoader}, so every
 * instance is known to be usable.
 *
 * @param source   the file these settings were read from
 * @param output   {@code output.file}: absolute path records are appended to
 * @param interval {@code output.interval}: time between records
 * @param message  {@code output.message}: the text of each record
 * @param fsync    {@code output.fsync}: whether each record is forced to disk before the next
 * @param metrics  {@code metrics.file}: where the figures go in Prometheus' text format, or null for nowhere
 */
record Settings(Path source, Path output, Duration interval, MessageTemplate message, boolean fsync, Path metrics) {

    /** The effective settings as an admin would write them, for the log. */
    String describe() {
        return "output.file=" + output + ", output.interval=" + IntervalSyntax.format(interval)
                + ", output.message=" + Printable.of(message.source()) + ", output.fsync=" + fsync
                + ", metrics.file=" + (metrics == null ? "" : metrics);
    }
}
