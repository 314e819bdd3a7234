package org.jdaemon;

import java.time.Duration;

/**
 * Fixed-rate deadlines on a monotonic clock (nanoTime ticks): the n-th record is due at origin + n ×
 * interval, so lateness never accumulates into drift. Slots that have already passed when the loop
 * gets to them (a stalled JVM, a SIGSTOP) are skipped, never written in a burst.
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
     * @param nowNanos the clock after the record was written
     * @return how many slots were skipped because their deadline had already passed
     */
    long advance(long nowNanos) {
        long following = next + intervalNanos;
        if (nowNanos - following < 0) {
            next = following;
            return 0;
        }
        long skipped = (nowNanos - following) / intervalNanos + 1;
        next = following + skipped * intervalNanos;
        return skipped;
    }
}
