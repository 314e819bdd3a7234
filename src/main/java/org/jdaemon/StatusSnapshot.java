package org.jdaemon;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a running jdaemon has done so far, as the record loop saw it after a record: the figures that
 * status, systemd's STATUS= line and the metrics file show.
 *
 * @param pid          the JVM's process id
 * @param started      when the record loop started
 * @param interval     the interval in force
 * @param written      records written since the start
 * @param lastRecord   when the newest record was written, or null before the first
 * @param skipped      slots of the schedule passed without a record of their own
 * @param failures     records that could not be written
 * @param outageSince  when the current write outage began, or null while writing works
 * @param outageReason why writing fails, or null while it works
 */
record StatusSnapshot(long pid, Instant started, Duration interval, long written, Instant lastRecord, long skipped,
        long failures, Instant outageSince, String outageReason) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    boolean failing() {
        return outageSince != null;
    }

    /**
     * When status calls a running jdaemon late: its newest record older than two intervals. Never
     * less than two seconds, since below an interval of a second the figures are published only
     * every {@link StatusReporter#PERIOD}.
     */
    Duration lateAfter() {
        Duration longer = interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        return longer.multipliedBy(2);
    }

    /**
     * How long systemd's watchdog waits for the record loop's next sign of life before it restarts
     * the service: a little longer than {@link #lateAfter}, so that status says late first and a JVM
     * merely slowed down by a loaded machine is not killed.
     */
    Duration watchdog() {
        return lateAfter().plusSeconds(3);
    }

    /** One line for an admin: systemd's STATUS= and the init script's status. */
    String describe() {
        StringBuilder out = new StringBuilder(160)
                .append("JVM ").append(pid).append(" up since ").append(TIME.format(started))
                .append("; ").append(written).append(" records written");
        if (lastRecord != null) {
            out.append(", the last at ").append(TIME.format(lastRecord));
        }
        out.append("; ").append(skipped).append(" slots skipped; ").append(failures).append(" write failures");
        if (failing()) {
            out.append("; writing fails since ").append(TIME.format(outageSince)).append(": ")
                    .append(Printable.of(outageReason));
        }
        return out.toString();
    }
}
