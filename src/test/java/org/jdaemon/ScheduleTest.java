package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Duration TEN = Duration.ofNanos(10);

    @Test
    void firstRecordIsDueAtOnce() {
        assertEquals(1000, new Schedule(TEN, 1000).next());
    }

    @Test
    void lateRecordsDoNotAccumulateIntoDrift() {
        Schedule schedule = new Schedule(TEN, 0);
        for (int i = 1; i <= 1000; i++) {
            assertEquals(0, schedule.advance(schedule.next() + 4, schedule.next() + 9));
        }
        assertEquals(10_000, schedule.next());
    }

    /** Neither the passed slots in a burst, nor the next slot of the old grid a moment later. */
    @Test
    void aStallSkipsThePassedSlotsAndStartsAgainOneIntervalAfterTheLateRecord() {
        Schedule schedule = new Schedule(TEN, 0);
        assertEquals(4, schedule.advance(35, 36));
        assertEquals(45, schedule.next());
        assertEquals(0, schedule.advance(45, 46));
        assertEquals(55, schedule.next());
    }

    @Test
    void aRecordHalfAnIntervalLateSkipsTheNextSlot() {
        Schedule schedule = new Schedule(TEN, 0);
        assertEquals(1, schedule.advance(5, 6));
        assertEquals(15, schedule.next());
    }

    @Test
    void aWriteEndingPastTheNextSlotIsFollowedAtOnce() {
        Schedule schedule = new Schedule(TEN, 0);
        assertEquals(1, schedule.advance(0, 15));
        assertEquals(15, schedule.next());
        assertEquals(0, schedule.advance(15, 16));
        assertEquals(25, schedule.next());
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        Schedule schedule = new Schedule(TEN, Long.MAX_VALUE - 5);
        assertEquals(0, schedule.advance(Long.MAX_VALUE - 4, Long.MAX_VALUE - 1));
        assertEquals(Long.MIN_VALUE + 4, schedule.next());
        assertEquals(0, schedule.advance(Long.MIN_VALUE + 5, Long.MIN_VALUE + 6));
        assertEquals(Long.MIN_VALUE + 14, schedule.next());
    }
}
