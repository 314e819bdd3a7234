package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class StatusSnapshotTest {
    static final Instant START = Instant.parse("2026-12-03T17:40:01.250Z");

    static StatusSnapshot snapshot(Duration interval, Instant outageSince, String reason) {
        return new StatusSnapshot(1234, START, interval, 42, START.plusSeconds(410), 2, 3, outageSince, reason);
    }

    @Test
    void describesTheFiguresOnOneLine() {
        assertEquals("JVM 1234 up since 2026-12-03 17:40:01 UTC; 42 records written, the last at 2026-12-03 "
                + "17:46:51 UTC; 2 slots skipped; 3 write failures",
                snapshot(Duration.ofSeconds(10), null, null).describe());
    }

    @Test
    void anOutageSaysSinceWhenAndWhyWithoutLineBreaks() {
        assertEquals("JVM 1234 up since 2026-12-03 17:40:01 UTC; 42 records written, the last at 2026-12-03 "
                + "17:46:51 UTC; 2 slots skipped; 3 write failures; writing fails since 2026-12-03 17:47:01 UTC: "
                + "bad\\ndisk", snapshot(Duration.ofSeconds(10), START.plusSeconds(420), "bad\ndisk").describe());
    }

    @Test
    void beforeTheFirstRecordThereIsNoLastOne() {
        StatusSnapshot none = new StatusSnapshot(7, START, Duration.ofSeconds(1), 0, null, 0, 0, null, null);
        assertEquals("JVM 7 up since 2026-12-03 17:40:01 UTC; 0 records written; 0 slots skipped; 0 write failures",
                none.describe());
    }

    @Test
    void lateAfterTwoIntervalsButNeverUnderTwoSeconds() {
        assertEquals(Duration.ofSeconds(20), snapshot(Duration.ofSeconds(10), null, null).lateAfter());
        assertEquals(Duration.ofSeconds(2), snapshot(Duration.ofMillis(250), null, null).lateAfter());
        assertEquals(Duration.ofSeconds(2), snapshot(Duration.ofMillis(1), null, null).lateAfter());
        assertEquals(Duration.ofHours(48), snapshot(Duration.ofHours(24), null, null).lateAfter());
    }

    @Test
    void theWatchdogWaitsThreeSecondsLongerThanLate() {
        assertEquals(Duration.ofSeconds(23), snapshot(Duration.ofSeconds(10), null, null).watchdog());
        assertEquals(Duration.ofSeconds(5), snapshot(Duration.ofMillis(250), null, null).watchdog());
    }
}
