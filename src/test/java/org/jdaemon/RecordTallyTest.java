package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RecordTallyTest {
    private static final Instant T0 = Instant.parse("2026-12-03T17:40:00Z");

    @Test
    void anOutageDatesFromItsFirstFailureAndEndsWithTheNextRecord() {
        RecordTally tally = new RecordTally(99, T0);
        tally.written(T0.plusSeconds(1));
        tally.failed(T0.plusSeconds(2), "no such file or directory");
        tally.failed(T0.plusSeconds(3), "permission denied");
        tally.skipped(4);
        StatusSnapshot failing = tally.snapshot(Duration.ofSeconds(1));
        assertTrue(failing.failing());
        assertEquals(T0.plusSeconds(2), failing.outageSince());
        assertEquals("permission denied", failing.outageReason());
        assertEquals(2, failing.failures());
        assertEquals(4, failing.skipped());
        assertEquals(T0.plusSeconds(1), failing.lastRecord());

        tally.written(T0.plusSeconds(4));
        StatusSnapshot working = tally.snapshot(Duration.ofSeconds(1));
        assertFalse(working.failing());
        assertNull(working.outageReason());
        assertEquals(2, working.written());
        assertEquals(2, working.failures());
        assertEquals(99, working.pid());
        assertEquals(T0, working.started());
    }
}
