package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextfileExporterTest {
    private static List<String> samples(String text) {
        return text.lines().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void everyFigureIsASampleWithHelpAndType() {
        String text = TextfileExporter.format(StatusSnapshotTest.snapshot(Duration.ofMillis(250), null, null));
        assertEquals(List.of(
                "jdaemon_start_time_seconds 1796319601.250",
                "jdaemon_interval_seconds 0.25",
                "jdaemon_records_written_total 42",
                "jdaemon_last_record_timestamp_seconds 1796320011.250",
                "jdaemon_slots_skipped_total 2",
                "jdaemon_write_failures_total 3",
                "jdaemon_write_outage 0"), samples(text));
        assertTrue(text.contains("# TYPE jdaemon_records_written_total counter\n"), text);
        assertTrue(text.contains("# TYPE jdaemon_last_record_timestamp_seconds gauge\n"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void anOutageHasItsStartAndItsReasonAsAnEscapedLabel() {
        String text = TextfileExporter.format(StatusSnapshotTest.snapshot(Duration.ofSeconds(10),
                StatusSnapshotTest.START.plusSeconds(420), "say \"no\"\n"));
        List<String> samples = samples(text);
        assertEquals("jdaemon_write_outage 1", samples.get(6));
        assertEquals("jdaemon_write_outage_start_timestamp_seconds{reason=\"say \\\"no\\\"\\\\n\"} 1796320021.250",
                samples.get(7));
    }
}
