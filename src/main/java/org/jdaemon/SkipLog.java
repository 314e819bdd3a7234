package org.jdaemon;

import java.time.Duration;


/**
 * Reports skipped slots (the loop was held up past their time) at most once a minute, with how many,
 * so that a loaded machine and a short interval cannot flood the log.
 */
final class SkipLog {
    static final Duration QUIET = Duration.ofMinutes(1);

    private final Class<?> source;
    private boolean reported;
    private long lastReport;
    private long unreported;

    /** @param source the class whose logger reports the skips, looked up only when there are some */
    SkipLog(Class<?> source) {
        this.source = source;
    }

    void skipped(long slots, long nowNanos) {
        unreported += slots;
        if (!reported || nowNanos - lastReport >= QUIET.toNanos()) {
            long count = unreported;
            Logs.later(source, log -> log.warn("{} record(s) skipped: the service was held up past their time (a "
                    + "stall, a stop signal or a slow write); the latest one was written late and the schedule goes "
                    + "on without catching up (reported at most once a minute)", count));
            reported = true;
            lastReport = nowNanos;
            unreported = 0;
        }
    }
}
