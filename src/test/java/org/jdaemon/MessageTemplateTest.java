package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTemplateTest {
    private static final MessageTemplate.Values VALUES =
            new MessageTemplate.Values(42, Instant.parse("2026-11-24T17:03:04.005Z"), "box", 1234);

    @Test
    void expandsEveryPlaceholder() {
        assertEquals("#42 2026-11-24T17:03:04.005Z box 1234",
                MessageTemplate.compile("#${seq} ${time} ${host} ${pid}").render(VALUES));
    }

    @Test
    void keepsMillisecondsWhenTheyAreZero() {
        assertEquals("2026-11-24T17:03:04.000Z", MessageTemplate.compile("${time}")
                .render(new MessageTemplate.Values(1, Instant.parse("2026-11-24T17:03:04Z"), "h", 1)));
    }

    @Test
    void leavesPlainTextAndLoneDollarsAlone() {
        assertEquals("hello $ {seq} $5 $42x", MessageTemplate.compile("hello $ {seq} $5 $${seq}x").render(VALUES));
    }

    @Test
    void repeatsAPlaceholder() {
        assertEquals("42-42", MessageTemplate.compile("${seq}-${seq}").render(VALUES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "${unknown}", "${seq", "${}", "${SEQ}"})
    void refusesWhatCannotBeOneRecord(String source) {
        assertThrows(IllegalArgumentException.class, () -> MessageTemplate.compile(source));
    }
}
