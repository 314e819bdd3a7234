package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalSyntaxTest {
    @ParameterizedTest
    @CsvSource({"10, 10000", "10s, 10000", "1ms, 1", "250ms, 250", "5m, 300000", "1h, 3600000", "24h, 86400000",
            "' 7s', 7000"})
    void readsEveryUnit(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), IntervalSyntax.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0ms", "-1s", "s", "10 s", "1.5s", "10S", "1d", "1441m", "86400001ms",
            "999999999999h"})
    void refusesWhatIsNotAPositiveDurationUpTo24h(String text) {
        assertThrows(IllegalArgumentException.class, () -> IntervalSyntax.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1, 1ms", "1500, 1500ms", "10000, 10s", "120000, 2m", "7200000, 2h"})
    void formatsInTheLargestExactUnit(long millis, String text) {
        assertEquals(text, IntervalSyntax.format(Duration.ofMillis(millis)));
    }
}
