package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {
    @TempDir
    Path dir;

    @Test
    void oneKeyPerLineWholeAndReadableByAll() throws Exception {
        Path path = dir.resolve("status");
        StatusSink file = StatusFile.at(path);
        StatusSnapshot status = StatusSnapshotTest.snapshot(Duration.ofSeconds(10),
                StatusSnapshotTest.START.plusSeconds(420), "permission denied");
        file.ready(status);
        assertEquals(List.of(
                "pid=1234",
                "started=1796319601250",
                "interval_ms=10000",
                "late_after_ms=20000",
                "records=42",
                "last_record=1796320011250",
                "skipped=2",
                "write_failures=3",
                "outage_since=1796320021250",
                "summary=" + status.describe()), Files.readAllLines(path));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        try (var names = Files.list(dir)) {
            assertEquals(List.of(path), names.toList());
        }
        file.stopped();
        assertFalse(Files.exists(path));
    }

    @Test
    void aLinkPlantedAtTheTemporaryNameIsNotWrittenThrough() throws Exception {
        Path target = dir.resolve("target");
        Files.writeString(target, "mine");
        Files.createSymbolicLink(dir.resolve("status.tmp"), target);
        StatusFile.at(dir.resolve("status")).update(StatusSnapshotTest.snapshot(Duration.ofSeconds(1), null, null));
        assertEquals("mine", Files.readString(target));
    }
}
