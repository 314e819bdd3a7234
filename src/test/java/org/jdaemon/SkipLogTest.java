package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SkipLogTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void reportsAtMostOnceAMinuteWithTheCountSinceTheLastReport() {
        try (CapturedLog log = new CapturedLog(SkipLogTest.class)) {
            SkipLog skips = new SkipLog(SkipLogTest.class);
            skips.skipped(2, 0);
            for (int i = 1; i <= 59; i++) {
                skips.skipped(1, i * SECOND);
            }
            skips.skipped(3, 60 * SECOND);
            assertEquals(2, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).startsWith("WARN 2 record(s) skipped"), log.lines().get(0));
            assertTrue(log.lines().get(1).startsWith("WARN 62 record(s) skipped"), log.lines().get(1));
        }
    }
}
