package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop against the real clock. Bounds are loose on purpose: they catch a broken loop (no records,
 * a burst, a stop that waits for the interval) without ever failing on a busy machine; the precise
 * figures come from the benchmark.
 */
class RecordLoopTest {
    @TempDir
    Path dir;

    private final RecordLoop loop = new RecordLoop(System::nanoTime, Clock.systemUTC(), new RecordWriter(),
            new StatusReporter(List.of()), "box", 7);

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.stop(Duration.ofSeconds(5));
    }

    private Settings settings(Path output, Duration interval, String message) {
        return new Settings(dir.resolve("jdaemon.properties"), output, interval, MessageTemplate.compile(message), false,
                null);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static void awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines(file).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void writesNumberedRecordsAtAFixedRateWithoutBursts() throws Exception {
        Path out = dir.resolve("out.txt");
        long start = System.nanoTime();
        loop.start(settings(out, Duration.ofMillis(20), "${seq} ${host} ${pid}"));
        Thread.sleep(1000);
        assertTrue(loop.stop(Duration.ofSeconds(5)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> lines = lines(out);
        assertTrue(lines.size() >= 10, "only " + lines.size() + " records in " + elapsedMillis + " ms");
        assertTrue(lines.size() <= elapsedMillis / 20 + 1, lines.size() + " records in " + elapsedMillis + " ms");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals((i + 1) + " box 7", lines.get(i));
        }
    }

    @Test
    void stopDoesNotWaitForTheRestOfTheInterval() throws Exception {
        Path out = dir.resolve("out.txt");
        loop.start(settings(out, Duration.ofSeconds(10), "hello"));
        awaitLines(out, 1);
        long start = System.nanoTime();
        assertTrue(loop.stop(Duration.ofSeconds(5)));
        long stopMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(stopMillis < 2000, "stop took " + stopMillis + " ms");
        assertEquals(List.of("hello"), lines(out));
    }

    @Test
    void reloadTakesEffectAtOnceAndKeepsCounting() throws Exception {
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");
        loop.start(settings(first, Duration.ofSeconds(10), "old ${seq}"));
        awaitLines(first, 1);
        long start = System.nanoTime();
        loop.reload(settings(second, Duration.ofSeconds(10), "new ${seq}"));
        awaitLines(second, 1);
        long reloadMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reloadMillis < 2000, "reload took " + reloadMillis + " ms");
        assertEquals(List.of("old 1"), lines(first));
        assertEquals(List.of("new 2"), lines(second));
    }

    @Test
    void aFailingOutputIsLoggedOnceAndRecoversByItself() throws Exception {
        Path sub = dir.resolve("sub");
        Path out = sub.resolve("out.txt");
        try (CapturedLog log = new CapturedLog(RecordLoop.class)) {
            loop.start(settings(out, Duration.ofMillis(10), "${seq}"));
            Thread.sleep(300);
            Files.createDirectory(sub);
            awaitLines(out, 3);
            assertTrue(loop.stop(Duration.ofSeconds(5)));
            List<String> outageLines = log.lines().stream().filter(line -> line.contains(out.toString())).toList();
            assertEquals(2, outageLines.size(), log.lines().toString());
            assertTrue(outageLines.get(0).startsWith("WARN cannot write records"), outageLines.get(0));
            assertTrue(outageLines.get(0).contains("no such file or directory"), outageLines.get(0));
            assertTrue(outageLines.get(1).startsWith("INFO writing records"), outageLines.get(1));
        }
        List<String> lines = lines(out);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(String.valueOf(i + 1), lines.get(i));
        }
    }
}
