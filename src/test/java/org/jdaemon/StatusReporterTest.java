package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reporter against a hand-driven monotonic clock: no sleeping. */
class StatusReporterTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Records what it is told as "ready N", "update N" (N: records written), "stopped". */
    private static final class Calls implements StatusSink {
        final List<String> calls = new ArrayList<>();
        int failuresLeft;

        @Override
        public String target() {
            return "calls";
        }

        @Override
        public void ready(StatusSnapshot status) throws IOException {
            call("ready " + status.written());
        }

        @Override
        public void update(StatusSnapshot status) throws IOException {
            call("update " + status.written());
        }

        @Override
        public void stopped() {
            calls.add("stopped");
        }

        private void call(String what) throws IOException {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IOException("refused");
            }
            calls.add(what);
        }
    }

    private final Calls sink = new Calls();
    private final StatusReporter reporter = new StatusReporter(List.of(sink));

    private Settings settings(Duration interval, Path metrics) {
        return new Settings(dir.resolve("jdaemon.properties"), dir.resolve("out.txt"), interval,
                MessageTemplate.compile("hello"), false, metrics);
    }

    private static StatusSnapshot status(long written, boolean failing) {
        Instant start = Instant.parse("2026-12-03T17:40:00Z");
        return new StatusSnapshot(1, start, Duration.ofMillis(10), written, start, 0, failing ? 1 : 0,
                failing ? start : null, failing ? "disk full" : null);
    }

    @Test
    void nothingBeforeReadyThenAtMostOneUpdateEveryPeriodAndAtOnceWhenWritingFailsOrWorksAgain() {
        Settings settings = settings(Duration.ofMillis(10), null);
        reporter.recorded(settings, status(1, false), 10 * MS);
        reporter.ready(settings, status(1, false), 15 * MS);
        for (int i = 2; i <= 120; i++) {
            reporter.recorded(settings, status(i, i >= 101 && i <= 110), i * 10 * MS);
        }
        assertEquals(List.of("ready 1", "update 52", "update 101", "update 111"), sink.calls);
    }

    @Test
    void theFirstRecordAtOnce() {
        Settings settings = settings(Duration.ofSeconds(10), null);
        reporter.ready(settings, status(0, false), 0);
        reporter.recorded(settings, status(1, false), MS);
        reporter.recorded(settings, status(2, false), 2 * MS);
        assertEquals(List.of("ready 0", "update 1"), sink.calls);
    }

    @Test
    void newSettingsAreReportedAtOnce() {
        reporter.ready(settings(Duration.ofSeconds(10), null), status(1, false), 0);
        reporter.recorded(settings(Duration.ofMillis(10), null), status(2, false), MS);
        assertEquals(List.of("ready 1", "update 2"), sink.calls);
    }

    @Test
    void aSinkIsToldItIsReadyUntilItHasTakenItIn() {
        sink.failuresLeft = 1;
        Settings settings = settings(Duration.ofSeconds(1), null);
        reporter.ready(settings, status(1, false), 0);
        reporter.recorded(settings, status(2, false), 1000 * MS);
        reporter.recorded(settings, status(3, false), 2000 * MS);
        assertEquals(List.of("ready 2", "update 3"), sink.calls);
    }

    @Test
    void theMetricsFileFollowsTheSettingsAndGoesAtStop() throws Exception {
        Path first = dir.resolve("a.prom");
        Path second = dir.resolve("b.prom");
        reporter.ready(settings(Duration.ofSeconds(1), first), status(1, false), 0);
        assertTrue(Files.readString(first).contains("jdaemon_records_written_total 1\n"));
        reporter.recorded(settings(Duration.ofSeconds(1), second), status(2, false), MS);
        assertFalse(Files.exists(first));
        assertTrue(Files.readString(second).contains("jdaemon_records_written_total 2\n"));
        reporter.stopped();
        assertFalse(Files.exists(second));
        assertEquals("stopped", sink.calls.get(sink.calls.size() - 1));
    }
}
