package org.jdaemon;

import java.time.Duration;

/**
 * Fixed-rate deadlines on a monotonic clock (nanoTime ticks): the n-th slot is due at origin + n ×
 * interval, so lateness never accumulates into drift. A record started half an interval late or more
 * (a stalled JVM, a SIGSTOP, a loaded machine), or one whose write ran past the next slot (a blocked
 * write), restarts the schedule from that record: the next one follows a whole interval after it
 * started, or at once when its write took longer than that, and the slots passed meanwhile are
 * skipped. So records are never written in a burst, nor a fraction of an interval apart.
 */
final class Schedule {
    private final long intervalNanos;
    private long next;

    Schedule(Duration interval, long originNanos) {
        this.intervalNanos = interval.toNanos();
        this.next = originNanos;
    }

    /** When the next record is due, in ticks of the same clock as the origin. */
    long next() {
        return next;
    }

    /**
     * Moves past the slot just served.
     *
     * @param startedNanos the clock when the record was started (its ${time})
     * @param nowNanos     the clock after the record was written
     * @return how many slots are skipped: passed without a record of their own
     */
    long advance(long startedNanos, long nowNanos) {
        long following = next + intervalNanos;
        if (startedNanos - next < intervalNanos / 2 && nowNanos - following < 0) {
            next = following;
            return 0;
        }
        long restart = startedNanos + intervalNanos;
        long due = nowNanos - restart < 0 ? restart : nowNanos;
        long skipped = (due - next - 1) / intervalNanos;
        next = due;
        return skipped;
    }
}
