package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutageLogTest {
    private static final Path FILE = Path.of("/var/lib/jdaemon/test.txt");

    @Test
    void logsOneWarningPerEpisodeAndOneRecovery() {
        try (CapturedLog log = new CapturedLog(OutageLogTest.class)) {
            OutageLog outages = new OutageLog(OutageLogTest.class);
            outages.succeeded(FILE);
            for (int i = 0; i < 1000; i++) {
                outages.failed(FILE, new NoSuchFileException(FILE.toString()));
            }
            outages.failed(FILE, new AccessDeniedException(FILE.toString()));
            outages.succeeded(FILE);
            outages.succeeded(FILE);
            outages.failed(FILE, new FileSystemException(FILE.toString(), null, "No space left on device"));
            assertEquals(List.of(
                    "WARN cannot write records to " + FILE + ": no such file or directory; "
                            + "retrying at every interval, logged again when it works",
                    "INFO writing records to " + FILE + " works again; 1001 record(s) could not be written meanwhile",
                    "WARN cannot write records to " + FILE + ": No space left on device; "
                            + "retrying at every interval, logged again when it works"),
                    log.lines());
        }
    }
}
