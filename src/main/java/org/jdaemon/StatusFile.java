package org.jdaemon;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The init script's view of the running JVM: one {@code key=value} line per figure, replaced whole at
 * every update. Its first appearance is the readiness that {@code jdaemon-jsvc start} waits for; root's
 * status command parses it (never sources it: the service user writes it). Times are milliseconds since
 * the epoch, empty when there is none; {@code summary} is {@link StatusSnapshot#describe}.
 */
final class StatusFile {
    private StatusFile() {
    }

    static StatusSink at(Path path) {
        return new FileSink(path, StatusFile::format);
    }

    static String format(StatusSnapshot status) {
        return "pid=" + status.pid() + "\n"
                + "started=" + millis(status.started()) + "\n"
                + "interval_ms=" + status.interval().toMillis() + "\n"
                + "late_after_ms=" + status.lateAfter().toMillis() + "\n"
                + "records=" + status.written() + "\n"
                + "last_record=" + millis(status.lastRecord()) + "\n"
                + "skipped=" + status.skipped() + "\n"
                + "write_failures=" + status.failures() + "\n"
                + "outage_since=" + millis(status.outageSince()) + "\n"
                + "summary=" + status.describe() + "\n";
    }

    private static String millis(Instant time) {
        return time == null ? "" : String.valueOf(time.toEpochMilli());
    }
}
