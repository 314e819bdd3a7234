package org.jdaemon;

import java.time.Duration;
import java.time.Instant;

/**
 * The record loop's running figures, counted by the loop's own thread (and read by others only
 * after it has ended), from which each {@link StatusSnapshot} is taken.
 */
final class RecordTally {
    private final long pid;
    private final Instant started;
    private long written;
    private Instant lastRecord;
    private long skipped;
    private long failures;
    private Instant outageSince;
    private String outageReason;

    RecordTally(long pid, Instant started) {
        this.pid = pid;
        this.started = started;
    }

    void written(Instant at) {
        written++;
        lastRecord = at;
        outageSince = null;
        outageReason = null;
    }

    /** The outage dates from its first failure; its reason is the latest one. */
    void failed(Instant at, String reason) {
        failures++;
        if (outageSince == null) {
            outageSince = at;
        }
        outageReason = reason;
    }

    void skipped(long slots) {
        skipped += slots;
    }

    long written() {
        return written;
    }

    long skipped() {
        return skipped;
    }

    StatusSnapshot snapshot(Duration interval) {
        return new StatusSnapshot(pid, started, interval, written, lastRecord, skipped, failures, outageSince,
                outageReason);
    }
}
