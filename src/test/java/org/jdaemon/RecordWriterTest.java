package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordWriterTest {
    private final RecordWriter writer = new RecordWriter();

    @TempDir
    Path dir;

    private static byte[] record(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** write(2) calls made by this thread so far, as the kernel counts them. */
    private static long writeSyscalls() throws IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/io")).stream()
                .filter(line -> line.startsWith("syscw:"))
                .mapToLong(line -> Long.parseLong(line.substring("syscw:".length()).strip()))
                .findFirst().orElseThrow();
    }

    @Test
    void appendsEachRecordInExactlyOneWrite() throws IOException {
        Path out = dir.resolve("out.txt");
        for (String text : new String[] {"first", "second", "x".repeat(3000)}) {
            long before = writeSyscalls();
            writer.append(out, record(text), true);
            assertEquals(1, writeSyscalls() - before, "write(2) calls for the record '" + text.substring(0, 5) + "'");
        }
        assertEquals("first\nsecond\n" + "x".repeat(3000) + "\n", Files.readString(out));
    }

    @Test
    void createsTheFileWithMode0640() throws IOException {
        Path out = dir.resolve("out.txt");
        writer.append(out, record("a"), false);
        assertEquals(RecordWriter.MODE, Files.getPosixFilePermissions(out));
    }

    @Test
    void followsALogrotateMoveAndCreate() throws IOException {
        Path out = dir.resolve("out.txt");
        writer.append(out, record("before"), false);
        Files.move(out, dir.resolve("out.txt.1"));
        writer.append(out, record("after"), false);
        assertEquals("before\n", Files.readString(dir.resolve("out.txt.1")));
        assertEquals("after\n", Files.readString(out));
    }

    @Test
    void neverWritesThroughASymbolicLink() throws IOException {
        Path target = dir.resolve("elsewhere.txt");
        Files.writeString(target, "");
        Path out = Files.createSymbolicLink(dir.resolve("out.txt"), target);
        assertThrows(IOException.class, () -> writer.append(out, record("a"), false));
        assertEquals("", Files.readString(target));
    }

    @Test
    void refusesAFifoWithoutBlocking() throws Exception {
        Path out = dir.resolve("out.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", out.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IOException.class, () -> writer.append(out, record("a"), false)));
    }

    @Test
    void failsWhileTheDirectoryIsGoneAndWorksOnceItIsBack() throws IOException {
        Path sub = dir.resolve("sub");
        Path out = sub.resolve("out.txt");
        assertThrows(IOException.class, () -> writer.append(out, record("lost"), false));
        assertFalse(Files.exists(sub));
        Files.createDirectory(sub);
        writer.append(out, record("back"), false);
        assertEquals("back\n", Files.readString(out));
    }
}
