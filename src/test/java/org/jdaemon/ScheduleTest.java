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
    void lateWritesDoNotAccumulateIntoDrift() {
        Schedule schedule = new Schedule(TEN, 0);
        for (int i = 1; i <= 1000; i++) {
            assertEquals(0, schedule.advance(schedule.next() + 9));
        }
        assertEquals(10_000, schedule.next());
    }

    @Test
    void aStallServesTheLatestPassedSlotAtOnceAndSkipsTheOlderOnes() {
        Schedule schedule = new Schedule(TEN, 0);
        assertEquals(2, schedule.advance(35));
        assertEquals(30, schedule.next());
        assertEquals(0, schedule.advance(36));
        assertEquals(40, schedule.next());
    }

    @Test
    void aWriteEndingOnTheNextSlotServesItLateWithoutSkipping() {
        Schedule schedule = new Schedule(TEN, 0);
        assertEquals(0, schedule.advance(15));
        assertEquals(10, schedule.next());
        assertEquals(0, schedule.advance(16));
        assertEquals(20, schedule.next());
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        Schedule schedule = new Schedule(TEN, Long.MAX_VALUE - 5);
        assertEquals(0, schedule.advance(Long.MAX_VALUE - 1));
        assertEquals(Long.MIN_VALUE + 4, schedule.next());
        assertEquals(0, schedule.advance(Long.MIN_VALUE + 6));
    }
}
