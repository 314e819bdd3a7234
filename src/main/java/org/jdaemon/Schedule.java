package org.jdaemon;

import java.time.Duration;

/**
 * Fixed-rate deadlines on a monotonic clock (nanoTime ticks): the n-th slot is due at origin + n ×
 * interval, so lateness never accumulates into drift. When the loop falls behind (a stalled JVM, a
 * SIGSTOP), only the most recent passed slot is served, at once and late; the older ones are
 * skipped, never written in a burst.
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
     * @return how many slots are skipped because a later slot is already due
     */
    long advance(long nowNanos) {
        long following = next + intervalNanos;
        if (nowNanos - following < 0) {
            next = following;
            return 0;
        }
        long skipped = (nowNanos - following) / intervalNanos;
        next = following + skipped * intervalNanos;
        return skipped;
    }
}
