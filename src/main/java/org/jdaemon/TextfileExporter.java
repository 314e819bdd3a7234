package org.jdaemon;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the figures in Prometheus' text exposition format to {@code metrics.file}, for
 * node_exporter's textfile collector, replaced whole at every update. Counters start again at 0 with
 * every JVM, as Prometheus expects of a restarted process. A clean stop removes the file: figures left
 * behind would pass for a running service.
 */
final class TextfileExporter {
    private TextfileExporter() {
    }

    static StatusSink at(Path path) {
        return new FileSink(path, TextfileExporter::format);
    }

    static String format(StatusSnapshot status) {
        StringBuilder out = new StringBuilder(1600);
        metric(out, "jdaemon_start_time_seconds", "gauge", "When the running JVM started writing records, "
                + "in seconds since the epoch.", seconds(status.started()));
        metric(out, "jdaemon_interval_seconds", "gauge", "The time between two records (output.interval).",
                String.valueOf(status.interval().toMillis() / 1000.0));
        metric(out, "jdaemon_records_written_total", "counter", "Records written since the JVM started.",
                String.valueOf(status.written()));
        metric(out, "jdaemon_last_record_timestamp_seconds", "gauge", "When the newest record was written, in "
                + "seconds since the epoch (0 before the first); late when older than two intervals.",
                status.lastRecord() == null ? "0" : seconds(status.lastRecord()));
        metric(out, "jdaemon_slots_skipped_total", "counter", "Slots of the schedule passed without a record "
                + "of their own (the service was held up).", String.valueOf(status.skipped()));
        metric(out, "jdaemon_write_failures_total", "counter", "Records that could not be written.",
                String.valueOf(status.failures()));
        metric(out, "jdaemon_write_outage", "gauge", "1 while writing records fails, else 0.",
                status.failing() ? "1" : "0");
        if (status.failing()) {
            metric(out, "jdaemon_write_outage_start_timestamp_seconds{reason=\"" + label(status.outageReason())
                    + "\"}", "gauge", "When the current write outage began, in seconds since the epoch, and why.",
                    seconds(status.outageSince()));
        }
        return out.toString();
    }

    private static void metric(StringBuilder out, String sample, String type, String help, String value) {
        int labels = sample.indexOf('{');
        String name = labels < 0 ? sample : sample.substring(0, labels);
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(sample).append(' ').append(value).append('\n');
    }

    private static String seconds(Instant time) {
        return time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000);
    }

    /** A label value: backslash, double quote and newline escaped, as the format requires. */
    private static String label(String text) {
        return Printable.of(text).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
